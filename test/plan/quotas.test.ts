/**
 * The model-unit quota rule of the planner: purchases must fit their quota in the account and
 * region, counting the units live PTs hold until the plan (in the applier's order) has deleted
 * them; unreadable quotas warn and decide nothing.
 */
import { planStack } from '../../src/engine/plan';
import type { LivePt, QuotaRead, StackPlan } from '../../src/engine/model';
import { quotaKeyOf } from '../../src/engine/rules/model-unit-quotas';
import {
  aDesiredPt,
  aLivePt,
  anInput,
  aPendingCreate,
  customFacts,
  CUSTOM_1,
  CUSTOM_2,
  daysFromNow,
  foundationFacts,
  HAIKU_ARN,
  HAIKU_ID,
  modelIndex,
  ptArn,
  SONNET_ARN,
  SONNET_ID,
  TITAN_ARN,
  TITAN_ID,
  address,
  type InputParts,
} from './builders';

const HAIKU_QUOTA = { code: 'L-11111111', name: 'Model units per provisioned model for Anthropic Claude 3 Haiku 200K' };
const TITAN_QUOTA = { code: 'L-22222222', name: 'Model units per provisioned model for Amazon Titan Text G1 - Express 8K' };
const CUSTOM_QUOTA = { code: 'L-BE77399C', name: 'Model units no-commitment Provisioned Throughputs across custom models' };

const MODELS = modelIndex(
  foundationFacts(HAIKU_ID, HAIKU_ARN, { displayName: 'Anthropic Claude 3 Haiku 200K' }),
  foundationFacts(SONNET_ID, SONNET_ARN, { displayName: 'Anthropic Claude 3 Sonnet 200K' }),
  foundationFacts(TITAN_ID, TITAN_ARN, { displayName: 'Amazon Titan Text G1 - Express 8K' }),
  customFacts(CUSTOM_1, TITAN_ARN),
  customFacts(CUSTOM_2, TITAN_ARN),
);

function quotas(values: { haiku?: number; titan?: number; custom?: number }): QuotaRead {
  return {
    readable: true,
    quotas: [
      { ...HAIKU_QUOTA, value: values.haiku ?? 0 },
      { ...TITAN_QUOTA, value: values.titan ?? 0 },
      { ...CUSTOM_QUOTA, value: values.custom ?? 2 },
    ],
  };
}

function plan(parts: InputParts, read: QuotaRead | undefined, extra: Partial<Parameters<typeof planStack>[0]> = {}): StackPlan {
  const input = anInput({ models: MODELS, ...parts });
  return planStack({ ...input, live: { ...input.live, ...(read ? { quotas: read } : {}) }, ...extra });
}

const quotaDiagnostics = (p: StackPlan) => p.diagnostics.filter((d) => d.code === 'quota-exceeded' || d.code === 'quota-unchecked');
const blockedAddresses = (p: StackPlan) => p.changes.filter((c) => c.blocked).map((c) => c.address);

/** A PT of another stack (so not in state): it holds units the plan cannot touch. */
const foreign = (id: string, over: Partial<LivePt> = {}) => aLivePt({ arn: ptArn(id), name: `other-${id}`, ...over });
const committedHaiku = (id: string, units: number) => foreign(id, { modelUnits: units, commitment: 'SixMonths', commitmentExpirationTime: daysFromNow(90) });
/** A no-commitment PT on a custom model, managed by the stack at `address(id)`. */
const customPt = (id: string, name = id, units = 1) => aLivePt({ arn: ptArn(id), name, modelArn: CUSTOM_1, modelUnits: units, tags: {} });
const managedFor = (pt: LivePt, id: string) => ({
  address: address(id),
  arn: pt.arn,
  name: pt.name,
  modelArn: pt.modelArn,
  modelUnits: pt.modelUnits,
  tags: {},
  tagsAll: {},
});
const customDesired = (id: string, name = id, units = 1, lifecycle = {}) =>
  aDesiredPt({ address: address(id), name, model: CUSTOM_1, modelUnits: units, tags: {}, tagsAll: {}, lifecycle });

