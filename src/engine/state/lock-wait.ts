/**
 * Waiting for a state lock, as Terraform's `-lock-timeout` does: retry with capped backoff until
 * the lock is free or the time is up.
 */
import { setTimeout as sleep } from 'node:timers/promises';

export interface LockWaitResult<T> {
  value: T | null;
  /** How long the attempts took, first to last, in ms. */
  waitedMs: number;
}

const FIRST_PAUSE_MS = 50;
const MAX_PAUSE_MS = 1000;

/**
 * Calls `attempt` until it yields a value or `timeoutMs` has passed, pausing 50 ms, then 1.5
 * times longer each round up to 1 s, never past the deadline. One attempt when `timeoutMs` is 0.
 * Not smithy's waiter (apply/wait.ts): it races its polls against a timer, so an attempt still in
 * flight at the deadline could take the lock with nobody left to release it, and it stops early
 * when the next pause would pass the deadline, where `-lock-timeout` promises the whole duration.
 */
export async function retryUntilFree<T>(attempt: () => Promise<T | null>, timeoutMs: number): Promise<LockWaitResult<T>> {
  const started = Date.now();
  const deadline = started + timeoutMs;
  let pause = FIRST_PAUSE_MS;
  for (;;) {
    const value = await attempt();
    const now = Date.now();
    if (value !== null || now >= deadline) return { value, waitedMs: now - started };
    await sleep(Math.min(pause, deadline - now));
    pause = Math.min(pause * 1.5, MAX_PAUSE_MS);
  }
}
