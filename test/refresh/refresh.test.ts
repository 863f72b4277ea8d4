/**
 * Refresh through the real @aws-sdk/client-bedrock against the emulator: one paginated List
 * per account and region, tags only for PTs the stack manages or may adopt, and one lookup per
 * distinct model — and the facts the planner needs from those reads.
 */
import { CreateProvisionedModelThroughputCommand } from '@aws-sdk/client-bedrock';
import type { Emulator } from '../../src/emulator';
import { ClientPool } from '../../src/engine/aws/clients';
import { refreshStack } from '../../src/engine/refresh/refresh';
import { ModelFactsCache } from '../../src/engine/refresh/models';
import type { ManagedState, StackConfig } from '../../src/engine/model';
import { bedrock, DEV, DEV_CUSTOM, DEV_CUSTOM_SIBLING, HAIKU_PT, PROD, startExampleEmulator } from '../emulator/helpers';
import { aDesiredPt, aManagedPt, aStack } from '../plan/builders';

let emulator: Emulator;
let pool: ClientPool;
const savedEnv = { ...process.env };

beforeAll(async () => {
  emulator = await startExampleEmulator({ createDelayMs: 0 });
});
afterAll(async () => {
  await emulator.close();
});
beforeEach(() => {
  emulator.reset();
  pool = new ClientPool({ maxAttempts: 1 });
});
afterEach(() => {
  pool.destroy();
  process.env = { ...savedEnv };
});

function useKey(who: { accessKeyId: string }): void {
  process.env.AWS_ACCESS_KEY_ID = who.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = 'not-checked';
  delete process.env.AWS_PROFILE;
  delete process.env.AWS_SESSION_TOKEN;
}

function stackAt(region: string, overrides: Partial<StackConfig> = {}): StackConfig {
  return aStack({
    provider: { region, bedrockEndpoint: emulator.url, stsEndpoint: emulator.url, defaultTags: {} },
    ...overrides,
  });
}

function emptyState(): ManagedState {
  return { lineage: 'l', serial: 1, pts: {}, pending: {} };
}

async function createPts(count: number, prefix: string, model: string, units = 1): Promise<string[]> {
  const client = bedrock(emulator, PROD);
  const arns: string[] = [];
  for (let i = 0; i < count; i++) {
    const out = await client.send(
      new CreateProvisionedModelThroughputCommand({
        provisionedModelName: `${prefix}-${i}`,
        modelId: model,
        modelUnits: units,
        commitmentDuration: 'OneMonth',
        tags: [{ key: 'Index', value: String(i) }],
      }),
    );
    arns.push(out.provisionedModelArn!);
  }
  client.destroy();
  return arns;
}

function callsByOperation(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of emulator.requests()) counts[r.operation] = (counts[r.operation] ?? 0) + 1;
  return counts;
}

