/**
 * Apply of many creates against a create rate limit and a real Creating → InService delay:
 * wall time against the floor (creates / create rate + transition) and the status-read calls spent
 * waiting, per PT (Gets beyond the one read after each create, plus the shared Lists).
 */
import * as path from 'node:path';
import { DEFAULT_ACCOUNT } from '../src/emulator';
import { planOneStack } from '../src/engine/run/plan-stacks';
import { applyPlans } from '../src/engine/run/apply-plans';
import {
  answered,
  applyLimits,
  countCalls,
  DEFAULT_LIMITS,
  describeCalls,
  measure,
  ratesOf,
  removeLimits,
  round,
  startBenchEmulator,
  tempDir,
  useBenchCredentials,
  type CallCounts,
  type ServiceLimits,
} from './harness';
import { makePool, type ClientSetup } from './clients';
import { BENCH_REGION, HAIKU, ptName } from './seed';
import { desired, provider, stack } from './stacks';

export interface ApplyOptions {
  creates: number;
  createRatePerSecond: number;
  transitionMs: number;
  parallelism: number;
  /** 'shipped' (paced per operation) or 'unpaced' (the SDK's adaptive retry alone, as before the pacer). */
  setup?: ClientSetup;
  limits?: ServiceLimits;
}

export interface ApplyResult {
  creates: number;
  parallelism: number;
  setup: ClientSetup;
  createRatePerSecond: number;
  transitionMs: number;
  added: number;
  failed: number;
  /** The first few failure messages, verbatim. */
  failures: string[];
  /** PTs InService in the emulator when apply returned. */
  inService: number;
  calls: CallCounts;
  callSummary: string;
  answeredCalls: number;
  wallMs: number;
  peakRssMb: number;
  floorS: number;
  wallOverFloor: number;
  /** Answered GetProvisionedModelThroughput per PT, minus the one read right after the create. */
  pollsPerPt: number;
}

export async function runApplyBench(options: ApplyOptions): Promise<ApplyResult> {
  const base = options.limits ?? DEFAULT_LIMITS;
  const limits: ServiceLimits = { ...base, rates: { ...base.rates, CreateProvisionedModelThroughput: options.createRatePerSecond } };
  useBenchCredentials();
  const emulator = await startBenchEmulator({ createDelayMs: options.transitionMs });
  const dir = tempDir('bedrock-pt-bench-apply-');
  const pool = makePool(options.setup ?? 'shipped', ratesOf(limits));
  try {
    const resources = Array.from({ length: options.creates }, (_, i) =>
      desired({ logicalId: `pt_${i}`, name: ptName('apply', i), model: HAIKU, modelUnits: 1, commitment: 'OneMonth', tags: { CostCenter: 'cc-1234' } }),
    );
    const config = stack('apply', provider(emulator.url, BENCH_REGION), resources, path.join(dir, 'terraform.apply.tfstate'));
    removeLimits(emulator);
    const { plan } = await planOneStack(config, { pool, now: new Date() });
    applyLimits(emulator, limits);
    emulator.resetRequests();
    const m = await measure(() =>
      applyPlans([plan], { pool, signal: new AbortController().signal, report: () => undefined, parallelism: options.parallelism }),
    );
    const calls = countCalls(emulator.requests());
    const [result] = m.result;
    const floorS = options.creates / options.createRatePerSecond + options.transitionMs / 1000;
    const inService = emulator.inventory(DEFAULT_ACCOUNT, BENCH_REGION).filter((p) => p.status === 'InService').length;
    return {
      creates: options.creates,
      parallelism: options.parallelism,
      setup: options.setup ?? 'shipped',
      createRatePerSecond: options.createRatePerSecond,
      transitionMs: options.transitionMs,
      added: result.added,
      failed: result.failed.length,
      failures: result.failed.slice(0, 3).map((f) => `${f.address}: ${f.error}`),
      inService,
      calls,
      callSummary: describeCalls(calls),
      answeredCalls: answered(calls),
      wallMs: round(m.wallMs, 1),
      peakRssMb: round(m.peakRssMb, 1),
      floorS,
      wallOverFloor: round(m.wallMs / 1000 / floorS, 3),
      pollsPerPt: round(
        ((calls.ok.GetProvisionedModelThroughput ?? 0) - options.creates + (calls.ok.ListProvisionedModelThroughputs ?? 0)) / options.creates,
        2,
      ),
    };
  } finally {
    pool.destroy();
    await emulator.close();
  }
}
