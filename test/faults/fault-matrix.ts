/**
 * The fault matrix: for every API call the applier makes, each kind of fault, injected into a
 * plan that creates, renames, re-tags, swaps a custom model, replaces and deletes. After the
 * faulty apply, plan/apply is re-run until clean, and the money invariants are checked:
 * nothing bought twice, nothing deleted that the plan did not delete, the state holds exactly
 * the managed PTs, and the final plan is empty.
 *
 * The cases live here; the fault-matrix-*.test.ts files register them, a third of the operations
 * each (SHARDS) and the lost-create-answer cases apart. Every case waits out real timeouts against
 * its own emulator, so the files run side by side in jest's workers.
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
const WANTED_NAMES = Object.values(AFTER)
  .map((p) => p.name)
  .sort();

export const OPERATIONS: EmulatedOperation[] = [
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

async function withProject(run: (emulator: Emulator, project: SynthProject) => Promise<void>): Promise<void> {
  const emulator = await startE2eEmulator({ createDelayMs: 60, updateDelayMs: 60 });
  const project = new SynthProject(emulator.url);
  useProjectCredentials(project);
  try {
    await run(emulator, project);
  } finally {
    await emulator.close();
  }
}

/** Re-plan and apply until the plan is empty; every plan on the way must be applyable. */
async function convergeAfterFaults(emulator: Emulator, project: SynthProject): Promise<void> {
  let last = await plan(project, emulator);
  for (let round = 0; round < 4 && changes(last).length > 0; round++) {
    expect(last.applyable).toBe(true);
    await apply(project, last);
    last = await plan(project, emulator);
  }
  expect(changes(last).map((c) => `${c.address} ${c.action}`)).toEqual([]);
}

async function runCase(operation: EmulatedOperation, fault: Fault): Promise<void> {
  await withProject(async (emulator, project) => {
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

    // The final plan is empty.
    await convergeAfterFaults(emulator, project);
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
    expect(
      Object.values(state.managed.pts)
        .map((m) => m.arn)
        .sort(),
    ).toEqual([...now].sort());
    expect(Object.keys(state.managed.pts).sort()).toEqual(
      Object.keys(AFTER)
        .map((id) => `${PT}.${id}`)
        .sort(),
    );
  });
}

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
        new CreateProvisionedModelThroughputCommand({
          provisionedModelName: shared.name,
          modelId: DEV_CUSTOM,
          modelUnits: 1,
          tags: [{ key: 'Owner', value: 'someone-else' }],
        }),
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
    const owners = Object.values(state.managed.pts)
      .filter((m) => m.arn === holderArn!)
      .map((m) => m.address);
    expect(owners).toEqual(holder === 'other-address' ? [`${PT}.a`] : []);
    expect(emulator.inventory().map((pt) => pt.provisionedModelArn)).toEqual([holderArn!]);
    expect(emulator.requests().filter((r) => r.operation === 'DeleteProvisionedModelThroughput')).toEqual([]);
  } finally {
    await emulator.close();
  }
}

/** Creates that keep failing for the whole faulty apply (the SDK's and the engine's retries included). */
const PERSISTENT_CREATE_FAULTS: FaultKind[] = ['internal-error', 'drop-connection', 'timeout'];

const REPLACED = `${PT}.replaced`;
// Adding a commitment forces a replace, and lets the old (no-commitment) PT be deleted at once.
const OLD_PT: PtSpec = { name: 'fm-old', model: DEV_CUSTOM, units: 1 };
const NEW_PT: PtSpec = { name: 'fm-new', model: DEV_CUSTOM, units: 1, commitment: 'OneMonth' };

async function replaceUnderCreateFault(emulator: Emulator, project: SynthProject, lifecycle: Record<string, unknown>, fault: FaultKind) {
  project.write({ dev: { pts: { replaced: { ...OLD_PT, lifecycle } } } });
  expect((await apply(project, await plan(project, emulator))).failed).toEqual([]);
  const oldArn = emulator.inventory()[0].provisionedModelArn;
  project.write({ dev: { pts: { replaced: { ...NEW_PT, lifecycle } } } });
  const reviewed = await plan(project, emulator);
  emulator.resetRequests();
  emulator.injectFault({ operation: 'CreateProvisionedModelThroughput', kind: fault, count: 1_000, holdMs: 1_000 });
  const result = await apply(project, reviewed);
  emulator.clearFaults();
  return { reviewed, result, oldArn };
}

