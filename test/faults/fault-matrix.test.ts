/**
 * The fault matrix: for every API call the applier makes, each kind of fault, injected into a
 * plan that creates, renames, re-tags, swaps a custom model, replaces and deletes. After the
 * faulty apply, plan/apply is re-run until clean, and the money invariants are checked:
 * nothing bought twice, nothing deleted that the plan did not delete, the state holds exactly
 * the managed PTs, and the final plan is empty.
 */
import { CreateProvisionedModelThroughputCommand } from '@aws-sdk/client-bedrock';
import type { Emulator, EmulatedOperation, FaultKind } from '../../src/emulator';
import { ClientPool } from '../../src/engine/aws/clients';
import { loadStacks } from '../../src/engine/run/inputs';
import { planStacks } from '../../src/engine/run/plan-stacks';
import { applyPlans } from '../../src/engine/run/apply-plans';
import { loadState } from '../../src/engine/state';
import type { StackPlan } from '../../src/engine/model';
import {
  DAY_MS,
  DEV_CUSTOM,
  DEV_CUSTOM_SIBLING,
  PT,
  SynthProject,
  devBedrockClient,
  removeTempDirs,
  startE2eEmulator,
  useProjectCredentials,
  type PtSpec,
} from '../e2e/harness';

const committed = { commitment: 'OneMonth' as const };
const BEFORE: Record<string, PtSpec> = {
  rename: { name: 'fm-rename', model: DEV_CUSTOM, units: 1, ...committed },
  retag: { name: 'fm-retag', model: DEV_CUSTOM, units: 1, tags: { Keep: 'a', Change: 'old', Drop: 'x' }, ...committed },
  swap: { name: 'fm-swap', model: DEV_CUSTOM, units: 1, ...committed },
  replace: { name: 'fm-replace', model: DEV_CUSTOM, units: 1, ...committed },
  remove: { name: 'fm-remove', model: DEV_CUSTOM, units: 1, ...committed },
};
const AFTER: Record<string, PtSpec> = {
  rename: { ...BEFORE.rename, name: 'fm-renamed' },
  retag: { ...BEFORE.retag, tags: { Keep: 'a', Change: 'new', Add: 'y' } },
  swap: { ...BEFORE.swap, model: DEV_CUSTOM_SIBLING },
  replace: { ...BEFORE.replace, units: 2 },
  create: { name: 'fm-create', model: DEV_CUSTOM, units: 1, ...committed },
};
const WANTED_NAMES = Object.values(AFTER).map((p) => p.name).sort();

const OPERATIONS: EmulatedOperation[] = [
  'CreateProvisionedModelThroughput',
  'UpdateProvisionedModelThroughput',
  'TagResource',
  'UntagResource',
  'DeleteProvisionedModelThroughput',
  'GetProvisionedModelThroughput',
  'ListProvisionedModelThroughputs',
  'ListTagsForResource',
  'GetCallerIdentity',
];
type Fault = FaultKind | 'throttling-storm';
const FAULTS: Fault[] = ['internal-error', 'drop-connection', 'timeout', 'fail-after-success', 'throttling-storm'];

/** A throttled or dropped poll ends a wait after 3 s here (the default is an hour). */
const WAIT = { minDelaySec: 0.05, maxDelaySec: 0.2, maxWaitSec: 3 };

/** Short client timeouts so a held request fails fast; the SDK retries twice before the engine sees it. */
function pool(): ClientPool {
  return new ClientPool({ maxAttempts: 2, requestTimeoutMs: 400 });
}

async function plan(project: SynthProject, emulator: Emulator): Promise<StackPlan> {
  const { stacks } = await loadStacks({ projectDir: project.dir, synthDir: project.synthDir, env: project.env, selection: { all: true } });
  const clients = pool();
  try {
    const [result] = await planStacks(stacks, { pool: clients, now: emulator.now() });
    return result.plan;
  } finally {
    clients.destroy();
  }
}

async function apply(project: SynthProject, p: StackPlan) {
  const clients = pool();
  try {
    const [result] = await applyPlans([p], { pool: clients, signal: new AbortController().signal, report: () => undefined, waitPolicy: WAIT });
    return result;
  } finally {
    clients.destroy();
  }
}

const changes = (p: StackPlan) => p.changes.filter((c) => c.action !== 'no-op');

function inject(emulator: Emulator, operation: EmulatedOperation, fault: Fault): void {
  if (fault === 'throttling-storm') {
    // Every call is throttled until the storm is lifted after the apply: retries cannot clear it.
    emulator.setRateLimit(operation, { ratePerSecond: 0, burst: 0 });
    return;
  }
  emulator.injectFault({ operation, kind: fault, count: 3, holdMs: 1_000 });
}

