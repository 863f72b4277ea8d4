/**
 * Refresh of N managed PTs: bedrock-pt's refreshStack (one paginated List, ListTagsForResource
 * per managed PT, one model lookup) against a read the way the Terraform AWS provider does it
 * (GetProvisionedModelThroughput then ListTagsForResource per resource, parallelism 10), with
 * the same SDK client configuration, against the same rate-limited emulator.
 */
import { GetProvisionedModelThroughputCommand, ListTagsForResourceCommand } from '@aws-sdk/client-bedrock';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { DEFAULT_ACCOUNT, type Emulator } from '../src/emulator';
import { mapLimit } from '../src/engine/aws/concurrency';
import type { StackClients } from '../src/engine/aws/clients';
import type { ManagedState, StackConfig } from '../src/engine/model';
import { refreshStack } from '../src/engine/refresh/refresh';
import { makeClients, type BenchClients, type ClientSetup } from './clients';
import {
  answered,
  applyLimits,
  countCalls,
  DEFAULT_LIMITS,
  floorSeconds,
  measure,
  ratesOf,
  removeLimits,
  round,
  startBenchEmulator,
  useBenchCredentials,
  type CallCounts,
  type ServiceLimits,
} from './harness';
import { BENCH_REGION, HAIKU, seedPts } from './seed';
import { desired, managed, managedState, provider, stack } from './stacks';

const TAGS = { Project: 'support-bot', Environment: 'bench', ManagedBy: 'bedrock-pt', CostCenter: 'cc-1234' };

export interface RefreshRun {
  n: number;
  side: 'bedrock-pt' | 'terraform-style';
  setup: ClientSetup;
  calls: CallCounts;
  answeredCalls: number;
  wallMs: number;
  peakRssMb: number;
  floorS: number;
  wallOverFloor: number;
  pointsRead: number;
  /** Set when the side failed (e.g. throttled on every retry); the counts are up to the failure. */
  error?: string;
}

export interface RefreshCase {
  n: number;
  runs: RefreshRun[];
  /** bedrock-pt (shipped clients) over the baseline. */
  /** Undefined when either side failed. */
  callRatio?: number;
  wallRatio?: number;
}

export interface RefreshOptions {
  sizes: number[];
  /** Sizes at which the unpaced (adaptive and standard retry) client set-ups are also measured. */
  variantSizes: number[];
  limits?: ServiceLimits;
  log?: (line: string) => void;
}

/** One GetProvisionedModelThroughput and one ListTagsForResource per resource, as a provider's Read does. */
export async function terraformStyleRefresh(state: ManagedState, clients: StackClients, parallelism = 10): Promise<number> {
  await clients.sts.send(new GetCallerIdentityCommand({}));
  const read = await mapLimit(Object.values(state.pts), parallelism, async (pt) => {
    const got = await clients.bedrock.send(new GetProvisionedModelThroughputCommand({ provisionedModelId: pt.arn }));
    const tags = await clients.bedrock.send(new ListTagsForResourceCommand({ resourceARN: got.provisionedModelArn! }));
    return tags.tags ? 1 : 0;
  });
  return read.length;
}

async function bedrockPtRefresh(config: StackConfig, state: ManagedState, clients: StackClients): Promise<number> {
  const live = await refreshStack(config, state, clients, { concurrency: 10 });
  return Object.values(live.pts).filter((p) => p.tags).length;
}

interface Fixture {
  emulator: Emulator;
  config: StackConfig;
  state: ManagedState;
}

async function fixture(n: number): Promise<Fixture> {
  const emulator = await startBenchEmulator();
  const seeded = seedPts(emulator, {
    account: DEFAULT_ACCOUNT,
    region: BENCH_REGION,
    count: n,
    namePrefix: 'bench',
    model: HAIKU,
    modelUnits: 1,
    commitment: 'OneMonth',
    tags: TAGS,
  });
  const haikuArn = `arn:aws:bedrock:${BENCH_REGION}::foundation-model/${HAIKU}`;
  const resources = seeded.map((pt, i) =>
    desired({ logicalId: `pt_${i}`, name: pt.name, model: HAIKU, modelUnits: 1, commitment: 'OneMonth', tags: { CostCenter: 'cc-1234' }, defaultTags: TAGS }),
  );
  const state = managedState(resources.map((d, i) => managed(d, seeded[i].arn, haikuArn, BENCH_REGION)));
  return { emulator, config: stack('bench', provider(emulator.url, BENCH_REGION, TAGS), resources), state };
}

async function warmUp(bench: BenchClients, arn: string): Promise<void> {
  await bench.clients.sts.send(new GetCallerIdentityCommand({}));
  await bench.clients.bedrock.send(new ListTagsForResourceCommand({ resourceARN: arn }));
}

async function runSide(f: Fixture, n: number, side: RefreshRun['side'], setup: ClientSetup, limits: ServiceLimits): Promise<RefreshRun> {
  const bench = makeClients(setup, f.config.provider, ratesOf(limits));
  try {
    removeLimits(f.emulator);
    await warmUp(bench, Object.values(f.state.pts)[0].arn);
    applyLimits(f.emulator, limits);
    f.emulator.resetRequests();
    let error: string | undefined;
    const m = await measure(() =>
      (side === 'bedrock-pt' ? bedrockPtRefresh(f.config, f.state, bench.clients) : terraformStyleRefresh(f.state, bench.clients)).catch((err: unknown) => {
        error = err instanceof Error ? err.message : String(err);
        return 0;
      }),
    );
    const calls = countCalls(f.emulator.requests());
    const floorS = floorSeconds(calls.ok, limits);
    return {
      n,
      side,
      setup,
      calls,
      answeredCalls: answered(calls),
      wallMs: round(m.wallMs, 1),
      peakRssMb: round(m.peakRssMb, 1),
      floorS: round(floorS, 3),
      wallOverFloor: round(m.wallMs / 1000 / floorS, 3),
      pointsRead: m.result,
      ...(error ? { error } : {}),
    };
  } finally {
    bench.destroy();
  }
}

export async function runRefreshBench(options: RefreshOptions): Promise<RefreshCase[]> {
  const limits = options.limits ?? DEFAULT_LIMITS;
  const log = options.log ?? (() => undefined);
  useBenchCredentials();
  const cases: RefreshCase[] = [];
  for (const n of options.sizes) {
    const f = await fixture(n);
    try {
      const sides: Array<[RefreshRun['side'], ClientSetup]> = [
        ['bedrock-pt', 'shipped'],
        ['terraform-style', 'shipped'],
      ];
      if (options.variantSizes.includes(n)) sides.push(['bedrock-pt', 'unpaced'], ['bedrock-pt', 'standard']);
      const runs: RefreshRun[] = [];
      for (const [side, setup] of sides) {
        log(`refresh N=${n}: ${side} (${setup}) ...`);
        const run = await runSide(f, n, side, setup, limits);
        if (!run.error && run.pointsRead !== n) throw new Error(`refresh N=${n} ${side}/${setup} read tags of ${run.pointsRead} PTs, expected ${n}`);
        runs.push(run);
      }
      const [ours, theirs] = runs;
      const comparable = !ours.error && !theirs.error;
      cases.push({
        n,
        runs,
        ...(comparable ? { callRatio: round(ours.answeredCalls / theirs.answeredCalls, 3), wallRatio: round(ours.wallMs / theirs.wallMs, 3) } : {}),
      });
    } finally {
      await f.emulator.close();
    }
  }
  return cases;
}
