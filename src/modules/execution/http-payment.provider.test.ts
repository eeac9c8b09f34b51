// The HTTP adapter against a local gateway on loopback: signature, idempotency key, outcomes.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors.ts';
import { HttpPaymentProvider, signPayload } from './http-payment.provider.ts';

const SECRET = 'test-secret';
let server: Server;
let baseUrl: string;
const seen = new Map<string, { body: Record<string, unknown>; reference: string }>();
let mode: 'ok' | 'down' | 'refuse' | 'no-reference' | 'garbled' | 'timeout' | 'conflict' | 'teapot' | 'ok-failed' = 'ok';
const paths: string[] = [];

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

beforeAll(async () => {
  server = createServer(async (req, res) => {
    paths.push(req.url ?? '');
    const raw = await readBody(req);
    const timestamp = String(req.headers['x-afterdesk-timestamp']);
    const reply = (status: number, body: object) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.headers['x-afterdesk-signature'] !== signPayload(SECRET, timestamp, raw)) return reply(401, { status: 'failed', failure_reason: 'bad signature' });
    if (mode === 'down') return reply(503, {});
    if (mode === 'refuse') return reply(422, { status: 'failed', failure_reason: 'account closed' });
    if (mode === 'ok-failed') return reply(200, { status: 'failed', failure_reason: 'insufficient merchant balance' });
    if (mode === 'no-reference') return reply(200, { status: 'succeeded' });
    if (mode === 'timeout') return reply(408, {});
    if (mode === 'conflict') return reply(409, { status: 'failed', failure_reason: 'request in progress' });
    if (mode === 'teapot') return reply(418, { message: 'unexpected' });
    if (mode === 'garbled') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end('{"status":"succ');
    }
    const key = String(req.headers['idempotency-key']);
    const previous = seen.get(key);
    if (previous) return reply(200, { status: 'succeeded', reference: previous.reference });
    const reference = `GW${seen.size + 1}`;
    seen.set(key, { body: JSON.parse(raw), reference });
    return reply(201, { status: 'succeeded', reference });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const request = { refundId: 'task-1:1', orderNo: 'DD1', amountFen: 29_900, currency: 'CNY', reason: 'AS1' };

describe('HTTP payment provider', () => {
  it('signs the request, sends the refund id as idempotency key, and a retry pays once', async () => {
    mode = 'ok';
    const provider = new HttpPaymentProvider({ baseUrl, secret: SECRET });
    const first = await provider.refund(request);
    const again = await provider.refund(request);
    expect(first).toEqual({ status: 'succeeded', providerRef: 'GW1', failureReason: null });
    expect(again.providerRef).toBe('GW1');
    expect(seen.size).toBe(1);
    expect(seen.get('task-1:1')?.body).toEqual({ refund_id: 'task-1:1', order_no: 'DD1', amount_fen: 29_900, currency: 'CNY', reason: 'AS1' });
    expect(paths).toEqual(['/v1/refunds', '/v1/refunds']);
  });

  it('pays return postage as a payout, not as a refund of the order', async () => {
    mode = 'ok';
    paths.length = 0;
    const provider = new HttpPaymentProvider({ baseUrl, secret: SECRET });
    const paid = await provider.refund({ ...request, refundId: 'task-2:1', amountFen: 1_200, purpose: 'payout' });
    expect(paid.status).toBe('succeeded');
    expect(paths).toEqual(['/v1/payouts']);
    expect(seen.get('task-2:1')?.body).toMatchObject({ payout_id: 'task-2:1', amount_fen: 1_200 });
  });

  it('reports a refusal as a failed refund, and an outage as a retryable error', async () => {
    const provider = new HttpPaymentProvider({ baseUrl, secret: SECRET });
    mode = 'refuse';
    expect(await provider.refund({ ...request, refundId: 'task-2:1' })).toEqual({ status: 'failed', providerRef: null, failureReason: 'account closed' });
    mode = 'down';
    await expect(provider.refund({ ...request, refundId: 'task-3:1' })).rejects.toBeInstanceOf(AppError);
    const wrongKey = new HttpPaymentProvider({ baseUrl, secret: 'other' });
    mode = 'ok';
    expect((await wrongKey.refund({ ...request, refundId: 'task-4:1' })).status).toBe('failed');
  });

  it('leaves a refund in doubt, never failed, when the answer does not settle it: finance retrying a failure would ask under a new id', async () => {
    const provider = new HttpPaymentProvider({ baseUrl, secret: SECRET });
    for (const unsettled of ['no-reference', 'garbled', 'timeout', 'conflict', 'teapot'] as const) {
      mode = unsettled;
      const asked = provider.refund({ ...request, refundId: `task-5-${unsettled}:1` });
      await expect(asked, unsettled).rejects.toMatchObject({ status: 502, type: 'payment-provider-unavailable' });
    }
    // A 2xx that names a refusal is one.
    mode = 'ok-failed';
    expect(await provider.refund({ ...request, refundId: 'task-6:1' })).toEqual({ status: 'failed', providerRef: null, failureReason: 'insufficient merchant balance' });
  });
});
