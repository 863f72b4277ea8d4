/**
 * Lets a process that must exit at once (a second Ctrl-C) do so between state writes, never in
 * the middle of one. Each write is already atomic (temp file + rename), so an exit mid-write would
 * leave the old state intact; waiting the few milliseconds a write takes also records the step it
 * was writing and leaves no temp file behind.
 */
export class StateWriteGate {
  private inFlight = 0;
  private closed = false;
  private readonly settledListeners = new Set<() => void>();

  /**
   * Runs one state write. Once the gate is closed a write never starts (its promise stays
   * pending): the process is about to exit, and a step held at its write sends nothing after it —
   * an intent that is not written is never followed by its call.
   */
  async run<T>(write: () => Promise<T>): Promise<T> {
    if (this.closed) return new Promise<T>(() => undefined);
    this.inFlight++;
    try {
      return await write();
    } finally {
      this.inFlight--;
      if (this.inFlight === 0) for (const listener of this.settledListeners) listener();
    }
  }

  /** Stops new writes; resolves once the writes under way have finished, or after `maxWaitMs`. */
  close(maxWaitMs: number): Promise<'settled' | 'timed-out'> {
    this.closed = true;
    if (this.inFlight === 0) return Promise.resolve('settled');
    return new Promise((resolve) => {
      const done = (outcome: 'settled' | 'timed-out') => {
        clearTimeout(timer);
        this.settledListeners.delete(onSettled);
        resolve(outcome);
      };
      const onSettled = () => done('settled');
      const timer = setTimeout(() => done('timed-out'), maxWaitMs);
      this.settledListeners.add(onSettled);
    });
  }
}

/** The gate every state session of this process writes through. */
export const stateWrites = new StateWriteGate();
