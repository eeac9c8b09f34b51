// Worker thread: drives POST /api/v1/cases with autocannon. Each request takes the next order
// item of the pool (never repeated) and a fresh Idempotency-Key; the per-connection context
// remembers which item is in flight, so items whose answer never arrived can be reported.
import { parentPort, workerData } from 'node:worker_threads';
import autocannon from 'autocannon';
import type { LoadJob, LoadOutcome } from './load.ts';

const job = workerData as LoadJob;
const port = parentPort;
if (!port) throw new Error('load.worker.ts must run as a worker thread');

/** autocannon's per-connection context (typed `object` by @types/autocannon). */
interface Slot {
  item?: number;
}

let next = 0;
let created = 0;
let startedAt = 0;
let lastAnswerAt = 0;
let exhausted = false;
let instance: autocannon.Instance | undefined;
const answered = new Uint8Array(job.items.length);
/** Response times (ms) of every answer: autocannon only aggregates its histograms on the main thread. */
const latencies: number[] = [];
const statusCounts: Record<string, number> = {};
const samples: string[] = [];

const request: autocannon.Request = {
  method: 'POST',
  path: '/api/v1/cases',
  setupRequest(req, context) {
    const slot = context as Slot;
    const index = next;
    const item = job.items[index];
    if (!item) {
      // Out of distinct order items: stop rather than repeat one (a repeat is a duplicate, not a new case).
      exhausted = true;
      slot.item = undefined;
      instance?.stop();
      return { ...req, method: 'GET', path: '/healthz', headers: {}, body: '' };
    }
    next += 1;
    slot.item = index;
    return {
      ...req,
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${item.token}`,
        'idempotency-key': `${job.keyPrefix}-${index}`,
      },
      body: JSON.stringify({
        kind: 'return_refund',
        reason: 'no_reason',
        items: [{ orderItemId: item.orderItemId, quantity: 1 }],
        description: job.description,
      }),
    };
  },
  onResponse(status, body, context) {
    const slot = context as Slot;
    if (slot.item === undefined) return;
    answered[slot.item] = 1;
    lastAnswerAt = performance.now();
    statusCounts[status] = (statusCounts[status] ?? 0) + 1;
    if (status === 201) created += 1;
    else if (samples.length < 5) samples.push(`${status} ${body.slice(0, 300)}`);
  },
};

startedAt = performance.now();
instance = autocannon(
  {
    url: job.url,
    connections: job.concurrency,
    pipelining: 1,
    duration: job.durationSec,
    timeout: job.timeoutSec,
    requests: [request],
  },
  // Off the main thread autocannon hands back its raw result (histograms still encoded): only the
  // plain counters and the duration are read from it; latencies come from its 'response' events (below).
  (error: unknown, result: autocannon.Result) => {
    if (error) {
      port.postMessage({ ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      return;
    }
    const unansweredItemIds: string[] = [];
    for (let i = 0; i < next; i++) {
      if (!answered[i]) unansweredItemIds.push(job.items[i]!.orderItemId);
    }
    const sorted = Float64Array.from(latencies).sort();
    const at = (p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]! : 0);
    const round = (ms: number) => Math.round(ms * 100) / 100;
    const outcome: LoadOutcome = {
      // When the pool ran out, the step ended with its last case answer (the rest was /healthz).
      durationSec: exhausted ? Math.round(lastAnswerAt - startedAt) / 1000 : result.duration,
      sent: next,
      created,
      statusCounts,
      non2xx: result.non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
      latency: {
        mean: round(sorted.length ? sorted.reduce((sum, ms) => sum + ms, 0) / sorted.length : 0),
        p50: round(at(50)),
        p90: round(at(90)),
        p99: round(at(99)),
        max: round(at(100)),
      },
      unansweredItemIds,
      exhausted,
      samples,
    };
    port.postMessage({ ok: true, outcome });
  },
);
instance.on('response', (_client, _status, _bytes, responseTime) => {
  if (!exhausted) latencies.push(responseTime);
});
