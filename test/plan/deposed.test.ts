/**
 * Deposed objects in the pure planner, one row each: a deposed delete passes the same guards
 * as any delete, and a deposed record is never a reason to delete a PT the stack still uses.
 */
import { planStack } from '../../src/engine/plan';
import type { DiagnosticCode, LivePt, ManagedPt, ResourceChange, StackPlan } from '../../src/engine/model';
import type { PlanInput } from '../../src/engine/plan';
import { ADDRESS, aLivePt, aManagedPt, anInput, daysFromNow, inSync, liveFor, ptArn, type InputParts } from './builders';

const OLD = ptArn('old');
const old = (overrides: Partial<ManagedPt> = {}) => aManagedPt({ arn: OLD, name: 'prod-support-chat-old', ...overrides });
const oldLive = (overrides: Partial<LivePt> = {}) => liveFor(old(), overrides);

function withDeposed(parts: InputParts, deposed: ManagedPt): PlanInput {
  const input = anInput(parts);
  input.state.deposed = { [deposed.arn]: deposed };
  return input;
}

const deposedChange = (plan: StackPlan): ResourceChange | undefined => plan.changes.find((c) => c.deposed);

interface Row {
  it: string;
  input: PlanInput;
  /** The deposed change's action, or undefined when none is planned. */
  action?: 'delete' | 'no-op';
  diagnostics: DiagnosticCode[];
  blocked?: boolean;
  check?: (plan: StackPlan) => void;
}

const rows: Row[] = [
  {
    it: 'deletes a deposed PT once its replacement is InService',
    input: withDeposed({ ...inSync(), live: [liveFor(aManagedPt()), oldLive()] }, old()),
    action: 'delete',
    diagnostics: [],
    check: (plan) => {
      expect(deposedChange(plan)).toMatchObject({ address: ADDRESS, arn: OLD, deposed: OLD, blocked: false });
      // A saved plan re-checks the deposed PT before deleting it.
      expect(Object.keys(plan.ptFingerprints)).toContain(OLD);
    },
  },
  {
    it: 'plans nothing for a deposed record whose ARN is the current object (as a refused create left it)',
    input: withDeposed(inSync(), aManagedPt()),
    diagnostics: ['deposed-is-current'],
    check: (plan) => expect(plan.changes.map((c) => c.action)).toEqual(['no-op']),
  },
  {
    it: 'plans no deposed delete for a deposed record whose ARN is current at another address (refused as tracked twice)',
    input: withDeposed(
      { ...inSync(), managed: [aManagedPt(), aManagedPt({ address: `${ADDRESS}_b`, arn: OLD })], live: [liveFor(aManagedPt()), oldLive()] },
      old(),
    ),
    diagnostics: ['arn-tracked-twice', 'arn-tracked-twice'],
    check: (plan) =>
      expect(plan.changes.filter((c) => c.arn === OLD).map((c) => [c.address, c.action, c.deposed])).toEqual([[`${ADDRESS}_b`, 'delete', undefined]]),
  },
  {
    it: 'forgets a deposed PT deleted outside bedrock-pt, without touching the current object',
    input: withDeposed(inSync(), old()),
    action: 'no-op',
    diagnostics: ['deposed-gone'],
  },
  {
    it: 'keeps a deposed PT while its replacement is still Creating',
    input: withDeposed({ ...inSync({ live: { status: 'Creating' } }), live: [liveFor(aManagedPt(), { status: 'Creating' }), oldLive()] }, old()),
    diagnostics: ['deposed-waits-for-replacement', 'pt-in-transition'],
  },
  {
    it: 'keeps a deposed PT while its replacement is Failed',
    input: withDeposed({ ...inSync(), live: [liveFor(aManagedPt(), { status: 'Failed' }), oldLive()] }, old()),
    diagnostics: ['deposed-waits-for-replacement'],
  },
  {
    it: 'blocks the delete of a deposed PT whose commitment has not ended',
    input: withDeposed(
      { ...inSync(), live: [liveFor(aManagedPt()), oldLive({ commitment: 'SixMonths', commitmentExpirationTime: daysFromNow(40) })] },
      old({ commitment: 'SixMonths' }),
    ),
    action: 'delete',
    diagnostics: ['commitment-not-expired'],
    blocked: true,
    check: (plan) => {
      expect(plan.diagnostics[0].summary).toMatch(
        new RegExp(`^Deposed object ${OLD}: Cannot be destroyed: the SixMonths commitment .* runs until 2025-07-11 00:00 UTC \\(40 days left\\)$`),
      );
      expect(plan.diagnostics[0].detail).not.toContain('state rm');
      expect(plan.applyable).toBe(false);
    },
  },
  {
    it: 'deletes a deposed PT whose commitment has ended',
    input: withDeposed(
      { ...inSync(), live: [liveFor(aManagedPt()), oldLive({ commitment: 'OneMonth', commitmentExpirationTime: daysFromNow(-1) })] },
      old({ commitment: 'OneMonth' }),
    ),
    action: 'delete',
    diagnostics: [],
  },
  {
    it: 'blocks the delete of a deposed PT whose address is declared with prevent_destroy',
    input: withDeposed({ ...inSync({ desired: { lifecycle: { preventDestroy: true } } }), live: [liveFor(aManagedPt()), oldLive()] }, old()),
    action: 'delete',
    diagnostics: ['prevent-destroy'],
    blocked: true,
  },
  {
    it: 'deletes a deposed PT whose address is no longer declared, with no current object',
    input: withDeposed({ live: [aLivePt({ arn: OLD, name: 'prod-support-chat-old' })] }, old()),
    action: 'delete',
    diagnostics: [],
  },
];

describe('planStack: deposed objects', () => {
  it.each(rows.map((row) => [row.it, row] as const))('%s', (_name, row) => {
    const plan = planStack(row.input);
    const change = deposedChange(plan);
    expect(change?.action).toBe(row.action);
    expect(plan.diagnostics.map((d) => d.code)).toEqual(row.diagnostics);
    if (change) expect(change.blocked).toBe(row.blocked ?? false);
    row.check?.(plan);
  });

  it('never plans a delete of an ARN that is the current object of any address', () => {
    for (const row of rows) {
      const plan = planStack(row.input);
      const current = new Set(Object.values(row.input.state.pts).map((pt) => pt.arn));
      const deleted = plan.changes.filter((c) => c.deposed && c.action === 'delete').map((c) => c.arn);
      expect(deleted.filter((arn) => current.has(arn!))).toEqual([]);
    }
  });
});
