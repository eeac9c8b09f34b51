import { describe, expect, it } from 'vitest';
import { createBatcher, type Settled } from './batcher.ts';

/** A batch runner whose batches finish only when the test says so. */
function gatedRunner() {
  const batches: { items: number[]; finish: (outcomes: Settled<string>[]) => void; fail: (error: unknown) => void }[] = [];
  const run = (items: number[]) =>
    new Promise<Settled<string>[]>((resolve, reject) => {
      batches.push({ items, finish: resolve, fail: reject });
    });
  return { batches, run };
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('createBatcher', () => {
  it('puts the calls of one turn into one batch and the calls made meanwhile into the next', async () => {
    const { batches, run } = gatedRunner();
    const call = createBatcher(run, { maxBatch: 10, inFlight: 1 });
    const first = [call(1), call(2), call(3)];
    await turn();
    expect(batches.map((b) => b.items)).toEqual([[1, 2, 3]]);
    const second = [call(4), call(5)];
    await turn();
    expect(batches).toHaveLength(1);
    batches[0]!.finish([1, 2, 3].map((n) => ({ ok: true, value: `a${n}` })));
    expect(await Promise.all(first)).toEqual(['a1', 'a2', 'a3']);
    await turn();
    expect(batches.map((b) => b.items)).toEqual([[1, 2, 3], [4, 5]]);
    batches[1]!.finish([{ ok: true, value: 'b4' }, { ok: false, error: new Error('refused 5') }]);
    expect(await second[0]).toBe('b4');
    await expect(second[1]).rejects.toThrow('refused 5');
  });

  it('starts the batch of the calls that waited before answering the finished one', async () => {
    const { batches, run } = gatedRunner();
    const order: string[] = [];
    const call = createBatcher<number, string>(
      (items) => {
        order.push(`run ${items.join(',')}`);
        return run(items);
      },
      { maxBatch: 10, inFlight: 1 },
    );
    const first = call(1).then((value) => order.push(`answer ${value}`));
    await turn();
    const second = call(2);
    await turn();
    expect(order).toEqual(['run 1']);
    batches[0]!.finish([{ ok: true, value: 'a1' }]);
    await first;
    expect(order).toEqual(['run 1', 'run 2', 'answer a1']);
    batches[1]!.finish([{ ok: true, value: 'b2' }]);
    expect(await second).toBe('b2');
  });

  it('answers the finished batch only after the next one has been sent, and at once when none follows', async () => {
    const { batches, run } = gatedRunner();
    const order: string[] = [];
    // Like the intake write: the statement is built over a few awaits before it goes out.
    const call = createBatcher<number, string>(
      async (items) => {
        await Promise.resolve();
        await Promise.resolve();
        order.push(`send ${items.join(',')}`);
        return run(items);
      },
      { maxBatch: 10, inFlight: 1 },
    );
    const first = call(1).then((value) => order.push(`answer ${value}`));
    await turn();
    const second = call(2).then((value) => order.push(`answer ${value}`));
    await turn();
    batches[0]!.finish([{ ok: true, value: 'a1' }]);
    await first;
    expect(order).toEqual(['send 1', 'send 2', 'answer a1']);
    // Nothing waits behind the second batch: its answer needs no turn of the event loop.
    batches[1]!.finish([{ ok: true, value: 'b2' }]);
    for (let i = 0; i < 10; i++) await Promise.resolve();
    expect(order).toEqual(['send 1', 'send 2', 'answer a1', 'answer b2']);
    await second;
  });

  it('keeps batches to their maximum size and runs up to inFlight at once', async () => {
    const { batches, run } = gatedRunner();
    const call = createBatcher(run, { maxBatch: 2, inFlight: 2 });
    const calls = [1, 2, 3, 4, 5].map((n) => call(n));
    await turn();
    expect(batches.map((b) => b.items)).toEqual([[1, 2], [3, 4]]);
    batches[0]!.finish([{ ok: true, value: 'x' }, { ok: true, value: 'y' }]);
    await Promise.all(calls.slice(0, 2));
    await turn();
    expect(batches.map((b) => b.items)).toEqual([[1, 2], [3, 4], [5]]);
    batches[1]!.finish([{ ok: true, value: 'z' }, { ok: true, value: 'w' }]);
    batches[2]!.finish([{ ok: true, value: 'v' }]);
    expect(await Promise.all(calls)).toEqual(['x', 'y', 'z', 'w', 'v']);
  });

  it('fails every call of a batch that throws, and goes on with the next batch', async () => {
    const { batches, run } = gatedRunner();
    const call = createBatcher(run, { maxBatch: 10, inFlight: 1 });
    const failing = [call(1), call(2)];
    await turn();
    const later = call(3);
    batches[0]!.fail(new Error('connection lost'));
    await expect(failing[0]).rejects.toThrow('connection lost');
    await expect(failing[1]).rejects.toThrow('connection lost');
    await turn();
    batches[1]!.finish([{ ok: true, value: 'ok' }]);
    expect(await later).toBe('ok');
  });

  it('fails a call its batch returned no outcome for', async () => {
    const call = createBatcher<number, string>(async () => [], { maxBatch: 10, inFlight: 1 });
    await expect(call(1)).rejects.toThrow(/no outcome/);
  });
});