/** Every operation in one of three shards (every third one), one per fault-matrix-operations-N test file. */
export const SHARDS: EmulatedOperation[][] = [0, 1, 2].map((shard) => OPERATIONS.filter((_, i) => i % 3 === shard));

/** Registers every fault against every operation of one shard. */
export function describeFaultMatrix(shard: number): void {
  afterAll(() => removeTempDirs());
  const operations = SHARDS[shard];
  describe('apply under faults converges with no double purchase and no loss', () => {
    for (const operation of operations) {
      describe(operation, () => {
        it.each(FAULTS)(
          '%s',
          async (fault) => {
            await runCase(operation, fault);
          },
          60_000,
        );
      });
    }
  });
}

/** Registers the cases of a create whose answer is lost: no adoption of another PT, and replaces whose create keeps failing. */
export function describeLostCreateAnswers(): void {
  afterAll(() => removeTempDirs());
  describe('a lost create answer never adopts a same-named PT that is not its own', () => {
    for (const holder of ['other-address', 'outsider'] as const) {
      describe(holder, () => {
        it.each(FAULTS)(
          '%s',
          async (fault) => {
            await runNoAdoptionCase(holder, fault);
          },
          60_000,
        );
      });
    }
  });

  describe('create_before_destroy replace whose create keeps failing', () => {
    it.each(PERSISTENT_CREATE_FAULTS)(
      '%s: keeps the old PT current and deletes it only after its replacement exists',
      async (fault) => {
        await withProject(async (emulator, project) => {
          const { reviewed, result, oldArn } = await replaceUnderCreateFault(emulator, project, { create_before_destroy: true }, fault);
          expect(reviewed.changes.map((c) => c.action)).toEqual(['create-then-delete']);
          expect(result).toMatchObject({ added: 0, destroyed: 0, failed: [{ address: REPLACED }] });
          const after = await loadState(project.statePath('dev'));
          expect(after.managed.pts[REPLACED].arn).toBe(oldArn);
          expect(after.managed.deposed).toEqual({});

          await convergeAfterFaults(emulator, project);
          // The old PT was deleted once, after the one successful purchase of its replacement.
          const log = emulator.requests();
          const purchase = log.findIndex((r) => r.operation === 'CreateProvisionedModelThroughput' && r.mutated);
          const deletes = log.flatMap((r, i) => (r.operation === 'DeleteProvisionedModelThroughput' ? [i] : []));
          expect(log.filter((r) => r.operation === 'CreateProvisionedModelThroughput' && r.mutated)).toHaveLength(1);
          expect(deletes.length).toBeGreaterThan(0);
          expect(deletes.every((i) => i > purchase)).toBe(true);
          expect(emulator.inventory().map((pt) => pt.provisionedModelName)).toEqual(['fm-new']);
          const final = await loadState(project.statePath('dev'));
          expect(final.managed.pts[REPLACED].arn).toBe(emulator.inventory()[0].provisionedModelArn);
          expect(final.managed.deposed).toEqual({});
          expect(final.managed.pending).toEqual({});
        });
      },
      60_000,
    );
  });

  describe('delete-then-create replace whose create keeps failing', () => {
    it.each(PERSISTENT_CREATE_FAULTS)(
      '%s: the result counts the delete that happened',
      async (fault) => {
        await withProject(async (emulator, project) => {
          const { reviewed, result } = await replaceUnderCreateFault(emulator, project, {}, fault);
          expect(reviewed.changes.map((c) => c.action)).toEqual(['delete-then-create']);
          expect(result).toMatchObject({ added: 0, destroyed: 1, failed: [{ address: REPLACED }] });
          expect(emulator.inventory()).toEqual([]);
          await convergeAfterFaults(emulator, project);
          expect(emulator.requests().filter((r) => r.operation === 'CreateProvisionedModelThroughput' && r.mutated)).toHaveLength(1);
          expect(emulator.inventory().map((pt) => pt.provisionedModelName)).toEqual(['fm-new']);
        });
      },
      60_000,
    );
  });
}
