/**
 * The name order as a property: over random stacks whose PTs trade names (swaps, rotations,
 * chains, deletes and replaces that free names, creates that take them), every applyable plan,
 * run step by step as the applier runs it and interleaved at random, takes each name only when
 * no PT holds it, and never waits forever.
 */
import fc from 'fast-check';
import { planStack, type PlanInput } from '../../src/engine/plan';
import type { DesiredPt, LivePt, ManagedPt, ResourceChange, StackPlan } from '../../src/engine/model';
import { aDesiredPt, aLivePt, aManagedPt, address, anInput, liveFor, ptArn } from './builders';

const IDS = ['a', 'b', 'c', 'd'];
const NAMES = ['n1', 'n2', 'n3', 'n4', 'n5'];

const resourceArb = fc.record({
  /** The PT's name now, if it exists. */
  existing: fc.option(fc.constantFrom(...NAMES), { freq: 3 }),
  /** The name in config, if the resource is declared. */
  declared: fc.option(fc.constantFrom(...NAMES), { freq: 4 }),
  replace: fc.boolean(),
  createBeforeDestroy: fc.boolean(),
});
const scenarioArb = fc.record({
  resources: fc.tuple(...IDS.map(() => resourceArb)),
  unmanaged: fc.option(fc.constantFrom(...NAMES), { freq: 4 }),
  /** Declare each existing PT under the next one's name: a swap or a rotation. */
  rotate: fc.boolean(),
});
type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

function buildInput(s: Scenario): PlanInput {
  const desired: DesiredPt[] = [];
  const managed: ManagedPt[] = [];
  const live: LivePt[] = [];
  const liveNames = new Set<string>();
  const holders = s.resources.filter((r) => r.existing);
  const rotated = new Map(holders.map((r, i) => [r, holders[(i + 1) % holders.length].existing]));
  s.resources.forEach((r, i) => {
    const id = IDS[i];
    // Live names are unique per account and region.
    if (r.existing && !liveNames.has(r.existing)) {
      liveNames.add(r.existing);
      const pt = aManagedPt({ address: address(id), arn: ptArn(id), name: r.existing });
      managed.push(pt);
      live.push(liveFor(pt));
    }
    const declared = s.rotate ? (rotated.get(r) ?? r.declared) : r.declared;
    if (declared) {
      desired.push(
        aDesiredPt({
          address: address(id),
          name: declared,
          modelUnits: r.replace ? 3 : 2,
          lifecycle: { createBeforeDestroy: r.createBeforeDestroy },
        }),
      );
    }
  });
  if (s.unmanaged && !liveNames.has(s.unmanaged)) live.push(aLivePt({ arn: ptArn('unmanaged'), name: s.unmanaged }));
  return anInput({ desired, managed, live });
}

type Step = { kind: 'wait' } | { kind: 'free' } | { kind: 'take'; name: string };

/** The steps the applier makes for a change, in its order (a rename takes and frees in one step). */
function stepsOf(change: ResourceChange): Step[] {
  const name = change.after?.provisioned_model_name ?? '';
  switch (change.action) {
    case 'update':
      if (!change.update?.rename) return [];
      return change.viaTemporaryName
        ? [{ kind: 'take', name: change.viaTemporaryName }, { kind: 'wait' }, { kind: 'take', name }]
        : [{ kind: 'wait' }, { kind: 'take', name }];
    case 'create':
      return [{ kind: 'wait' }, { kind: 'take', name }];
    case 'delete':
      return [{ kind: 'free' }];
    case 'delete-then-create':
      return [{ kind: 'free' }, { kind: 'wait' }, { kind: 'take', name }];
    case 'create-then-delete':
      return [{ kind: 'wait' }, { kind: 'take', name }, { kind: 'free' }];
    default:
      return [];
  }
}

const PHASE: Record<string, number> = { update: 0, delete: 1, create: 2, 'delete-then-create': 2, 'create-then-delete': 2 };

