// Runs one load step in a worker thread, so the load generator has its own event loop and does not
// steal time from the product's (which runs in the main thread, with PGlite when used). Two drivers:
// autocannon (the default, `load.autocannon.ts`) and plain sockets (`load.sockets.ts`), which
// spends about half autocannon's CPU per request.
import { Worker } from 'node:worker_threads';

export interface LoadItem {
  orderItemId: string;
  token: string;
}

export type LoadDriver = 'sockets' | 'autocannon';

export interface LoadJob {
  url: string;
  concurrency: number;
  durationSec: number;
  /** Which load generator sends the requests; autocannon unless said otherwise. */
  driver?: LoadDriver;
  /** Per-request timeout in seconds (counted as an error; the connection is replaced). */
  timeoutSec: number;
  /** Prefix of the Idempotency-Key; the request number is appended, so every key is distinct. */
  keyPrefix: string;
  description: string;
  items: LoadItem[];
}

export interface LoadOutcome {
  /** Seconds the step actually ran: to its last case answer (sockets), autocannon's measurement (autocannon). */
  durationSec: number;
  /** Requests built and sent (each took a distinct order item and key). */
  sent: number;
  /** 201 Created answers received. */
  created: number;
  statusCounts: Record<string, number>;
  non2xx: number;
  /** Connection errors, including timeouts. */
  errors: number;
  timeouts: number;
  latency: { mean: number; p50: number; p90: number; p99: number; max: number };
  /** Order items whose request got no answer before the step ended (cut off, timed out). */
  unansweredItemIds: string[];
  /** The item pool ran out before the duration ended (the step stopped early). */
  exhausted: boolean;
  /** CPU seconds the load generator's own thread used in the step (null off Linux). */
  generatorCpuSec?: number | null;
  /** A few non-201 answers, for diagnosis. */
  samples: string[];
}

type WorkerReply = { ok: true; outcome: LoadOutcome } | { ok: false; error: string };

/** Runs the job; rejects if the worker fails or does not answer within `limitMs`. */
export function runLoad(job: LoadJob, limitMs: number): Promise<LoadOutcome> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./load.worker.ts', import.meta.url), { workerData: job });
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
      void worker.terminate();
    };
    const timer = setTimeout(() => finish(() => reject(new Error(`load step did not finish within ${limitMs} ms`))), limitMs);
    worker.on('message', (reply: WorkerReply) => {
      finish(() => (reply.ok ? resolve(reply.outcome) : reject(new Error(`load worker: ${reply.error}`))));
    });
    worker.on('error', (error) => finish(() => reject(error)));
    worker.on('exit', (code) => finish(() => reject(new Error(`load worker exited with code ${code} before answering`))));
  });
}
