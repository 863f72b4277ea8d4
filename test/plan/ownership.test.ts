/** One ARN is tracked by at most one address: the planner refuses otherwise. */
import { planStack } from '../../src/engine/plan';
import { aDesiredPt, aManagedPt, address, anInput, liveFor, ptArn } from './builders';

const A = address('a');
const C = address('c');

describe('one ARN, one address', () => {
  it('refuses to plan when two addresses track the same PT, naming both on each', () => {
    const a = aManagedPt({ address: A, name: 'pt-c' });
    const c = aManagedPt({ address: C, name: 'pt-c' });
    const plan = planStack(anInput({ desired: [aDesiredPt({ address: A, name: 'pt-c' })], managed: [a, c], live: [liveFor(a)] }));
    expect(plan.applyable).toBe(false);
    const shared = plan.diagnostics.filter((d) => d.code === 'arn-tracked-twice');
    expect(shared.map((d) => d.address)).toEqual([A, C]);
    expect(shared[0].summary).toBe(`${ptArn()} is tracked by ${A} and also by ${C}`);
    expect(shared[1].detail).toContain('bedrock-pt state rm --stack prod ADDRESS');
    // The delete of c (removed from config) would destroy a's PT: it is blocked.
    expect(plan.changes.find((ch) => ch.address === C)).toMatchObject({ action: 'delete', blocked: true });
  });

  it('refuses a deposed PT that another address still tracks', () => {
    const a = aManagedPt({ address: A });
    const input = anInput({ desired: [aDesiredPt({ address: A })], managed: [a], live: [liveFor(a)] });
    input.state.deposed = { [a.arn]: aManagedPt({ address: C }) };
    const plan = planStack(input);
    expect(plan.diagnostics.map((d) => [d.code, d.address])).toEqual([
      ['arn-tracked-twice', A],
      ['arn-tracked-twice', C],
    ]);
  });

  it('accepts a deposed record of the same address and ARN (a replace in progress)', () => {
    const a = aManagedPt({ address: A });
    const input = anInput({ desired: [aDesiredPt({ address: A })], managed: [a], live: [liveFor(a)] });
    input.state.deposed = { [a.arn]: { ...a } };
    expect(planStack(input).diagnostics.filter((d) => d.code === 'arn-tracked-twice')).toEqual([]);
  });

  it('accepts distinct PTs at distinct addresses', () => {
    const a = aManagedPt({ address: A });
    const c = aManagedPt({ address: C, arn: ptArn('other'), name: 'other' });
    const plan = planStack(
      anInput({ desired: [aDesiredPt({ address: A }), aDesiredPt({ address: C, name: 'other' })], managed: [a, c], live: [liveFor(a), liveFor(c)] }),
    );
    expect(plan.diagnostics).toEqual([]);
  });
});
