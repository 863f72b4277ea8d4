/**
 * Name conflicts among the PTs of one stack, seen at plan time: which change waits for which
 * to free a name, which rename goes through a temporary name, and which plans are refused.
 */
import { planStack } from '../../src/engine/plan';
import type { DesiredPt, LivePt, ManagedPt, ResourceChange, StackPlan } from '../../src/engine/model';
import { aDesiredPt, aLivePt, aManagedPt, address, anInput, liveFor, ptArn, type InputParts } from './builders';

const NAME_PATTERN = /^([0-9a-zA-Z][_-]?)+$/;

/** An existing PT at `id`, named `name` now, declared in config as `declare` (omit to remove it from config). */
function existing(id: string, name: string, declare?: Partial<DesiredPt>): Pick<InputParts, 'desired' | 'managed' | 'live'> {
  const managed = aManagedPt({ address: address(id), arn: ptArn(id), name });
  return {
    desired: declare ? [aDesiredPt({ address: address(id), name, ...declare })] : [],
    managed: [managed],
    live: [liveFor(managed)],
  };
}

function created(id: string, name: string, over: Partial<DesiredPt> = {}): Pick<InputParts, 'desired'> {
  return { desired: [aDesiredPt({ address: address(id), name, ...over })] };
}

function plan(...parts: Pick<InputParts, 'desired' | 'managed' | 'live'>[]): StackPlan {
  return planStack(
    anInput({
      desired: parts.flatMap((p): DesiredPt[] => p.desired ?? []),
      managed: parts.flatMap((p): ManagedPt[] => p.managed ?? []),
      live: parts.flatMap((p): LivePt[] => p.live ?? []),
    }),
  );
}

function at(p: StackPlan, id: string): ResourceChange {
  const change = p.changes.find((c) => c.address === address(id));
  if (!change) throw new Error(`no change at ${id}`);
  return change;
}

const unmanaged = (name: string, id = 'outside'): Pick<InputParts, 'live'> => ({ live: [aLivePt({ arn: ptArn(id), name })] });

