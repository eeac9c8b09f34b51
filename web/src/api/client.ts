// fetch with the sign-in cookie (sent by the browser; the page never sees it), the CSRF token on
// unsafe calls and the UI language; every failure becomes an ApiError holding the API's
// problem+json (detail, field, errors[]) or a problem made up here for network failures.
import { clearSignedIn, csrfToken, getSignedIn, recheckSignIn } from '../auth/signed-in.ts';
import { currentLanguage, i18n } from '../i18n/index.ts';
import { noteServerTime } from '../lib/serverClock.ts';

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

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

async function send(method: Method, path: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { 'accept-language': currentLanguage(), accept: 'application/json, application/problem+json, */*' };
  const csrf = csrfToken();
  if (method !== 'GET' && csrf) headers['x-csrf-token'] = csrf;
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
    const response = await fetch(url, { method, headers, credentials: 'same-origin', ...(body !== undefined ? { body } : {}), ...(options.signal ? { signal: options.signal } : {}) });
    noteServerTime(response.headers.get('x-server-time'));
    return response;
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
  // A refused sign-in ends it here too; the router sends the user to sign in.
  if (response.status === 401 && getSignedIn()) clearSignedIn(true);
  const problem = toProblem(response.status, payload);
  // The cookie belongs to another sign-in than the page thinks (signed in again in another tab).
  if (problem.type === '/problems/csrf-failed' && getSignedIn()) recheckSignIn();
  return new ApiError(problem);
}

export async function api<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(method, path, options);
  if (!response.ok) throw await failure(response);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** Opens a server-sent event stream with the caller's credentials (EventSource cannot send them). */
export async function openEventStream(path: string, signal: AbortSignal): Promise<ReadableStream<Uint8Array>> {
  const response = await send('GET', path, { signal });
  if (!response.ok || !response.body) throw await failure(response);
  return response.body;
}

/** Downloads a file through the API (so a refusal shows as a problem, not as a page) and saves it. */
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
