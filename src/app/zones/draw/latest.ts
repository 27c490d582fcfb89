// "Latest wins" for requests that are slower than the pointer: at most one runs at a time, only the
// newest request waits behind it (those it replaces are dropped unanswered), and a result is delivered
// only when nothing newer has been delivered already.
export interface LatestWins<Input> {
  request(input: Input): void;
  /** Drops what waits and ignores whatever answer is under way. */
  reset(): void;
}

export function latestWins<Input, Output>(
  run: (input: Input) => Promise<Output>,
  deliver: (output: Output, input: Input) => void,
  fail: (error: unknown) => void = () => {},
): LatestWins<Input> {
  let waiting: { input: Input; seq: number } | null = null;
  let running = false;
  let requested = 0;
  let delivered = 0;

  async function pump(): Promise<void> {
    running = true;
    try {
      while (waiting) {
        const job = waiting;
        waiting = null;
        try {
          const output = await run(job.input);
          if (job.seq > delivered) {
            delivered = job.seq;
            deliver(output, job.input);
          }
        } catch (error) {
          fail(error);
        }
      }
    } finally {
      running = false;
    }
  }

  return {
    request(input) {
      waiting = { input, seq: ++requested };
      if (!running) void pump();
    },
    reset() {
      waiting = null;
      delivered = ++requested;
    },
  };
}
