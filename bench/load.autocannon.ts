// The autocannon driver: one autocannon instance with `concurrency` connections, pipelining 1.
// When the step's time is up autocannon closes its connections, requests in flight included (the
// server still finishes them; they are reported as unanswered items).
import autocannon from 'autocannon';
import type { LoadJob, LoadOutcome } from './load.ts';
import { LoadRecorder } from './load.record.ts';

/** autocannon's per-connection context (typed `object` by @types/autocannon). */
interface Slot {
  item?: number;
}

export function driveAutocannon(job: LoadJob): Promise<LoadOutcome> {
  const recorder = new LoadRecorder(job);
  let instance: autocannon.Instance | undefined;
  const request: autocannon.Request = {
    method: 'POST',
    path: '/api/v1/cases',
    setupRequest(req, context) {
      const slot = context as Slot;
      const index = recorder.take();
      slot.item = index;
      if (index === undefined) {
        instance?.stop();
        return { ...req, method: 'GET', path: '/healthz', headers: {}, body: '' };
      }
      return { ...req, ...recorder.request(index) };
    },
    onResponse(status, body, context) {
      const slot = context as Slot;
      if (slot.item !== undefined) recorder.answer(slot.item, status, () => body);
    },
  };
  return new Promise((resolve, reject) => {
    instance = autocannon(
      { url: job.url, connections: job.concurrency, pipelining: 1, duration: job.durationSec, timeout: job.timeoutSec, requests: [request] },
      // Off the main thread autocannon hands back its raw result (histograms still encoded): only the
      // plain counters and the duration are read from it; latencies come from its 'response' events.
      (error: unknown, result: autocannon.Result) => {
        if (error) return reject(error instanceof Error ? error : new Error(String(error)));
        // When the pool ran out, the step ended with its last case answer (the rest was /healthz).
        const durationSec = recorder.exhausted ? recorder.activeSeconds() : result.duration;
        resolve(recorder.outcome(durationSec, { non2xx: result.non2xx, errors: result.errors, timeouts: result.timeouts }));
      },
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => recorder.latency(responseTime));
  });
}
