// fetch with the bearer token and the UI language; every failure becomes an ApiError holding the
// API's problem+json (detail, field, errors[]) or a problem made up here for network failures.
import { clearSignedIn, getSignedIn } from '../auth/signed-in.ts';
import { currentLanguage, i18n } from '../i18n/index.ts';

export interface Problem {
  status: number;
  type?: string;
  title?: string;
  detail: string;
  field?: string;
  errors?: { field: string; message: string }[];
  correlationId?: string;
  code?: string;
}

export class ApiError extends Error {
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(problem.detail);
    this.problem = problem;
  }
  get status(): number {
    return this.problem.status;
  }
}

export interface RequestOptions {
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  form?: FormData;
  idempotencyKey?: string;
  signal?: AbortSignal;
}

function toProblem(status: number, payload: unknown): Problem {
  if (payload && typeof payload === 'object' && 'detail' in payload && typeof payload.detail === 'string') {
    return { ...(payload as Problem), status };
  }
  return { status, detail: i18n.t('errors.http', { status }) };
}

async function send(method: string, path: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { 'accept-language': currentLanguage(), accept: 'application/json, application/problem+json, */*' };
  const signedIn = getSignedIn();
  if (signedIn) headers.authorization = `Bearer ${signedIn.token}`;
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
  let body: BodyInit | undefined;
  if (options.form) body = options.form;
  else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(options.query ?? {})) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const url = params.size > 0 ? `${path}?${params.toString()}` : path;
  try {
    return await fetch(url, { method, headers, ...(body !== undefined ? { body } : {}), ...(options.signal ? { signal: options.signal } : {}) });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError({ status: 0, detail: i18n.t('errors.network') });
  }
}

async function failure(response: Response): Promise<ApiError> {
  let payload: unknown = null;
  try {
    payload = await response.json();
  } catch {
    // not JSON
  }
  // A refused token ends the sign-in; the router sends the user to sign in.
  if (response.status === 401 && getSignedIn()) clearSignedIn(true);
  return new ApiError(toProblem(response.status, payload));
}

export async function api<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH', path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(method, path, options);
  if (!response.ok) throw await failure(response);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** Downloads a file with the bearer token (a plain link cannot carry it) and saves it. */
export async function downloadFile(path: string, fileName: string): Promise<void> {
  const response = await send('GET', path, {});
  if (!response.ok) throw await failure(response);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}