describe('refreshStack', () => {
  it('reads every PT with one List call and tags only for the PTs the stack manages or names', async () => {
    useKey(PROD);
    const arns = await createPts(6, 'pt', HAIKU_PT);
    emulator.resetRequests();
    const state = emptyState();
    state.pts['aws_bedrock_provisioned_model_throughput.a'] = aManagedPt({ address: 'aws_bedrock_provisioned_model_throughput.a', arn: arns[0], name: 'pt-0' });
    const stack = stackAt(PROD.region, {
      resources: [aDesiredPt({ address: 'aws_bedrock_provisioned_model_throughput.b', name: 'pt-3', model: HAIKU_PT })],
    });

    const live = await refreshStack(stack, state, pool.forProvider(stack.provider));

    expect(live.account).toBe(PROD.account);
    expect(Object.keys(live.pts).sort()).toEqual([...arns].sort());
    expect(live.pts[arns[0]].tags).toEqual({ Index: '0' });
    expect(live.pts[arns[3]].tags).toEqual({ Index: '3' });
    expect(live.pts[arns[1]].tags).toBeUndefined();
    const calls = callsByOperation();
    expect(calls.ListProvisionedModelThroughputs).toBe(1);
    expect(calls.ListTagsForResource).toBe(2);
    expect(calls.GetProvisionedModelThroughput).toBeUndefined();
    // The PTs' ARNs already name the account.
    expect(calls.GetCallerIdentity).toBeUndefined();
  });

  it('pages through more than 1,000 PTs with maxResults 1000', async () => {
    useKey(PROD);
    emulator.setCommittedUnitsQuota(PROD.account, PROD.region, 2000);
    await createPts(1001, 'many', HAIKU_PT);
    emulator.resetRequests();

    const live = await refreshStack(stackAt(PROD.region), emptyState(), pool.forProvider(stackAt(PROD.region).provider));

    expect(Object.keys(live.pts)).toHaveLength(1001);
    const lists = emulator.requests().filter((r) => r.operation === 'ListProvisionedModelThroughputs');
    expect(lists).toHaveLength(2);
    expect(lists.every((r) => Number(r.params.maxResults) === 1000)).toBe(true);
  });

  it('looks each distinct model up once, even across stacks sharing a cache', async () => {
    useKey(DEV);
    const models = new ModelFactsCache();
    const desired = [
      aDesiredPt({ address: 'aws_bedrock_provisioned_model_throughput.a', name: 'a', model: DEV_CUSTOM }),
      aDesiredPt({ address: 'aws_bedrock_provisioned_model_throughput.b', name: 'b', model: DEV_CUSTOM }),
      aDesiredPt({ address: 'aws_bedrock_provisioned_model_throughput.c', name: 'c', model: DEV_CUSTOM_SIBLING }),
    ];
    const stack = stackAt(DEV.region, { resources: desired });
    const clients = pool.forProvider(stack.provider);

    const first = await refreshStack(stack, emptyState(), clients, { models });
    await refreshStack({ ...stack, name: 'again' }, emptyState(), clients, { models });

    const calls = callsByOperation();
    expect(calls.GetCustomModel).toBe(2);
    expect(first.models[DEV_CUSTOM]).toMatchObject({ exists: true, kind: 'custom', lifecycle: 'ACTIVE', supportsProvisioned: true });
    expect(first.models[DEV_CUSTOM].baseModelArn).toContain('foundation-model/amazon.titan-text-express-v1:0:8k');
  });

  it('reports foundation-model facts: provisioned support, lifecycle and missing models', async () => {
    useKey(PROD);
    const desired = [
      aDesiredPt({ address: 'aws_bedrock_provisioned_model_throughput.ok', name: 'ok', model: HAIKU_PT }),
      aDesiredPt({ address: 'aws_bedrock_provisioned_model_throughput.ondemand', name: 'od', model: 'anthropic.claude-3-haiku-20240307-v1:0' }),
      aDesiredPt({ address: 'aws_bedrock_provisioned_model_throughput.legacy', name: 'lg', model: 'anthropic.claude-v2:1:200k' }),
      aDesiredPt({ address: 'aws_bedrock_provisioned_model_throughput.nope', name: 'np', model: 'acme.no-such-model-v9:0' }),
    ];
    const stack = stackAt(PROD.region, { resources: desired });

    const live = await refreshStack(stack, emptyState(), pool.forProvider(stack.provider));

    expect(live.models[HAIKU_PT]).toMatchObject({ exists: true, kind: 'foundation', supportsProvisioned: true, lifecycle: 'ACTIVE' });
    expect(live.models['anthropic.claude-3-haiku-20240307-v1:0']).toMatchObject({ exists: true, supportsProvisioned: false });
    expect(live.models['anthropic.claude-v2:1:200k'].lifecycle).toBe('LEGACY');
    expect(live.models['anthropic.claude-v2:1:200k'].endOfLifeTime).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(live.models['acme.no-such-model-v9:0']).toEqual({ identifier: 'acme.no-such-model-v9:0', exists: false });
  });

  it('sees only the account and region its credentials reach', async () => {
    useKey(PROD);
    await createPts(2, 'prod', HAIKU_PT);
    useKey(DEV);
    emulator.resetRequests();

    const live = await refreshStack(stackAt(DEV.region), emptyState(), pool.forProvider(stackAt(DEV.region).provider));

    expect(live.account).toBe(DEV.account);
    expect(Object.keys(live.pts)).toHaveLength(0);
    // With no PT to read the account from, STS answers it.
    expect(emulator.requests().filter((r) => r.operation === 'GetCallerIdentity')).toHaveLength(1);
  });
});