describe('a purchase over its quota', () => {
  it('is blocked with the quota name and code, its value, units in use and needed, and the command to raise it', () => {
    const p = plan({ desired: [aDesiredPt({ commitment: 'SixMonths' })], live: [committedHaiku('held', 2)] }, quotas({ haiku: 3 }));
    expect(blockedAddresses(p)).toEqual([address()]);
    expect(p.applyable).toBe(false);
    const [d] = quotaDiagnostics(p);
    expect(d).toMatchObject({ severity: 'error', code: 'quota-exceeded', address: address(), field: 'model_units' });
    expect(d.summary).toBe(
      `Needs 2 model unit(s) of the quota "${HAIKU_QUOTA.name}" (L-11111111), which allows 3 in account 333333333333, us-east-1; 2 are in use or bought first`,
    );
    expect(d.detail).toContain('(2 in use + 2 needed = 4)');
    expect(d.detail).toContain(
      '`aws service-quotas request-service-quota-increase --service-code bedrock --quota-code L-11111111 --desired-value 4 --region us-east-1`',
    );
  });

  it('finds the model when refresh keyed its facts only by the ID written in config', () => {
    const models = { [HAIKU_ID]: foundationFacts(HAIKU_ID, HAIKU_ARN, { displayName: 'Anthropic Claude 3 Haiku 200K' }) };
    const p = plan({ desired: [aDesiredPt({ commitment: 'SixMonths' })], models }, quotas({ haiku: 1 }));
    expect(quotaDiagnostics(p).map((d) => d.code)).toEqual(['quota-exceeded']);
  });

  it('fits when the units in use leave room, and units of other models or Failed PTs do not count', () => {
    const live = [
      committedHaiku('held', 1),
      foreign('sonnet', { modelArn: SONNET_ARN, modelUnits: 5, commitment: 'OneMonth' }),
      foreign('failed', { modelUnits: 4, commitment: 'OneMonth', status: 'Failed' }),
    ];
    const p = plan({ desired: [aDesiredPt({ commitment: 'SixMonths' })], live }, quotas({ haiku: 3 }));
    expect(quotaDiagnostics(p)).toEqual([]);
    expect(p.applyable).toBe(true);
  });

  it("counts a custom model's committed PT against its base model's quota", () => {
    const desired = [aDesiredPt({ model: CUSTOM_2, commitment: 'OneMonth', modelUnits: 1 })];
    const held = foreign('custom', { modelArn: CUSTOM_1, foundationModelArn: TITAN_ARN, modelUnits: 2, commitment: 'OneMonth' });
    expect(quotaDiagnostics(plan({ desired, live: [held] }, quotas({ titan: 3 })))).toEqual([]);
    const [d] = quotaDiagnostics(plan({ desired, live: [held] }, quotas({ titan: 2 })));
    expect(d.summary).toContain(`"${TITAN_QUOTA.name}"`);
  });

  it("counts the plan's other purchases of the same quota", () => {
    const desired = [customDesired('a'), customDesired('b'), customDesired('c')];
    expect(blockedAddresses(plan({ desired }, quotas({ custom: 2 })))).toEqual([address('a'), address('b'), address('c')]);
    expect(blockedAddresses(plan({ desired }, quotas({ custom: 3 })))).toEqual([]);
  });
});

describe('a create that resumes an interrupted one', () => {
  it('buys nothing new when a live PT holds its name: that PT is its purchase (counted once) or the name is refused', () => {
    const held = aLivePt({
      arn: ptArn('bought'),
      name: 'prod-support-chat',
      modelUnits: 2,
      commitment: 'SixMonths',
      commitmentExpirationTime: daysFromNow(180),
    });
    const pending = [aPendingCreate({ commitment: 'SixMonths' })];
    const p = plan({ desired: [aDesiredPt({ commitment: 'SixMonths' })], live: [held], pending }, quotas({ haiku: 2 }));
    expect(p.changes[0].resumesCreate?.clientRequestToken).toBe('token-1');
    expect(quotaDiagnostics(p)).toEqual([]);
  });

  it('still needs the quota when no PT holds its name: the first send may never have arrived', () => {
    const p = plan(
      { desired: [aDesiredPt({ commitment: 'SixMonths' })], live: [committedHaiku('held', 1)], pending: [aPendingCreate({ commitment: 'SixMonths' })] },
      quotas({ haiku: 2 }),
    );
    expect(quotaDiagnostics(p).map((d) => d.code)).toEqual(['quota-exceeded']);
  });
});

