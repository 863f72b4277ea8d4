/**
 * Runtime knobs that make the emulator misbehave on purpose: per-operation latency, token-bucket
 * rate limits and queued faults. They are not persisted: they belong to a test, not to the cloud.
 */
import type { OperationName } from './constraints';
import type { ServiceQuotasOperation } from './service-quotas';

export type EmulatedOperation = OperationName | 'GetCallerIdentity' | ServiceQuotasOperation;

/**
 * - `internal-error`: answer 500 InternalServerException without doing anything.
 * - `drop-connection`: destroy the socket without answering.
 * - `timeout`: hold the request for `holdMs` (longer than the client's timeout), then destroy it.
 * - `fail-after-success`: do the work (state changes), then answer 500 — the case idempotency tokens exist for.
 * - `unreadable-success`: do the work, then answer 200 with a body cut short, which the SDK cannot parse:
 *   the caller cannot tell the call succeeded.
 * - `access-denied`: answer 403 AccessDeniedException, as for credentials whose policy lacks the action.
 */
export type FaultKind = 'internal-error' | 'drop-connection' | 'timeout' | 'fail-after-success' | 'unreadable-success' | 'access-denied';

export interface FaultSpec {
  operation: EmulatedOperation;
  kind: FaultKind;
  /** How many of the next calls of the operation fail (default 1). */
  count?: number;
  /** For `timeout`: how long to hold the request before dropping it (default 30 000 ms). */
  holdMs?: number;
}

export interface RateLimit {
  /** Tokens added per second of emulator-clock time. */
  ratePerSecond: number;
  /** Bucket size: calls allowed in a burst. */
  burst: number;
}

interface Bucket extends RateLimit {
  tokens: number;
  refilledAt: number;
}

export class FaultControls {
  private readonly latency = new Map<EmulatedOperation, number>();
  private readonly buckets = new Map<EmulatedOperation, Bucket>();
  private readonly faults = new Map<EmulatedOperation, Array<Required<FaultSpec>>>();

  setLatency(operation: EmulatedOperation, ms: number): void {
    if (ms > 0) this.latency.set(operation, ms);
    else this.latency.delete(operation);
  }

  latencyOf(operation: EmulatedOperation): number {
    return this.latency.get(operation) ?? 0;
  }

  setRateLimit(operation: EmulatedOperation, limit: RateLimit | undefined, now: number): void {
    if (!limit) this.buckets.delete(operation);
    else this.buckets.set(operation, { ...limit, tokens: limit.burst, refilledAt: now });
  }

  /** Takes a token if one is available; false means the call is throttled. */
  admit(operation: EmulatedOperation, now: number): boolean {
    const bucket = this.buckets.get(operation);
    if (!bucket) return true;
    const elapsed = Math.max(0, now - bucket.refilledAt);
    bucket.tokens = Math.min(bucket.burst, bucket.tokens + (elapsed / 1000) * bucket.ratePerSecond);
    bucket.refilledAt = now;
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  injectFault(spec: FaultSpec): void {
    const queue = this.faults.get(spec.operation) ?? [];
    queue.push({ count: 1, holdMs: 30_000, ...spec });
    this.faults.set(spec.operation, queue);
  }

  /** The fault for this call, if any, consuming one of its remaining counts. */
  takeFault(operation: EmulatedOperation): Required<FaultSpec> | undefined {
    const queue = this.faults.get(operation);
    const fault = queue?.[0];
    if (!queue || !fault) return undefined;
    if (--fault.count <= 0) queue.shift();
    return fault;
  }

  clear(): void {
    this.latency.clear();
    this.buckets.clear();
    this.faults.clear();
  }
}