async function runCase(operation: EmulatedOperation, fault: Fault): Promise<void> {
  const emulator = await startE2eEmulator({ createDelayMs: 60, updateDelayMs: 60 });
  const project = new SynthProject(emulator.url);
  useProjectCredentials(project);
  try {
    project.write({ dev: { pts: BEFORE } });
    const initial = await plan(project, emulator);
    expect((await apply(project, initial)).failed).toEqual([]);
    // Past the one-month terms, so the replace and the delete are allowed.
    emulator.advance(32 * DAY_MS);
    project.write({ dev: { pts: AFTER } });

    const reviewed = await plan(project, emulator);
    expect(reviewed.applyable).toBe(true);
    const before = new Map(emulator.inventory().map((pt) => [pt.provisionedModelArn, pt.provisionedModelName]));
    const plannedDeletes = new Set(reviewed.changes.filter((c) => c.action === 'delete' || c.action === 'delete-then-create').map((c) => c.arn));
    expect(plannedDeletes.size).toBe(2);
    emulator.resetRequests();

    inject(emulator, operation, fault);
    await apply(project, reviewed).catch(() => undefined);
    // The fault really met the apply: at least one call of the operation failed or was dropped.
    expect(emulator.requests().some((r) => r.operation === operation && r.outcome !== 'success')).toBe(true);
    emulator.clearFaults();
    emulator.setRateLimit(operation, null);

    let last = await plan(project, emulator);
    for (let round = 0; round < 4 && changes(last).length > 0; round++) {
      expect(last.applyable).toBe(true);
      await apply(project, last);
      last = await plan(project, emulator);
    }

    // The final plan is empty.
    expect(changes(last).map((c) => `${c.address} ${c.action}`)).toEqual([]);
    // Nothing bought twice: exactly the wanted PTs exist, and each planned create changed the cloud once.
    const inventory = emulator.inventory();
    expect(inventory.map((pt) => pt.provisionedModelName).sort()).toEqual(WANTED_NAMES);
    const bought = emulator.requests().filter((r) => r.operation === 'CreateProvisionedModelThroughput' && r.mutated);
    expect(bought.map((r) => r.params.provisionedModelName).sort()).toEqual(['fm-create', 'fm-replace']);
    // Nothing deleted that the plan did not delete.
    const now = new Set(inventory.map((pt) => pt.provisionedModelArn));
    const lost = [...before.keys()].filter((arn) => !now.has(arn) && !plannedDeletes.has(arn));
    expect(lost).toEqual([]);
    // The state lists exactly the managed PTs.
    const state = await loadState(project.statePath('dev'));
    expect(Object.keys(state.managed.pending)).toEqual([]);
    expect(Object.values(state.managed.pts).map((m) => m.arn).sort()).toEqual([...now].sort());
    expect(Object.keys(state.managed.pts).sort()).toEqual(Object.keys(AFTER).map((id) => `${PT}.${id}`).sort());
  } finally {
    await emulator.close();
  }
}

afterAll(() => removeTempDirs());

describe('apply under faults converges with no double purchase and no loss', () => {
  for (const operation of OPERATIONS) {
    describe(operation, () => {
      it.each(FAULTS)('%s', async (fault) => {
        await runCase(operation, fault);
      }, 60_000);
    });
  }
});

/**
 * A create whose answer is lost while a PT of the same name exists that is not its result:
 * managed by another address of the stack, or made outside (with other tags) after the plan.
 * Whatever the fault, that PT is never adopted, never deleted, and no address takes its ARN.
 */
async function runNoAdoptionCase(holder: 'other-address' | 'outsider', fault: Fault): Promise<void> {
  const emulator = await startE2eEmulator({ createDelayMs: 60, updateDelayMs: 60 });
  const project = new SynthProject(emulator.url);
  useProjectCredentials(project);
  const shared: PtSpec = { name: 'fm-shared', model: DEV_CUSTOM, units: 1 };
  try {
    let holderArn: string;
    if (holder === 'other-address') {
      project.write({ dev: { pts: { a: shared } } });
      expect((await apply(project, await plan(project, emulator))).failed).toEqual([]);
      holderArn = emulator.inventory()[0].provisionedModelArn;
      project.write({ dev: { pts: { a: shared, c: shared } } });
    } else {
      project.write({ dev: { pts: { c: shared } } });
    }
    const reviewed = await plan(project, emulator);
    if (holder === 'outsider') {
      const outside = await devBedrockClient(emulator).send(
        new CreateProvisionedModelThroughputCommand({ provisionedModelName: shared.name, modelId: DEV_CUSTOM, modelUnits: 1, tags: [{ key: 'Owner', value: 'someone-else' }] }),
      );
      holderArn = outside.provisionedModelArn!;
    }
    emulator.resetRequests();
    inject(emulator, 'CreateProvisionedModelThroughput', fault);
    // A plan refused for the name clash is as safe as a create that fails: either may happen here.
    if (reviewed.applyable) await apply(project, reviewed).catch(() => undefined);
    emulator.clearFaults();
    emulator.setRateLimit('CreateProvisionedModelThroughput', null);
    const next = await plan(project, emulator);
    if (next.applyable) await apply(project, next).catch(() => undefined);

    const state = await loadState(project.statePath('dev'));
    const owners = Object.values(state.managed.pts).filter((m) => m.arn === holderArn!).map((m) => m.address);
    expect(owners).toEqual(holder === 'other-address' ? [`${PT}.a`] : []);
    expect(emulator.inventory().map((pt) => pt.provisionedModelArn)).toEqual([holderArn!]);
    expect(emulator.requests().filter((r) => r.operation === 'DeleteProvisionedModelThroughput')).toEqual([]);
  } finally {
    await emulator.close();
  }
}

describe('a lost create answer never adopts a same-named PT that is not its own', () => {
  for (const holder of ['other-address', 'outsider'] as const) {
    describe(holder, () => {
      it.each(FAULTS)('%s', async (fault) => {
        await runNoAdoptionCase(holder, fault);
      }, 60_000);
    });
  }
});
