/**
 * Properties of the planner over random configs, states and live views:
 * money safety (no unguarded destroy of a committed PT, no in-place model change
 * of a foundation-model PT) and convergence (planning what an apply would leave
 * behind gives no changes).
 */
import fc from 'fast-check';
import { planStack, type PlanInput } from '../../src/engine/plan';
import {
  HOURS_PER_TERM,
  type Commitment,
  type DesiredPt,
  type LivePt,
  type LiveView,
  type ManagedPt,
  type ManagedState,
  type PtStatus,
  type StackPlan,
  type Tags,
} from '../../src/engine/model';
import {
  CUSTOM_1,
  CUSTOM_2,
  CUSTOM_HAIKU,
  DEFAULT_TAGS,
  HAIKU_ARN,
  HAIKU_ID,
  SONNET_ARN,
  SONNET_ID,
  STANDARD_MODELS,
  TITAN_ARN,
  TITAN_ID,
  aDesiredPt,
  aLivePt,
  aManagedPt,
  address,
  anInput,
  daysFromNow,
  ptArn,
} from './builders';

const IDS = ['a', 'b', 'c'];
const NAMES = ['n1', 'n2', 'n3', 'n4'];
const MODELS_AS_WRITTEN = [HAIKU_ID, HAIKU_ARN, SONNET_ID, TITAN_ID, CUSTOM_1, CUSTOM_2, CUSTOM_HAIKU];
const MODEL_ARNS = [HAIKU_ARN, SONNET_ARN, TITAN_ARN, CUSTOM_1, CUSTOM_2, CUSTOM_HAIKU];
const IGNORABLE = ['provisioned_model_name', 'model_arn', 'model_units', 'commitment_duration', 'tags', 'tags_all'];

const commitmentArb = fc.constantFrom<Commitment | undefined>(undefined, 'OneMonth', 'SixMonths');
const tagsArb: fc.Arbitrary<Tags> = fc.dictionary(fc.constantFrom('CostCenter', 'Tier', 'Owner'), fc.constantFrom('x', 'y'), { maxKeys: 2 });

const desiredArb = fc.record({
  name: fc.constantFrom(...NAMES),
  model: fc.constantFrom(...MODELS_AS_WRITTEN),
  modelUnits: fc.integer({ min: 1, max: 2 }),
  commitment: commitmentArb,
  tags: tagsArb,
  preventDestroy: fc.boolean(),
  createBeforeDestroy: fc.boolean(),
  ignoreChanges: fc.oneof(
    { weight: 6, arbitrary: fc.constant<string[]>([]) },
    { weight: 3, arbitrary: fc.subarray(IGNORABLE, { minLength: 1, maxLength: 2 }) },
    { weight: 1, arbitrary: fc.constant<'all'>('all') },
  ),
});

const existingArb = fc.record({
  name: fc.constantFrom(...NAMES),
  modelArn: fc.constantFrom(...MODEL_ARNS),
  modelUnits: fc.integer({ min: 1, max: 2 }),
  commitment: commitmentArb,
  tags: tagsArb,
  live: fc.option(
    fc.record({
      renamedTo: fc.option(fc.constantFrom(...NAMES), { freq: 3 }),
      swappedTo: fc.option(fc.constantFrom(...MODEL_ARNS), { freq: 3 }),
      tagsEdited: fc.option(tagsArb, { freq: 3 }),
      status: fc.constantFrom<PtStatus>('InService', 'InService', 'InService', 'Creating', 'Updating', 'Failed'),
      expiresInDays: fc.integer({ min: -30, max: 200 }),
    }),
    { freq: 6 },
  ),
});

const scenarioArb = fc.record({
  resources: fc.tuple(...IDS.map(() => fc.record({ desired: fc.option(desiredArb, { freq: 4 }), existing: fc.option(existingArb, { freq: 2 }) }))),
  unmanaged: fc.array(fc.constantFrom(...NAMES), { maxLength: 2 }),
  importB: fc.boolean(),
  moveC: fc.boolean(),
});

type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

function buildInput(s: Scenario): PlanInput {
  const desired: DesiredPt[] = [];
  const managed: ManagedPt[] = [];
  const live: LivePt[] = [];
  const usedDesiredNames = new Set<string>();
  const usedLiveNames = new Set<string>();
  const uniqueLiveName = (name: string, arn: string) => {
    const unique = usedLiveNames.has(name) ? `${name}-${arn.slice(-6)}` : name;
    usedLiveNames.add(unique);
    return unique;
  };
  // An import block needs its resource in config (Terraform rejects it otherwise).
  const importsB = s.importB && !!s.resources[1].desired;
  s.resources.forEach(({ desired: d, existing: e }, i) => {
    const id = IDS[i];
    if (d) {
      const name = usedDesiredNames.has(d.name) ? `${d.name}-${id}` : d.name;
      usedDesiredNames.add(name);
      desired.push(
        aDesiredPt({
          address: address(id),
          name,
          model: d.model,
          modelUnits: d.modelUnits,
          commitment: d.commitment,
          tags: d.tags,
          lifecycle: { preventDestroy: d.preventDestroy, createBeforeDestroy: d.createBeforeDestroy, ignoreChanges: d.ignoreChanges },
        }),
      );
    }
    if (!e) return;
    const arn = ptArn(`pt-${id}`);
    const recorded = aManagedPt({
      address: address(id),
      arn,
      name: e.name,
      modelArn: e.modelArn,
      modelUnits: e.modelUnits,
      commitment: e.commitment,
      tags: e.tags,
    });
    // b may be adopted by an import block instead of being in state; c may sit at an old address.
    if (id === 'b' && importsB) {
      // Not in state: the import block adopts it.
    } else if (id === 'c' && s.moveC) managed.push({ ...recorded, address: address('old_c') });
    else managed.push(recorded);
    if (e.live) {
      const modelArn = e.live.swappedTo ?? e.modelArn;
      live.push(
        aLivePt({
          arn,
          name: uniqueLiveName(e.live.renamedTo ?? e.name, arn),
          modelArn,
          foundationModelArn: STANDARD_MODELS[modelArn].baseModelArn as string,
          modelUnits: e.modelUnits,
          status: e.live.status,
          ...(e.commitment ? { commitment: e.commitment, commitmentExpirationTime: daysFromNow(e.live.expiresInDays) } : {}),
          tags: e.live.tagsEdited ?? { ...DEFAULT_TAGS, ...e.tags },
        }),
      );
    }
  });
  s.unmanaged.forEach((name, i) => {
    const arn = ptArn(`unmanaged-${i}`);
    live.push(aLivePt({ arn, name: uniqueLiveName(name, arn) }));
  });
  return anInput({
    desired,
    managed,
    live,
    imports: importsB ? [{ to: address('b'), id: ptArn('pt-b') }] : [],
    moved: s.moveC ? [{ from: address('old_c'), to: address('c') }] : [],
  });
}

