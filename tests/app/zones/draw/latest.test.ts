// Latest wins: one request at a time, only the newest waits, stale answers are dropped.
import { describe, expect, it } from 'vitest';
import { latestWins } from '../../../../src/app/zones/draw/latest.ts';

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('latestWins', () => {
  it('runs one at a time and skips the requests a newer one replaced', async () => {
    const started: number[] = [];
    const pending = new Map<number, ReturnType<typeof deferred<number>>>();
    const delivered: number[] = [];
    const queue = latestWins(
      (n: number) => {
        started.push(n);
        const d = deferred<number>();
        pending.set(n, d);
        return d.promise;
      },
      (output) => delivered.push(output),
    );
    queue.request(1);
    queue.request(2);
    queue.request(3);
    queue.request(4);
    expect(started).toEqual([1]);
    pending.get(1)?.resolve(10);
    await tick();
    expect(delivered).toEqual([10]);
    expect(started).toEqual([1, 4]);
    pending.get(4)?.resolve(40);
    await tick();
    expect(delivered).toEqual([10, 40]);
  });

  it('drops an answer that arrives after a reset', async () => {
    const d = deferred<string>();
    const delivered: string[] = [];
    const queue = latestWins(
      () => d.promise,
      (output) => delivered.push(output),
    );
    queue.request('a');
    queue.reset();
    d.resolve('late');
    await tick();
    expect(delivered).toEqual([]);
  });

  it('reports a failure and carries on with the next request', async () => {
    const errors: unknown[] = [];
    const delivered: number[] = [];
    const queue = latestWins(
      async (n: number) => {
        if (n === 1) throw new Error('boom');
        return n;
      },
      (output) => delivered.push(output),
      (error) => errors.push(error),
    );
    queue.request(1);
    await tick();
    queue.request(2);
    await tick();
    expect(errors).toHaveLength(1);
    expect(delivered).toEqual([2]);
  });
});
