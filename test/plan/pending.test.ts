/**
 * Interrupted creates kept in state: the plan says exactly what is known, resumes the create
 * with its recorded token when the configuration still asks for it, and never plans a second,
 * independent create for the same address.
 */
import { planStack } from '../../src/engine/plan';
import type { StackPlan } from '../../src/engine/model';
import { ADDRESS, aDesiredPt, aLivePt, aManagedPt, aPendingCreate, address, anInput, liveFor, ptArn } from './builders';

const other = address('other');

function diagnostic(plan: StackPlan, code: string) {
  return plan.diagnostics.find((d) => d.code === code && d.address === ADDRESS);
}

describe('an interrupted create still in state', () => {
  it('resumes with the recorded token and says no PT of that name exists yet', () => {
    const plan = planStack(anInput({ desired: [aDesiredPt()], pending: [aPendingCreate()] }));
    const [change] = plan.changes;
    expect(change).toMatchObject({ action: 'create', resumesCreate: { clientRequestToken: 'token-1', startedAt: '2025-05-31T23:00:00.000Z' } });
    expect(change.explanations.join(' ')).toMatch(/re-sends the interrupted create with its token token-1/);
    expect(plan.applyable).toBe(true);
    const note = diagnostic(plan, 'pending-create-resumed')!;
    expect(note.severity).toBe('note');
    expect(note.summary).toBe(
      'An interrupted create of "prod-support-chat" (token token-1, started 2025-05-31 23:00 UTC) is not resolved: no PT named "prod-support-chat" exists in account 333333333333, region us-east-1 yet',
    );
  });

  it('resumes the create half of a replace that was interrupted', () => {
    const managed = aManagedPt({ modelUnits: 1 });
    const plan = planStack(
      anInput({
        desired: [aDesiredPt({ name: 'prod-support-chat-2' })],
        managed: [managed],
        live: [liveFor(managed)],
        pending: [aPendingCreate({ name: 'prod-support-chat-2' })],
      }),
    );
    expect(plan.changes[0]).toMatchObject({ action: 'delete-then-create', resumesCreate: { clientRequestToken: 'token-1' } });
  });

  it('refuses a new create while the interrupted one asked for other model units', () => {
    const plan = planStack(anInput({ desired: [aDesiredPt({ modelUnits: 3 })], pending: [aPendingCreate()] }));
    expect(plan.changes[0].resumesCreate).toBeUndefined();
    expect(plan.changes[0].blocked).toBe(true);
    expect(plan.applyable).toBe(false);
    const error = diagnostic(plan, 'pending-create-unresolved')!;
    expect(error.severity).toBe('error');
    expect(error.summary).toMatch(/asks for something else \(model units 2 → 3\)/);
    expect(error.detail).toContain(`bedrock-pt state rm --stack prod ${ADDRESS}`);
  });

  it('keeps an intent whose address left the configuration, sends nothing and blocks nothing else', () => {
    const kept = aManagedPt({ address: other, arn: ptArn('o'), name: 'o' });
    const plan = planStack(
      anInput({ desired: [aDesiredPt({ address: other, name: 'o', modelUnits: 3 })], managed: [kept], live: [liveFor(kept)], pending: [aPendingCreate()] }),
    );
    expect(plan.changes.map((c) => [c.address, c.action])).toEqual([[other, 'delete-then-create']]);
    expect(plan.applyable).toBe(true);
    expect(diagnostic(plan, 'pending-create-unresolved')).toMatchObject({ severity: 'warning' });
  });

  it('says a same-named PT managed by another address is not its result', () => {
    const owner = aManagedPt({ address: other });
    const plan = planStack(
      anInput({
        desired: [aDesiredPt({ address: other }), aDesiredPt()],
        managed: [owner],
        live: [liveFor(owner, { creationTime: '2025-06-01T00:00:00.000Z' })],
        pending: [aPendingCreate()],
      }),
    );
    expect(diagnostic(plan, 'pending-create-resumed')!.summary).toMatch(
      new RegExp(`${ptArn()} is named "prod-support-chat" but is not its result: it is managed as ${other.replace(/\./g, '\\.')}`),
    );
  });

  it('says a same-named PT created before the intent is not its result', () => {
    const plan = planStack(anInput({ desired: [aDesiredPt()], live: [aLivePt({ creationTime: '2025-05-31T22:00:00.000Z' })], pending: [aPendingCreate()] }));
    expect(plan.diagnostics.map((d) => d.summary).join('\n')).toMatch(
      /it was created at 2025-05-31T22:00:00.000Z, before the create started at 2025-05-31T23:00:00.000Z/,
    );
  });
});
