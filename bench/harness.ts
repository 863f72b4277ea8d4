/**
 * What every benchmark shares: an emulator with a stated latency and per-operation rate limit,
 * call counts from its request log, wall time and peak RSS of a measured section.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { OperationRates } from '../src/engine/aws/pacing';
import { BEDROCK_API_CONSTRAINTS, startEmulator, type EmulatedOperation, type Emulator, type EmulatorOptions, type RequestLogEntry } from '../src/emulator';

export const DEFAULT_LATENCY_MS = 25;
export const DEFAULT_RATE_PER_SECOND = 10;

export const ALL_OPERATIONS: EmulatedOperation[] = [...(Object.keys(BEDROCK_API_CONSTRAINTS.operations) as EmulatedOperation[]), 'GetCallerIdentity'];

export interface ServiceLimits {
  latencyMs: number;
  /** Requests per second per operation (burst = one second's worth); 429 ThrottlingException beyond. */
  ratePerSecond: number;
  /** Per-operation overrides of ratePerSecond. */
  rates?: Partial<Record<EmulatedOperation, number>>;
}

export const DEFAULT_LIMITS: ServiceLimits = { latencyMs: DEFAULT_LATENCY_MS, ratePerSecond: DEFAULT_RATE_PER_SECOND };

export function rateOf(limits: ServiceLimits, operation: string): number {
  return limits.rates?.[operation as EmulatedOperation] ?? limits.ratePerSecond;
}

/** The limits as the engine's pacing rates: what a user would set BEDROCK_PT_API_RATES to. */
export function ratesOf(limits: ServiceLimits): OperationRates {
  return { '*': limits.ratePerSecond, ...limits.rates };
}

export function ratesEnv(limits: ServiceLimits): string {
  return Object.entries(ratesOf(limits))
    .map(([op, rate]) => `${op}=${rate}`)
    .join(',');
}

/** Sets latency and full token buckets on every operation (setRateLimit refills the bucket). */
export function applyLimits(emulator: Emulator, limits: ServiceLimits): void {
  for (const op of ALL_OPERATIONS) {
    emulator.setLatency(op, limits.latencyMs);
    const rate = rateOf(limits, op);
    emulator.setRateLimit(op, { ratePerSecond: rate, burst: rate });
  }
}

export function removeLimits(emulator: Emulator): void {
  for (const op of ALL_OPERATIONS) {
    emulator.setLatency(op, 0);
    emulator.setRateLimit(op, null);
  }
}

export async function startBenchEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  return startEmulator({ committedUnitsQuota: 1_000_000, ...options });
}

/** Calls per operation: answered ones and those refused with 429. */
export interface CallCounts {
  ok: Record<string, number>;
  throttled: Record<string, number>;
  total: number;
}

export function countCalls(entries: RequestLogEntry[]): CallCounts {
  const ok: Record<string, number> = {};
  const throttled: Record<string, number> = {};
  for (const e of entries) {
    const bucket = e.error === 'ThrottlingException' ? throttled : ok;
    bucket[e.operation] = (bucket[e.operation] ?? 0) + 1;
  }
  return { ok, throttled, total: entries.length };
}

/** Calls that got through: what must be made, without the 429s. */
export function answered(counts: CallCounts): number {
  return Object.values(counts.ok).reduce((a, b) => a + b, 0);
}

/** The least time the rate limits allow: per operation calls / rate, the slowest operation wins. */
export function floorSeconds(counts: Record<string, number>, limits: ServiceLimits): number {
  return Math.max(0, ...Object.entries(counts).map(([op, n]) => n / rateOf(limits, op)));
}

const SHORT: Record<string, string> = {
  ListProvisionedModelThroughputs: 'List',
  GetProvisionedModelThroughput: 'Get',
  CreateProvisionedModelThroughput: 'Create',
  ListTagsForResource: 'ListTags',
  GetFoundationModel: 'GetFM',
  GetCustomModel: 'GetCM',
  GetCallerIdentity: 'STS',
};

/** "List 1, ListTags 100, STS 1 (+35 429s)" */
export function describeCalls(counts: CallCounts): string {
  const parts = Object.entries(counts.ok)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([op, n]) => `${SHORT[op] ?? op} ${n}`);
  const refused = Object.values(counts.throttled).reduce((a, b) => a + b, 0);
  return `${parts.join(', ')}${refused ? ` (+${refused} 429s)` : ''}`;
}

export interface Measured<T> {
  result: T;
  wallMs: number;
  /** Highest sampled RSS of this process during the section (MB). */
  peakRssMb: number;
}

/** Wall time and sampled peak RSS; the emulator shares the process, so its memory is included. */
export async function measure<T>(fn: () => Promise<T>): Promise<Measured<T>> {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20);
  const start = process.hrtime.bigint();
  try {
    const result = await fn();
    const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
    peak = Math.max(peak, process.memoryUsage.rss());
    return { result, wallMs, peakRssMb: peak / 1024 / 1024 };
  } finally {
    clearInterval(timer);
  }
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Credentials the benchmark process signs with; the emulator maps unknown keys to its default account. */
export function useBenchCredentials(): void {
  process.env.AWS_ACCESS_KEY_ID = 'AKIABENCHMARK0000001';
  process.env.AWS_SECRET_ACCESS_KEY = 'not-checked';
  delete process.env.AWS_PROFILE;
  delete process.env.AWS_SESSION_TOKEN;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function round(n: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