describe('name order in the plan', () => {
  it('swaps the names of two PTs through one temporary name', () => {
    const p = plan(existing('a', 'alpha', { name: 'beta' }), existing('b', 'beta', { name: 'alpha' }));
    expect(p.diagnostics).toEqual([]);
    expect(p.applyable).toBe(true);
    expect(at(p, 'a')).toMatchObject({ action: 'update', runsAfter: [address('b')] });
    expect(at(p, 'b')).toMatchObject({ action: 'update', runsAfter: [address('a')] });
    const temporary = at(p, 'a').viaTemporaryName!;
    expect(temporary).toMatch(NAME_PATTERN);
    expect(temporary.length).toBeLessThanOrEqual(63);
    expect(['alpha', 'beta']).not.toContain(temporary);
    expect(at(p, 'b').viaTemporaryName).toBeUndefined();
  });

  it('breaks a rotation of three names with exactly one temporary name', () => {
    const p = plan(existing('a', 'n1', { name: 'n2' }), existing('b', 'n2', { name: 'n3' }), existing('c', 'n3', { name: 'n1' }));
    expect(p.applyable).toBe(true);
    expect(at(p, 'a').runsAfter).toEqual([address('b')]);
    expect(at(p, 'b').runsAfter).toEqual([address('c')]);
    expect(at(p, 'c').runsAfter).toEqual([address('a')]);
    expect(p.changes.filter((c) => c.viaTemporaryName).map((c) => c.address)).toEqual([address('a')]);
  });

  it('orders a rename chain a→b→c, where c is a new name, without a temporary name', () => {
    const p = plan(existing('first', 'a', { name: 'b' }), existing('second', 'b', { name: 'c' }));
    expect(p.applyable).toBe(true);
    expect(at(p, 'first').runsAfter).toEqual([address('second')]);
    expect(at(p, 'second').runsAfter).toBeUndefined();
    expect(p.changes.some((c) => c.viaTemporaryName)).toBe(false);
  });

  it('renames into a name freed by a delete after the delete', () => {
    const p = plan(existing('old', 'shared'), existing('kept', 'kept-name', { name: 'shared' }));
    expect(p.applyable).toBe(true);
    expect(at(p, 'old').action).toBe('delete');
    expect(at(p, 'kept').runsAfter).toEqual([address('old')]);
  });

  it('creates with a name freed by a delete after the delete', () => {
    const p = plan(existing('old', 'shared'), created('fresh', 'shared'));
    expect(p.applyable).toBe(true);
    expect(at(p, 'fresh')).toMatchObject({ action: 'create', runsAfter: [address('old')] });
  });

  it('renames into a name freed by a delete-first replace after that replace deletes', () => {
    const p = plan(existing('replaced', 'shared', { name: 'successor', modelUnits: 3 }), existing('kept', 'kept-name', { name: 'shared' }));
    expect(p.applyable).toBe(true);
    expect(at(p, 'replaced').action).toBe('delete-then-create');
    expect(at(p, 'kept').runsAfter).toEqual([address('replaced')]);
  });

  it('creates with the old name of a create_before_destroy replace only after that replace', () => {
    const p = plan(
      existing('replaced', 'shared', { name: 'successor', modelUnits: 3, lifecycle: { preventDestroy: false, createBeforeDestroy: true, ignoreChanges: [] } }),
      created('fresh', 'shared'),
    );
    expect(p.applyable).toBe(true);
    expect(at(p, 'replaced').action).toBe('create-then-delete');
    expect(at(p, 'fresh').runsAfter).toEqual([address('replaced')]);
  });

  it('needs no temporary name when a delete-first replace closes the cycle', () => {
    const p = plan(existing('replaced', 'a', { name: 'b', modelUnits: 3 }), existing('renamed', 'b', { name: 'a' }));
    expect(p.applyable).toBe(true);
    expect(at(p, 'replaced').runsAfter).toEqual([address('renamed')]);
    expect(at(p, 'renamed').runsAfter).toEqual([address('replaced')]);
    expect(p.changes.some((c) => c.viaTemporaryName)).toBe(false);
  });

  it("refuses two create_before_destroy replaces that need each other's names", () => {
    const cbd = { preventDestroy: false, createBeforeDestroy: true, ignoreChanges: [] };
    const p = plan(existing('x', 'a', { name: 'b', modelUnits: 3, lifecycle: cbd }), existing('y', 'b', { name: 'a', modelUnits: 3, lifecycle: cbd }));
    expect(p.applyable).toBe(false);
    expect(p.diagnostics.map((d) => [d.code, d.address, d.field])).toEqual([
      ['name-cycle', address('x'), 'provisioned_model_name'],
      ['name-cycle', address('y'), 'provisioned_model_name'],
    ]);
    expect(at(p, 'x').blocked && at(p, 'y').blocked).toBe(true);
  });

  it('leaves changes that take no freed name without an order', () => {
    const p = plan(existing('a', 'alpha', { name: 'gamma' }), created('b', 'beta'), existing('c', 'delta'));
    expect(p.changes.map((c) => [c.runsAfter, c.viaTemporaryName])).toEqual([
      [undefined, undefined],
      [undefined, undefined],
      [undefined, undefined],
    ]);
  });
});

