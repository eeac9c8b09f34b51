// What both load drivers share: which order item each request takes (each once, in order), the
// request it sends, and the bookkeeping of answers that becomes the step's LoadOutcome.
import type { LoadJob, LoadOutcome } from './load.ts';

export interface CaseRequest {
  headers: Record<string, string>;
  body: string;
}

export class LoadRecorder {
  private next = 0;
  private created = 0;
  private readonly answered: Uint8Array;
  /** Response times (ms) of every case answer. */
  private readonly latencies: number[] = [];
  private readonly statusCounts: Record<string, number> = {};
  private readonly samples: string[] = [];
  private readonly startedAt = performance.now();
  private lastAnswerAt = this.startedAt;
  /** The item pool ran out: a repeat would be a duplicate, not a new case, so the step ends. */
  exhausted = false;

  constructor(private readonly job: LoadJob) {
    this.answered = new Uint8Array(job.items.length);
  }

  /** The next unused order item's index, or undefined once the pool is used up. */
  take(): number | undefined {
    if (this.next >= this.job.items.length) {
      this.exhausted = true;
      return undefined;
    }
    return this.next++;
  }

  request(index: number): CaseRequest {
    const item = this.job.items[index]!;
    return {
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${item.token}`,
        'idempotency-key': `${this.job.keyPrefix}-${index}`,
      },
      body: JSON.stringify({
        kind: 'return_refund',
        reason: 'no_reason',
        items: [{ orderItemId: item.orderItemId, quantity: 1 }],
        description: this.job.description,
      }),
    };
  }

  answer(index: number, status: number, body: () => string): void {
    this.answered[index] = 1;
    this.lastAnswerAt = performance.now();
    this.statusCounts[status] = (this.statusCounts[status] ?? 0) + 1;
    if (status === 201) this.created += 1;
    else if (this.samples.length < 5) this.samples.push(`${status} ${body().slice(0, 300)}`);
  }

  latency(ms: number): void {
    if (!this.exhausted) this.latencies.push(ms);
  }

  /** Seconds from the start to the last case answer. */
  activeSeconds(): number {
    return Math.round(this.lastAnswerAt - this.startedAt) / 1000;
  }

  outcome(durationSec: number, counts: { non2xx: number; errors: number; timeouts: number }): LoadOutcome {
    const unansweredItemIds: string[] = [];
    for (let i = 0; i < this.next; i++) {
      if (!this.answered[i]) unansweredItemIds.push(this.job.items[i]!.orderItemId);
    }
    const sorted = Float64Array.from(this.latencies).sort();
    const at = (p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]! : 0);
    const round = (ms: number) => Math.round(ms * 100) / 100;
    return {
      durationSec,
      sent: this.next,
      created: this.created,
      statusCounts: this.statusCounts,
      ...counts,
      latency: {
        mean: round(sorted.length ? sorted.reduce((sum, ms) => sum + ms, 0) / sorted.length : 0),
        p50: round(at(50)),
        p90: round(at(90)),
        p99: round(at(99)),
        max: round(at(100)),
      },
      unansweredItemIds,
      exhausted: this.exhausted,
      samples: this.samples,
    };
  }
}
