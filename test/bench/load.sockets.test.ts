// The plain-socket load driver of bench:intake: every item is sent once, answers are counted by
// status, chunked and fixed-length bodies are both read, and a request whose answer never comes
// is reported as unanswered (the bench's correctness check relies on that list).
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { LoadJob } from '../../bench/load.ts';
import { driveSockets, parseResponse } from '../../bench/load.sockets.ts';

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  server?.close();
  server = undefined;
});

/** A server answering each order item as `answer` decides; requests are recorded by item. */
async function serve(answer: (orderItemId: string, res: import('node:http').ServerResponse) => void) {
  const seen: { orderItemId: string; key: string; auth: string }[] = [];
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      const parsed = JSON.parse(body) as { items: { orderItemId: string }[]; description: string };
      seen.push({ orderItemId: parsed.items[0]!.orderItemId, key: String(req.headers['idempotency-key']), auth: String(req.headers.authorization) });
      answer(parsed.items[0]!.orderItemId, res);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

const job = (url: string, count: number, extra: Partial<LoadJob> = {}): LoadJob => ({
  url,
  driver: 'sockets',
  concurrency: 3,
  durationSec: 30,
  timeoutSec: 10,
  keyPrefix: 'k',
  description: '尺寸不合适',
  items: Array.from({ length: count }, (_, i) => ({ orderItemId: `item-${i}`, token: `token-${i % 2}` })),
  ...extra,
});

describe('plain-socket load driver', () => {
  it('sends each item once with its own key and token, and counts answers by status', async () => {
    const { url, seen } = await serve((id, res) => {
      const n = Number(id.split('-')[1]);
      if (n % 5 === 0) {
        // Chunked, with the body split over several chunks.
        res.writeHead(409, { 'content-type': 'application/problem+json' });
        res.write('{"type":"dup",');
        res.end('"detail":"已存在"}');
      } else {
        res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ id, title: '七天无理由退货' }));
      }
    });
    const outcome = await driveSockets(job(url, 20));
    expect(outcome.sent).toBe(20);
    expect(outcome.created).toBe(16);
    expect(outcome.statusCounts).toEqual({ 201: 16, 409: 4 });
    expect(outcome.non2xx).toBe(4);
    expect(outcome.exhausted).toBe(true);
    expect(outcome.unansweredItemIds).toEqual([]);
    expect(outcome.samples[0]).toBe('409 {"type":"dup","detail":"已存在"}');
    expect(seen.map((s) => s.orderItemId).sort()).toEqual(Array.from({ length: 20 }, (_, i) => `item-${i}`).sort());
    expect(new Set(seen.map((s) => s.key)).size).toBe(20);
    expect(seen.find((s) => s.orderItemId === 'item-3')).toMatchObject({ key: 'k-3', auth: 'Bearer token-1' });
  });

  it('reports a request whose answer never came as unanswered, and goes on with a new connection', async () => {
    const { url } = await serve((id, res) => {
      if (id === 'item-2') return; // never answered
      res.writeHead(201, { 'content-type': 'application/json' }).end('{}');
    });
    const outcome = await driveSockets(job(url, 8, { timeoutSec: 0.3 }));
    expect(outcome.created).toBe(7);
    expect(outcome.timeouts).toBe(1);
    expect(outcome.unansweredItemIds).toEqual(['item-2']);
    expect(outcome.sent).toBe(8);
  });
});

describe('parseResponse', () => {
  it('waits for the whole body and reads connection: close', () => {
    const head = 'HTTP/1.1 201 Created\r\nContent-Length: 7\r\nConnection: close\r\n\r\n';
    expect(parseResponse(Buffer.from(`${head}{"a":`))).toBeNull();
    expect(parseResponse(Buffer.from(`${head}{"a":1}`))).toMatchObject({ status: 201, close: true });
    expect(parseResponse(Buffer.from('HTTP/1.1 500 Internal'))).toBeNull();
    const chunked = 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n';
    expect(parseResponse(Buffer.from(chunked))?.body.toString()).toBe('abcde');
    expect(parseResponse(Buffer.from(chunked.slice(0, -2)))).toBeNull();
  });
});