describe('temporary names', () => {
  it('avoids a name an unmanaged PT already holds', () => {
    const swap = [existing('a', 'alpha', { name: 'beta' }), existing('b', 'beta', { name: 'alpha' })];
    const first = at(plan(...swap), 'a').viaTemporaryName!;
    const second = at(plan(...swap, unmanaged(first)), 'a').viaTemporaryName!;
    expect(second).not.toBe(first);
    expect(second).toMatch(NAME_PATTERN);
  });

  it('stays within 63 characters and the name pattern for a 63-character name ending in a separator', () => {
    const long = `${'x'.repeat(49)}-${'y'.repeat(12)}-`;
    expect(long).toHaveLength(63);
    const other = `${'z'.repeat(62)}_`;
    const p = plan(existing('a', long, { name: other }), existing('b', other, { name: long }));
    const temporary = at(p, 'a').viaTemporaryName!;
    expect(temporary.length).toBeLessThanOrEqual(63);
    expect(temporary).toMatch(NAME_PATTERN);
  });

  it('is the same for the same input', () => {
    const swap = [existing('a', 'alpha', { name: 'beta' }), existing('b', 'beta', { name: 'alpha' })];
    const first = plan(...swap);
    expect(at(first, 'a').viaTemporaryName).toEqual(expect.any(String));
    expect(JSON.stringify(plan(...swap))).toBe(JSON.stringify(first));
  });
});

describe('name conflicts that block the plan', () => {
  it('refuses two resources declaring one name, with an error on both addresses', () => {
    const p = plan(created('one', 'same'), created('two', 'same'));
    expect(p.applyable).toBe(false);
    expect(p.diagnostics.map((d) => [d.code, d.address, d.field])).toEqual([
      ['name-conflict', address('one'), 'provisioned_model_name'],
      ['name-conflict', address('two'), 'provisioned_model_name'],
    ]);
    expect(p.diagnostics[0].summary).toContain(address('two'));
    expect(at(p, 'one').blocked && at(p, 'two').blocked).toBe(true);
  });

  it('refuses a rename and a create into the same freed name', () => {
    const p = plan(existing('old', 'shared'), existing('kept', 'k', { name: 'shared' }), created('fresh', 'shared'));
    expect(p.diagnostics.map((d) => [d.code, d.address])).toEqual([
      ['name-conflict', address('fresh')],
      ['name-conflict', address('kept')],
    ]);
    expect(at(p, 'kept').runsAfter).toBeUndefined();
  });

  it('refuses a create with the name of an unchanged managed PT, naming that PT', () => {
    const p = plan(existing('kept', 'taken', {}), created('fresh', 'taken'));
    expect(p.applyable).toBe(false);
    expect(p.diagnostics).toHaveLength(1);
    expect(p.diagnostics[0]).toMatchObject({ code: 'name-conflict', address: address('fresh'), field: 'provisioned_model_name' });
    expect(p.diagnostics[0].summary).toContain(address('kept'));
    expect(p.diagnostics[0].summary).toContain(ptArn('kept'));
    expect(at(p, 'fresh').blocked).toBe(true);
    expect(at(p, 'kept')).toMatchObject({ action: 'no-op', blocked: false });
  });

  it('refuses a rename into the name of a deposed PT, whose delete runs only after the renames', () => {
    const deposed = aManagedPt({ address: address('replaced'), arn: ptArn('deposed'), name: 'left-over' });
    const { desired, managed, live } = existing('mover', 'm', { name: 'left-over' });
    const input = anInput({ desired, managed, live: [...live!, liveFor(deposed)] });
    const p = planStack({ ...input, state: { ...input.state, deposed: { [deposed.arn]: deposed } } });
    expect(p.diagnostics.map((d) => [d.code, d.address, d.field])).toEqual([['name-conflict', address('mover'), 'provisioned_model_name']]);
    expect(p.diagnostics[0].summary).toContain(ptArn('deposed'));
    expect(at(p, 'mover').blocked).toBe(true);
  });

  it('refuses a rename into the name of a managed PT that only changes its tags', () => {
    const p = plan(existing('kept', 'taken', { tags: { CostCenter: 'cc-9' } }), existing('mover', 'm', { name: 'taken' }));
    expect(at(p, 'kept').action).toBe('update');
    expect(p.diagnostics.map((d) => [d.code, d.address])).toEqual([['name-conflict', address('mover')]]);
    expect(at(p, 'mover').blocked).toBe(true);
  });
});
