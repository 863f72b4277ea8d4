/** Durations as Terraform's flags write them (Go's syntax: `500ms`, `10s`, `1m30s`), read and written. */
import { BedrockPtError } from './errors';
import type { Timeouts } from './model';

const UNIT_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Milliseconds for a Go duration (time.ParseDuration, as Terraform reads `-lock-timeout` and `timeouts`), without negatives; undefined when it is not one. */
export function readDurationMs(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '0') return 0;
  const part = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/gy;
  let total = 0;
  let end = 0;
  for (let m = part.exec(trimmed); m; m = part.exec(trimmed)) {
    total += Number(m[1]) * UNIT_MS[m[2]];
    end = part.lastIndex;
  }
  return trimmed !== '' && end === trimmed.length ? Math.round(total) : undefined;
}

/** readDurationMs for a command-line flag: a bad value is a usage error naming the flag. */
export function parseDuration(text: string, flag = '--lock-timeout'): number {
  const ms = readDurationMs(text);
  if (ms === undefined) {
    throw new BedrockPtError('usage', `${flag} must be a duration such as 500ms, 10s, 1m or 1m30s (as Terraform reads it), got ${JSON.stringify(text)}`, {
      field: flag,
    });
  }
  return ms;
}

/** readDurationMs in seconds, for a `timeouts` value ("90s", "30m", "1h30m", "1500ms"); undefined when it is not a duration. */
export function readDurationSec(text: string): number | undefined {
  const ms = readDurationMs(text);
  return ms === undefined ? undefined : ms / 1000;
}

/** How long, in seconds, a resource's `timeouts` block lets `kind` wait; undefined when it sets no limit. */
export function timeoutSec(timeouts: Timeouts | undefined, kind: keyof Timeouts): number | undefined {
  const text = timeouts?.[kind];
  return text ? readDurationSec(text) : undefined;
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
