// Coalescing: calls that arrive while earlier batches are in flight wait and go together in the
// next batch. At low load every batch holds one call and nothing waits; under load the fixed cost
// of a batch (a round trip, a query plan, a commit) is shared by the calls in it.

export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

export interface BatcherOptions {
  /** The most calls one batch takes. */
  maxBatch: number;
  /** How many batches may run at once (1: one after the other). */
  inFlight: number;
}

/**
 * Returns a function that queues one call and resolves with its own outcome. `runBatch` returns
 * one outcome per item, in order; if it throws, every call of the batch fails with that error.
 */
export function createBatcher<I, O>(runBatch: (items: I[]) => Promise<Settled<O>[]>, options: BatcherOptions): (item: I) => Promise<O> {
  const waiting: { item: I; resolve: (value: O) => void; reject: (error: unknown) => void }[] = [];
  let running = 0;
  /** Batches started so far: tells whether finishing one started the next. */
  let started = 0;
  let scheduled = false;

  // A batch starts after the I/O callbacks of this turn of the event loop, so the requests that
  // arrived together join it — also when the database answers without ever yielding to I/O, as
  // PGlite does, which would otherwise run every request alone.
  function schedule(): void {
    if (scheduled) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      pump();
    });
  }

  function pump(): void {
    while (running < options.inFlight && waiting.length > 0) {
      const batch = waiting.splice(0, options.maxBatch);
      running += 1;
      started += 1;
      // The calls that waited meanwhile start their batch before this one's callers are answered,
      // so the database works on the next batch while the answers of this one are written. That
      // batch is built and sent in microtasks (its statement's parts, the driver): the answers wait
      // for the next turn of the event loop, so their replies do not go first and hold it up.
      const next = (answer: () => void) => {
        running -= 1;
        const startedBefore = started;
        pump();
        if (started > startedBefore) setImmediate(answer);
        else answer();
      };
      runBatch(batch.map((b) => b.item)).then(
        (outcomes) =>
          next(() =>
            batch.forEach((b, i) => {
              const outcome = outcomes[i];
              if (outcome?.ok) b.resolve(outcome.value);
              else b.reject(outcome ? outcome.error : new Error('batch returned no outcome for a call'));
            }),
          ),
        (error: unknown) => next(() => batch.forEach((b) => b.reject(error))),
      );
    }
  }

  return (item) =>
    new Promise<O>((resolve, reject) => {
      waiting.push({ item, resolve, reject });
      schedule();
    });
}

/** Runs `fn` and captures its outcome instead of throwing. */
export async function settle<T>(fn: () => Promise<T>): Promise<Settled<T>> {
  try {
    return { ok: true, value: await fn() };
  } catch (error) {
    return { ok: false, error };
  }
}