interface Running {
  change: ResourceChange;
  steps: Step[];
  pc: number;
  /** The old name is free for the changes that wait on this one. */
  freed: boolean;
  /** Names this change's PTs hold now (a create-first replace holds two for a while). */
  holds: Set<string>;
}

/**
 * Runs the plan as the applier does — changes with a name order wait only for the changes they
 * name, the rest go in phases (updates, deletes, creates) — interleaved by `choices`, and says
 * what went wrong: a name taken while another PT held it, or a wait that never ends.
 */
function nameOrderViolation(plan: StackPlan, input: PlanInput, choices: number[]): string | undefined {
  const holderOf = new Map<string, string>();
  for (const pt of Object.values(input.live.pts)) holderOf.set(pt.name, pt.arn);
  const running: Running[] = plan.changes.map((change) => ({
    change,
    steps: stepsOf(change),
    pc: 0,
    freed: false,
    holds: new Set(change.before ? [change.before.provisioned_model_name] : []),
  }));
  for (const r of running) for (const name of r.holds) holderOf.set(name, r.change.address);
  const byAddress = new Map(running.map((r) => [r.change.address, r]));
  const ordered = (r: Running) => !!r.change.runsAfter?.length || !!r.change.viaTemporaryName;
  const done = (r: Running) => r.pc >= r.steps.length;
  const ready = (r: Running) => {
    if (done(r)) return false;
    if (!ordered(r) && running.some((o) => !ordered(o) && !done(o) && PHASE[o.change.action] < PHASE[r.change.action])) return false;
    return r.steps[r.pc].kind !== 'wait' || (r.change.runsAfter ?? []).every((a) => byAddress.get(a)!.freed);
  };
  for (let turn = 0; running.some((r) => !done(r)); turn++) {
    const candidates = running.filter(ready);
    if (!candidates.length)
      return `waits forever: ${running
        .filter((r) => !done(r))
        .map((r) => r.change.address)
        .join(', ')}`;
    const r = candidates[choices[turn % choices.length] % candidates.length];
    const step = r.steps[r.pc++];
    const old = r.change.before?.provisioned_model_name;
    if (step.kind === 'take') {
      const other = holderOf.get(step.name);
      if (other !== undefined && other !== r.change.address) return `${r.change.address} takes "${step.name}" while ${other} holds it`;
      // A rename lets go of the name it had; a create (or a replace's create) adds one.
      if (r.change.action === 'update') {
        for (const name of r.holds) holderOf.delete(name);
        r.holds.clear();
      }
      holderOf.set(step.name, r.change.address);
      r.holds.add(step.name);
      if (step.name === r.change.viaTemporaryName) r.freed = true;
    } else if (step.kind === 'free' && old !== undefined) {
      holderOf.delete(old);
      r.holds.delete(old);
      r.freed = true;
    }
    if (done(r)) r.freed = true;
  }
  return undefined;
}

const RUNS = Number(process.env.PLAN_PROPERTY_RUNS ?? 400);

describe('name order properties', () => {
  it('lets every applyable plan take each name only once it is free, in any interleaving of its steps', () => {
    const seen = { applyable: 0, ordered: 0, temporary: 0 };
    fc.assert(
      fc.property(scenarioArb, fc.array(fc.nat(), { minLength: 1, maxLength: 16 }), (scenario, choices) => {
        const input = buildInput(scenario);
        const plan = planStack(input);
        if (!plan.applyable) return;
        seen.applyable++;
        if (plan.changes.some((c) => c.runsAfter)) seen.ordered++;
        if (plan.changes.some((c) => c.viaTemporaryName)) seen.temporary++;
        expect(nameOrderViolation(plan, input, choices)).toBeUndefined();
      }),
      { numRuns: RUNS },
    );
    // Worth something only if the runs include plans that need an order and a temporary name.
    expect(seen.ordered).toBeGreaterThan(RUNS / 20);
    expect(seen.temporary).toBeGreaterThan(0);
  });
});
