// The demo talks to the product the way any client does: HTTP requests through the real
// pipeline (access control, validation, state machine), injected without a network socket.
// A refused request stops the seed with the request and the response body.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';

export class DemoRequestError extends Error {
  constructor(
    readonly method: string,
    readonly url: string,
    readonly status: number,
    readonly responseBody: string,
    readonly requestBody: unknown,
  ) {
    super(`demo seed: ${method} ${url} answered ${status}: ${responseBody}\nrequest body: ${JSON.stringify(requestBody)}`);
    this.name = 'DemoRequestError';
  }
}

const caseSummarySchema = z.object({ id: z.string().uuid(), caseNo: z.string(), state: z.string() });
export type CaseRef = z.infer<typeof caseSummarySchema>;
const createdCaseSchema = caseSummarySchema.extend({ duplicateOf: z.string().nullable() });
const idSchema = z.object({ id: z.string().uuid() });

export interface MultipartFile {
  fileName: string;
  contentType: string;
  bytes: Buffer;
}

export class DemoApi {
  #requests = 0;

  constructor(readonly app: FastifyInstance) {}

  get requestCount(): number {
    return this.#requests;
  }

  async request(
    token: string | null,
    method: 'GET' | 'POST' | 'PUT',
    url: string,
    payload?: unknown,
    extra: { headers?: Record<string, string>; body?: Buffer } = {},
  ): Promise<unknown> {
    this.#requests += 1;
    const response = await this.app.inject({
      method,
      url,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...extra.headers },
      ...(extra.body ? { payload: extra.body } : payload !== undefined ? { payload: payload as object } : {}),
    });
    if (response.statusCode < 200 || response.statusCode >= 300) {
      throw new DemoRequestError(method, url, response.statusCode, response.body, extra.body ? '(multipart)' : payload);
    }
    return response.body ? (JSON.parse(response.body) as unknown) : null;
  }

  /** An integration upsert (admin token): returns the row id. */
  async upsert(token: string, path: string, body: unknown): Promise<string> {
    return idSchema.parse(await this.request(token, 'PUT', `/api/v1/integration/${path}`, body)).id;
  }

  async createCase(token: string, body: unknown): Promise<CaseRef> {
    const created = createdCaseSchema.parse(await this.request(token, 'POST', '/api/v1/cases', body));
    if (created.duplicateOf) {
      throw new Error(`demo seed: the request was linked to the open case ${created.duplicateOf} instead of creating a case: ${JSON.stringify(body)}`);
    }
    return created;
  }

  /** Runs a case action and checks the state it leads to. */
  async action(token: string, caseNo: string, action: string, body: unknown, expectState: string): Promise<CaseRef> {
    const summary = caseSummarySchema.parse(await this.request(token, 'POST', `/api/v1/cases/${caseNo}/actions/${action}`, body));
    if (summary.state !== expectState) {
      throw new Error(`demo seed: ${action} on ${caseNo} led to "${summary.state}", expected "${expectState}"`);
    }
    return summary;
  }

  async message(token: string, caseNo: string, body: string, visibility: 'public' | 'internal' = 'public', channel = 'web'): Promise<void> {
    await this.request(token, 'POST', `/api/v1/cases/${caseNo}/messages`, { body, visibility, channel });
  }

  /** Multipart upload of one file with its form fields (fields first, as the server reads them). */
  async upload(token: string, caseNo: string, file: MultipartFile, fields: Record<string, string>): Promise<string> {
    const boundary = `----afterdesk-demo-${caseNo}-${this.#requests}`;
    const parts: Buffer[] = [];
    for (const [name, value] of Object.entries(fields)) {
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
    }
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.fileName}"\r\nContent-Type: ${file.contentType}\r\n\r\n`,
      ),
      file.bytes,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    );
    const body = Buffer.concat(parts);
    const result = await this.request(token, 'POST', `/api/v1/cases/${caseNo}/attachments`, undefined, {
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      body,
    });
    return idSchema.parse(result).id;
  }
}