/** What an apply of `plan` would leave behind, computed without any API. */
function simulateApply(plan: StackPlan, input: PlanInput): { state: ManagedState; live: LiveView } {
  const pts: Record<string, LivePt> = { ...input.live.pts };
  const records: Record<string, ManagedPt> = {};
  const record = (address: string, pt: LivePt, tags: Tags) => {
    records[address] = {
      address,
      arn: pt.arn,
      name: pt.name,
      modelArn: pt.modelArn,
      modelUnits: pt.modelUnits,
      tags,
      tagsAll: pt.tags ?? {},
      ...(pt.commitment ? { commitment: pt.commitment } : {}),
    };
  };
  const create = (address: string, after: NonNullable<StackPlan['changes'][number]['after']>, modelId: string): LivePt => {
    const arn = ptArn(`new-${address}`);
    const pt = aLivePt({
      arn,
      name: after.provisioned_model_name,
      modelArn: modelId,
      foundationModelArn: STANDARD_MODELS[modelId]?.baseModelArn ?? modelId,
      modelUnits: after.model_units,
      status: 'InService',
      tags: { ...after.tags_all },
      ...(after.commitment_duration
        ? {
            commitment: after.commitment_duration,
            commitmentExpirationTime: new Date(input.now.getTime() + HOURS_PER_TERM[after.commitment_duration] * 3_600_000).toISOString(),
          }
        : {}),
    });
    pts[arn] = pt;
    return pt;
  };
  for (const change of plan.changes) {
    const { address, after } = change;
    switch (change.action) {
      case 'no-op':
        if (after && change.arn) record(address, pts[change.arn], after.tags);
        break;
      case 'create':
        record(address, create(address, after!, change.createModelId!), after!.tags);
        break;
      case 'update': {
        const pt = { ...pts[change.arn!], status: 'InService' as const };
        const ops = change.update!;
        if (ops.rename) pt.name = ops.rename;
        if (ops.modelId) pt.modelArn = pt.desiredModelArn = ops.modelId;
        const tags = { ...pt.tags, ...ops.tagsToSet };
        for (const key of ops.tagKeysToRemove) delete tags[key];
        pt.tags = tags;
        pts[pt.arn] = pt;
        record(address, pt, after!.tags);
        break;
      }
      case 'delete':
        delete pts[change.arn!];
        break;
      case 'delete-then-create':
      case 'create-then-delete':
        delete pts[change.arn!];
        record(address, create(address, after!, change.createModelId!), after!.tags);
        break;
    }
  }
  return {
    state: { lineage: input.state.lineage, serial: input.state.serial + 1, pts: records, pending: {} },
    live: { ...input.live, pts },
  };
}

function liveOf(input: PlanInput, arn: string | undefined): LivePt | undefined {
  return arn ? input.live.pts[arn] : undefined;
}

const RUNS = Number(process.env.PLAN_PROPERTY_RUNS ?? 400);

describe('planStack properties', () => {
  it('never plans an unblocked delete or replace of a PT whose commitment has not expired', () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const input = buildInput(scenario);
        for (const change of planStack(input).changes) {
          const pt = liveOf(input, change.arn);
          const destroys = change.action === 'delete' || change.action === 'delete-then-create' || change.action === 'create-then-delete';
          const committed = !!pt?.commitmentExpirationTime && Date.parse(pt.commitmentExpirationTime) > input.now.getTime();
          if (destroys && committed) expect(change.blocked).toBe(true);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('never changes the model in place of a PT bought for a foundation model', () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const input = buildInput(scenario);
        for (const change of planStack(input).changes) {
          if (change.action !== 'update') continue;
          const changesModel = !!change.update?.modelId || change.attributes.some((a) => a.attribute === 'model_arn');
          if (changesModel) expect(STANDARD_MODELS[liveOf(input, change.arn)!.modelArn].kind).toBe('custom');
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('plans no changes for the state an apply would reach', () => {
    let applyable = 0;
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const input = buildInput(scenario);
        const plan = planStack(input);
        if (!plan.applyable) return;
        applyable++;
        const { state, live } = simulateApply(plan, input);
        const replan = planStack({ ...input, state, live });
        expect(replan.drift).toEqual([]);
        expect(replan.changes.filter((c) => c.action !== 'no-op' || c.reasons.length > 0)).toEqual([]);
        expect(replan.applyable).toBe(true);
      }),
      { numRuns: RUNS },
    );
    // The property is only worth something if a fair share of plans can be applied.
    expect(applyable).toBeGreaterThan(RUNS / 10);
  });
});