describe("units a plan frees, in the applier's order", () => {
  it('a delete frees its units for a create: deletes run before creates', () => {
    const gone = customPt('gone');
    const p = plan({ desired: [customDesired('fresh')], managed: [managedFor(gone, 'gone')], live: [gone, customPt('kept', 'other')] }, quotas({ custom: 2 }));
    expect(p.changes.map((c) => [c.address, c.action])).toEqual([
      [address('fresh'), 'create'],
      [address('gone'), 'delete'],
    ]);
    expect(quotaDiagnostics(p)).toEqual([]);
  });

  it('but not for a create the plan orders after a rename: it runs beside the deletes', () => {
    const gone = customPt('gone');
    const renamed = customPt('renamed', 'x');
    const parts = {
      desired: [customDesired('renamed', 'y'), customDesired('fresh', 'x')],
      managed: [managedFor(gone, 'gone'), managedFor(renamed, 'renamed')],
      live: [gone, renamed],
    };
    const p = plan(parts, quotas({ custom: 2 }));
    expect(p.changes.find((c) => c.address === address('fresh'))?.runsAfter).toEqual([address('renamed')]);
    expect(blockedAddresses(p)).toEqual([address('fresh')]);
    expect(quotaDiagnostics(p)[0].summary).toContain('; 2 are in use or bought first');
  });

  it('a replace that deletes first fits where the old PT held the last units; create_before_destroy does not', () => {
    const pt = customPt('chat', 'chat', 2);
    const parts = (createBeforeDestroy: boolean) => ({
      desired: [customDesired('chat', createBeforeDestroy ? 'chat-b' : 'chat', 1, { createBeforeDestroy })],
      managed: [managedFor(pt, 'chat')],
      live: [pt],
    });
    const deleteFirst = plan(parts(false), quotas({ custom: 2 }));
    expect(deleteFirst.changes[0].action).toBe('delete-then-create');
    expect(quotaDiagnostics(deleteFirst)).toEqual([]);
    const createFirst = plan(parts(true), quotas({ custom: 2 }));
    expect(createFirst.changes[0].action).toBe('create-then-delete');
    expect(blockedAddresses(createFirst)).toEqual([address('chat')]);
  });

  it('two replaces that each delete first fit together: neither holds its old and new PT at once', () => {
    const a = customPt('a', 'a', 1);
    const b = customPt('b', 'b', 1);
    const p = plan(
      { desired: [customDesired('a', 'a', 2), customDesired('b', 'b', 2)], managed: [managedFor(a, 'a'), managedFor(b, 'b')], live: [a, b] },
      quotas({ custom: 4 }),
    );
    expect(p.changes.map((c) => c.action)).toEqual(['delete-then-create', 'delete-then-create']);
    expect(quotaDiagnostics(p)).toEqual([]);
    expect(
      blockedAddresses(
        plan(
          { desired: [customDesired('a', 'a', 2), customDesired('b', 'b', 2)], managed: [managedFor(a, 'a'), managedFor(b, 'b')], live: [a, b] },
          quotas({ custom: 3 }),
        ),
      ),
    ).toEqual([address('a'), address('b')]);
  });
});

describe("purchases planned elsewhere (the provider's other resources)", () => {
  const key = quotaKeyOf({ committed: false, baseModelArn: TITAN_ARN, modelArn: CUSTOM_1 });

  it('count until their PT is live, and a re-plan of the same name does not count itself', () => {
    const desired = [customDesired('this', 'this')];
    expect(blockedAddresses(plan({ desired }, quotas({ custom: 2 }), { alsoPlanned: [{ name: 'that', modelUnits: 2, key }] }))).toEqual([address('this')]);
    expect(blockedAddresses(plan({ desired }, quotas({ custom: 2 }), { alsoPlanned: [{ name: 'this', modelUnits: 1, key }] }))).toEqual([]);
    expect(
      blockedAddresses(
        plan({ desired, live: [customPt('that-pt', 'that', 1)] }, quotas({ custom: 2 }), { alsoPlanned: [{ name: 'that', modelUnits: 1, key }] }),
      ),
    ).toEqual([]);
  });
});

describe('when the quotas cannot be checked', () => {
  it('unreadable quotas give one warning naming servicequotas:ListServiceQuotas, and the plan stays applyable', () => {
    const p = plan({ desired: [aDesiredPt({ commitment: 'SixMonths' })] }, { readable: false, reason: 'access denied for servicequotas:ListServiceQuotas' });
    const [d] = quotaDiagnostics(p);
    expect(d).toMatchObject({ severity: 'warning', code: 'quota-unchecked' });
    expect(d.summary).toBe('Model-unit quotas could not be read, so the 2 model unit(s) this plan buys are not checked against them');
    expect(d.detail).toContain('allow the credentials servicequotas:ListServiceQuotas');
    expect(p.applyable).toBe(true);
  });

  it('a quota missing from the list is a warning on the purchase, never a guess', () => {
    const p = plan({ desired: [aDesiredPt({ model: SONNET_ID, commitment: 'OneMonth' })] }, quotas({}));
    expect(quotaDiagnostics(p)).toEqual([
      expect.objectContaining({
        severity: 'warning',
        code: 'quota-unchecked',
        address: address(),
        summary: expect.stringContaining('No quota named "Model units per provisioned model for Anthropic Claude 3 Sonnet 200K"'),
      }),
    ]);
    expect(p.applyable).toBe(true);
  });

  it('says nothing about quotas when the plan buys nothing, or when they were not read', () => {
    const pt = customPt('kept');
    expect(
      quotaDiagnostics(plan({ desired: [customDesired('kept')], managed: [managedFor(pt, 'kept')], live: [pt] }, { readable: false, reason: 'denied' })),
    ).toEqual([]);
    expect(quotaDiagnostics(plan({ desired: [aDesiredPt({ commitment: 'OneMonth' })] }, undefined))).toEqual([]);
  });
});
