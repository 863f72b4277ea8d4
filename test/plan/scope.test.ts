/**
 * State entries outside the refreshed account and region: refused with both scopes named,
 * never taken for deleted, never dropped, never created again.
 */
import { planStack } from '../../src/engine/plan';
import { scopeOfArn, scopeOfLive } from '../../src/engine/plan/scope';
import type { ManagedPt, StackPlan } from '../../src/engine/model';
import { ACCOUNT, ADDRESS, REGION, aDesiredPt, address, aManagedPt, aPendingCreate, anInput, liveFor } from './builders';

const WEST_ARN = `arn:aws:bedrock:us-west-2:${ACCOUNT}:provisioned-model/west00000001`;
const OTHER_ACCOUNT_ARN = `arn:aws:bedrock:${REGION}:444444444444:provisioned-model/acct00000001`;

function planWith(managed: ManagedPt, desired = true): StackPlan {
  return planStack(anInput({ desired: desired ? [aDesiredPt({ commitment: 'SixMonths' })] : [], managed: [{ ...managed, commitment: 'SixMonths' }] }));
}

function expectRefusedAndKept(plan: StackPlan, there: RegExp): void {
  const change = plan.changes.find((c) => c.address === ADDRESS)!;
  expect(change.action).toBe('no-op');
  expect(change.reasons).not.toContain('gone-outside');
  expect(change.commitment).toEqual({ addedUnitHours: 0, endedUnitHours: 0 });
  expect(plan.drift).toEqual([]);
  expect(plan.applyable).toBe(false);
  const [d] = plan.diagnostics.filter((x) => x.code === 'state-out-of-scope');
  expect(d).toMatchObject({ severity: 'error', address: ADDRESS });
  expect(d.summary).toMatch(there);
  expect(d.summary).toContain(`this run refreshed account ${ACCOUNT}, region ${REGION} (provider region ${REGION}, profile bedrock-pt-prod)`);
  expect(d.detail).toContain(`bedrock-pt state rm --stack prod ${ADDRESS}`);
}

