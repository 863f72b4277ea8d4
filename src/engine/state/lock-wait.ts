/**
 * Waiting for a state lock, as Terraform's `-lock-timeout` does: durations in Go's syntax
 * (`500ms`, `10s`, `1m30s`), retry with capped backoff until the lock is free or the time is up.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { BedrockPtError } from '../errors';

const UNIT_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Milliseconds for a duration as Terraform's flag reads it (Go's time.ParseDuration, without negatives). */
export function parseDuration(text: string, flag = '--lock-timeout'): number {
  const trimmed = text.trim();
  if (trimmed === '0') return 0;
  const part = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/gy;
  let total = 0;
  let end = 0;
  for (let m = part.exec(trimmed); m; m = part.exec(trimmed)) {
    total += Number(m[1]) * UNIT_MS[m[2]];
    end = part.lastIndex;
  }
  if (trimmed === '' || end !== trimmed.length) {
    throw new BedrockPtError('usage', `${flag} must be a duration such as 500ms, 10s, 1m or 1m30s (as Terraform reads it), got ${JSON.stringify(text)}`, {
      field: flag,
    });
  }
  return Math.round(total);
}

/** `1.2s`, `850ms`, `1m30s`: how long a run waited, in the flag's own syntax. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const seconds = Math.round(ms / 100) / 10;
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  const rest = Math.round(seconds - minutes * 60);
  return rest ? `${minutes}m${rest}s` : `${minutes}m`;
}

/**
 * The wait every lock request of this process uses unless it names its own. The CLI sets it once
 * from `--lock-timeout`: the lock is taken in several layers (plan, apply, state commands), and
 * threading the flag through each would touch them all for one number.
 */
let processLockTimeoutMs = 0;

export function setLockTimeout(ms: number): void {
  processLockTimeoutMs = ms;
}

export function lockTimeout(): number {
  return processLockTimeoutMs;
}

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