describe('state entries outside the refreshed scope', () => {
  it('refuses to plan when a tracked PT lies in another region, and neither forgets nor re-creates it', () => {
    const plan = planWith(aManagedPt({ arn: WEST_ARN, region: 'us-west-2' }));
    expectRefusedAndKept(plan, /lies in account 333333333333, region us-west-2/);
    expect(plan.diagnostics.find((d) => d.code === 'state-out-of-scope')!.detail).toMatch(/Restore the stack's provider to us-west-2/);
  });

  it('refuses to plan when a tracked PT lies in another account', () => {
    const plan = planWith(aManagedPt({ arn: OTHER_ACCOUNT_ARN }));
    expectRefusedAndKept(plan, /lies in account 444444444444, region us-east-1/);
    expect(plan.diagnostics.find((d) => d.code === 'state-out-of-scope')!.detail).toMatch(/with credentials for account 444444444444/);
  });

  it('refuses a PT of another partition with the same account and region (aws-cn beside aws)', () => {
    const cn = `arn:aws-cn:bedrock:${REGION}:${ACCOUNT}:provisioned-model/china0000001`;
    const plan = planStack(anInput({ desired: [aDesiredPt({ commitment: 'SixMonths' })], managed: [aManagedPt({ arn: cn, commitment: 'SixMonths' })] }));
    const change = plan.changes.find((c) => c.address === ADDRESS)!;
    expect(change.action).toBe('no-op');
    expect(plan.applyable).toBe(false);
    expect(plan.diagnostics.find((d) => d.code === 'state-out-of-scope')!.summary).toMatch(
      /lies in partition aws-cn, account 333333333333, region us-east-1, but this run refreshed partition aws,/,
    );
  });

  it('refuses when only the state region attribute names another region', () => {
    const plan = planWith(aManagedPt({ region: 'eu-west-1' }));
    expectRefusedAndKept(plan, /its state region attribute says eu-west-1/);
  });

  it('refuses a record whose ARN cannot be read rather than guessing its scope', () => {
    const plan = planWith(aManagedPt({ arn: 'not-an-arn' }));
    expectRefusedAndKept(plan, /cannot be read/);
  });

  it('does not plan a delete or a forget for an out-of-scope record that left the configuration', () => {
    const plan = planWith(aManagedPt({ arn: WEST_ARN }), false);
    expectRefusedAndKept(plan, /region us-west-2/);
  });

  it('refuses a deposed PT of another region instead of letting its delete find nothing', () => {
    const managed = aManagedPt();
    const input = anInput({ desired: [aDesiredPt()], managed: [managed], live: [liveFor(managed)] });
    input.state.deposed = { [WEST_ARN]: aManagedPt({ arn: WEST_ARN }) };
    const plan = planStack(input);
    expect(plan.applyable).toBe(false);
    expect(plan.diagnostics.map((d) => d.code)).toEqual(['state-out-of-scope']);
  });

  it('refuses an interrupted create sent to another region and does not resume it here', () => {
    const plan = planStack(anInput({ desired: [aDesiredPt()], pending: [aPendingCreate({ region: 'us-west-2' })] }));
    const change = plan.changes.find((c) => c.address === ADDRESS)!;
    expect(change.resumesCreate).toBeUndefined();
    expect(plan.applyable).toBe(false);
    expect(plan.diagnostics.map((d) => d.code)).toEqual(['state-out-of-scope']);
    expect(plan.diagnostics[0].summary).toMatch(/token token-1\) lies in account 333333333333, region us-west-2/);
  });

  it('refuses an interrupted create sent to another account', () => {
    const plan = planStack(anInput({ desired: [aDesiredPt()], pending: [aPendingCreate({ account: '444444444444', region: REGION })] }));
    expect(plan.changes[0].resumesCreate).toBeUndefined();
    expect(plan.diagnostics.map((d) => d.code)).toEqual(['state-out-of-scope']);
    expect(plan.diagnostics[0].detail).toMatch(/with credentials for account 444444444444/);
  });

  it('keeps an out-of-scope record that a moved block gives a new address, instead of forgetting it', () => {
    const moved = address('renamed');
    const plan = planStack(
      anInput({ desired: [aDesiredPt({ address: moved })], managed: [aManagedPt({ arn: WEST_ARN })], moved: [{ from: ADDRESS, to: moved }] }),
    );
    const change = plan.changes.find((c) => c.address === moved)!;
    expect(change).toMatchObject({ action: 'no-op', reasons: [] });
    expect(plan.diagnostics.map((d) => [d.code, d.address])).toEqual([['state-out-of-scope', moved]]);
  });

  it('plans as usual when the ARN and region attribute match the refreshed scope', () => {
    const managed = aManagedPt({ region: REGION });
    const plan = planStack(anInput({ desired: [aDesiredPt()], managed: [managed], live: [liveFor(managed)] }));
    expect(plan.diagnostics).toEqual([]);
    expect(plan.changes.map((c) => c.action)).toEqual(['no-op']);
  });
});

describe('the partition in the scope', () => {
  it('reads partition, account and region from a PT ARN, and nothing from what is not one', () => {
    expect(scopeOfArn(`arn:aws-cn:bedrock:cn-north-1:${ACCOUNT}:provisioned-model/cn0000000001`)).toEqual({
      partition: 'aws-cn',
      account: ACCOUNT,
      region: 'cn-north-1',
    });
    expect(scopeOfArn('not-an-arn')).toBeUndefined();
  });

  it('takes the partition from the region when the live view does not name it, as a caller without one does', () => {
    expect(scopeOfLive({ account: ACCOUNT, region: 'cn-north-1' }).partition).toBe('aws-cn');
    expect(scopeOfLive({ account: ACCOUNT, region: 'us-gov-west-1' }).partition).toBe('aws-us-gov');
    const china = `arn:aws-cn:bedrock:${REGION}:${ACCOUNT}:provisioned-model/cn0000000001`;
    const input = anInput({ desired: [aDesiredPt()], managed: [aManagedPt({ arn: china })] });
    const { partition: _none, ...withoutPartition } = input.live;
    const plan = planStack({ ...input, live: withoutPartition });
    expect(plan.diagnostics.find((d) => d.code === 'state-out-of-scope')?.summary).toContain(
      `lies in partition aws-cn, account ${ACCOUNT}, region ${REGION}, but this run refreshed partition aws`,
    );
  });
});
