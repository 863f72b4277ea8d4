/**
 * The planner's rules, one row each: desired + state + live (+ model facts) in,
 * action, reasons and diagnostics out. Assertions are on the plan model only.
 */
import { planStack } from '../../src/engine/plan';
import type { ChangeAction, DiagnosticCode, ReasonCode, ResourceChange, StackPlan } from '../../src/engine/model';
import type { PlanInput } from '../../src/engine/plan';
import {
  ADDRESS,
  CUSTOM_1,
  CUSTOM_2,
  CUSTOM_HAIKU,
  DEFAULT_TAGS,
  HAIKU_ARN,
  HAIKU_ID,
  NOW,
  RESOURCE_TAGS,
  SONNET_ARN,
  SONNET_ID,
  STANDARD_MODELS,
  TITAN_ARN,
  aDesiredPt,
  aLivePt,
  aManagedPt,
  aPendingCreate,
  address,
  anInput,
  customFacts,
  daysFromNow,
  foundationFacts,
  inSync,
  liveFor,
  missingModel,
  modelIndex,
  ptArn,
} from './builders';

interface Row {
  it: string;
  input: PlanInput;
  action: ChangeAction;
  reasons: ReasonCode[];
  /** Codes of all diagnostics, in plan order (errors first). */
  diagnostics?: DiagnosticCode[];
  blocked?: boolean;
  at?: string;
  check?: (change: ResourceChange, plan: StackPlan) => void;
}

const committed = (days: number) => ({
  managed: { commitment: 'SixMonths' as const },
  desired: { commitment: 'SixMonths' as const },
  live: { commitment: 'SixMonths' as const, commitmentExpirationTime: daysFromNow(days) },
});

const rows: Row[] = [
  {
    it: 'creates a PT that is in config but not in state, with the canonical model ARN',
    input: anInput({ desired: [aDesiredPt()] }),
    action: 'create',
    reasons: ['new-in-config'],
    check: (c) => {
      expect(c.createModelId).toBe(HAIKU_ARN);
      expect(c.before).toBeNull();
      expect(c.after).toMatchObject({ provisioned_model_name: 'prod-support-chat', model_units: 2, provisioned_model_arn: null });
      expect(c.attributes.map((a) => a.attribute)).toEqual([
        'id',
        'model_arn',
        'model_units',
        'provisioned_model_arn',
        'provisioned_model_name',
        'tags',
        'tags_all',
      ]);
    },
  },
  {
    it: 'creates a committed PT and counts the unit-hours it commits to',
    input: anInput({ desired: [aDesiredPt({ commitment: 'SixMonths' })] }),
    action: 'create',
    reasons: ['new-in-config'],
    check: (c, plan) => {
      expect(c.commitment).toEqual({ addedUnitHours: 2 * 4380, endedUnitHours: 0 });
      expect(plan.commitment).toEqual({ addedUnitHours: 8760, endedUnitHours: 0 });
    },
  },
  {
    it: 'uses the model identifier as written when its ARN is unknown',
    input: anInput({ desired: [aDesiredPt({ model: 'vendor.unknown-v1' })], models: modelIndex(missingModel('vendor.unknown-v1')) }),
    action: 'create',
    reasons: ['new-in-config'],
    diagnostics: ['model-not-found'],
    blocked: true,
    check: (c) => expect(c.createModelId).toBe('vendor.unknown-v1'),
  },
  {
    it: 'destroys a PT that is in state but not in config',
    input: anInput({ managed: [aManagedPt()], live: [liveFor(aManagedPt())] }),
    action: 'delete',
    reasons: ['removed-from-config'],
    check: (c) => {
      expect(c.arn).toBe(ptArn());
      expect(c.after).toBeNull();
      expect(c.attributes.every((a) => a.after === null)).toBe(true);
    },
  },
  {
    it: 'destroys a PT whose commitment has expired, ending no unit-hours',
    input: anInput({
      managed: [aManagedPt({ commitment: 'OneMonth' })],
      live: [liveFor(aManagedPt({ commitment: 'OneMonth' }), { commitmentExpirationTime: daysFromNow(-1) })],
    }),
    action: 'delete',
    reasons: ['removed-from-config'],
    check: (c) => expect(c.commitment).toEqual({ addedUnitHours: 0, endedUnitHours: 0, termEnd: daysFromNow(-1) }),
  },
  {
    it: 'blocks destroying a committed PT whose term end Bedrock has not reported yet',
    input: anInput({
      managed: [aManagedPt({ commitment: 'OneMonth' })],
      live: [liveFor(aManagedPt({ commitment: 'OneMonth' }), { commitmentExpirationTime: undefined, status: 'Creating' })],
    }),
    action: 'delete',
    reasons: ['removed-from-config'],
    diagnostics: ['commitment-not-expired', 'pt-in-transition'],
    blocked: true,
    check: (_c, plan) =>
      expect(plan.diagnostics.find((d) => d.code === 'commitment-not-expired')!.summary).toContain('has no end date reported by Bedrock yet'),
  },
  {
    it: 'blocks destroying a PT whose commitment has not expired, and says how to get out',
    input: anInput({
      managed: [aManagedPt({ commitment: 'SixMonths' })],
      live: [liveFor(aManagedPt({ commitment: 'SixMonths' }), { commitmentExpirationTime: daysFromNow(45) })],
    }),
    action: 'delete',
    reasons: ['removed-from-config'],
    diagnostics: ['commitment-not-expired'],
    blocked: true,
    check: (c, plan) => {
      expect(c.commitment).toEqual({ addedUnitHours: 0, endedUnitHours: 2 * 45 * 24, termEnd: daysFromNow(45) });
      const d = plan.diagnostics[0];
      expect(d.summary).toContain('2025-07-16');
      expect(d.summary).toContain('45 days left');
      expect(d.detail).toContain(`bedrock-pt state rm --stack prod ${ADDRESS}`);
      expect(d.detail).toContain('To keep it, keep its ProvisionedThroughput in the app.');
      expect(d.blocked).toEqual({ action: 'destroy' });
      expect(plan.applyable).toBe(false);
    },
  },
  {
    it: 'renames a committed PT in place',
    input: anInput(inSync({ ...committed(100), desired: { commitment: 'SixMonths', name: 'prod-support-chat-v2' } })),
    action: 'update',
    reasons: ['rename'],
    check: (c) => {
      expect(c.update).toEqual({ rename: 'prod-support-chat-v2', tagsToSet: {}, tagKeysToRemove: [] });
      expect(c.attributes).toEqual([
        { attribute: 'provisioned_model_name', before: 'prod-support-chat', after: 'prod-support-chat-v2', forcesReplacement: false },
      ]);
    },
  },
  {
    it: 'changes tags in place with only the difference between live tags and tags_all',
    input: anInput(
      inSync({
        desired: { tags: { CostCenter: 'cc-9999', Tier: 'critical' } },
        live: { tags: { ...DEFAULT_TAGS, ...RESOURCE_TAGS } },
      }),
    ),
    action: 'update',
    reasons: ['tags'],
    check: (c) => expect(c.update).toEqual({ tagsToSet: { CostCenter: 'cc-9999', Tier: 'critical' }, tagKeysToRemove: [] }),
  },
  {
    it: 'removes tags that are live but no longer configured',
    input: anInput(inSync({ desired: { tags: {} }, managed: { tags: {} }, live: { tags: { ...DEFAULT_TAGS, Stale: 'x' } } })),
    action: 'update',
    reasons: ['tags'],
    check: (c) => expect(c.update).toEqual({ tagsToSet: {}, tagKeysToRemove: ['Stale'] }),
  },
  {
    it: 'swaps a custom-model PT to a sibling custom model in place',
    input: anInput(inSync({ managed: { modelArn: CUSTOM_1 }, desired: { model: CUSTOM_2 } })),
    action: 'update',
    reasons: ['custom-model-swap'],
    check: (c) => {
      expect(c.update?.modelId).toBe(CUSTOM_2);
      expect(c.attributes).toEqual([{ attribute: 'model_arn', before: CUSTOM_1, after: CUSTOM_2, forcesReplacement: false }]);
    },
  },
  {
    it: 'swaps a custom-model PT to its base model in place',
    input: anInput(inSync({ managed: { modelArn: CUSTOM_1 }, desired: { model: 'amazon.titan-text-express-v1:0:8k' } })),
    action: 'update',
    reasons: ['custom-model-swap'],
    check: (c) => expect(c.update?.modelId).toBe(TITAN_ARN),
  },
  {
    it: 'replaces a custom-model PT moved to a custom model of another base',
    input: anInput(inSync({ managed: { modelArn: CUSTOM_1 }, desired: { model: CUSTOM_HAIKU } })),
    action: 'delete-then-create',
    reasons: ['cannot-update-model'],
    check: (c) => {
      expect(c.attributes.find((a) => a.attribute === 'model_arn')?.forcesReplacement).toBe(true);
      expect(c.explanations[0]).toContain('same base model');
      expect(c.createModelId).toBe(CUSTOM_HAIKU);
    },
  },
  {
    it: 'replaces a foundation-model PT whose model changes',
    input: anInput(inSync({ desired: { model: SONNET_ID } })),
    action: 'delete-then-create',
    reasons: ['cannot-update-model'],
    check: (c) => {
      expect(c.explanations).toEqual(['forces replacement: a Provisioned Throughput bought for a foundation model cannot change its model']);
      expect(c.createModelId).toBe(SONNET_ARN);
      expect(c.update).toBeUndefined();
    },
  },
  {
    it: 'replaces a foundation-model PT moved to a custom model of the same base',
    input: anInput(inSync({ desired: { model: CUSTOM_HAIKU } })),
    action: 'delete-then-create',
    reasons: ['cannot-update-model'],
  },
  {
    it: 'sees no change when config names the live model by ID instead of ARN',
    input: anInput(inSync({ desired: { model: HAIKU_ID }, managed: { modelArn: HAIKU_ARN } })),
    action: 'no-op',
    reasons: [],
    check: (c) => expect(c.attributes).toEqual([]),
  },
  {
    it: 'replaces a PT whose model units change',
    input: anInput(inSync({ desired: { modelUnits: 3 } })),
    action: 'delete-then-create',
    reasons: ['cannot-update-model-units'],
    check: (c) => {
      expect(c.explanations).toEqual(['forces replacement: model units cannot be changed on an existing Provisioned Throughput']);
      expect(c.attributes).toContainEqual({ attribute: 'model_units', before: 2, after: 3, forcesReplacement: true });
      expect(c.after?.provisioned_model_arn).toBeNull();
    },
  },
  {
    it: 'replaces a PT whose commitment changes',
    input: anInput(inSync({ desired: { commitment: 'OneMonth' } })),
    action: 'delete-then-create',
    reasons: ['cannot-update-commitment'],
    check: (c) => {
      expect(c.attributes).toContainEqual({ attribute: 'commitment_duration', before: null, after: 'OneMonth', forcesReplacement: true });
      expect(c.commitment).toEqual({ addedUnitHours: 2 * 730, endedUnitHours: 0 });
    },
  },
  {
    it: 'replaces a PT in status Failed',
    input: anInput(inSync({ live: { status: 'Failed', failureMessage: 'capacity' } })),
    action: 'delete-then-create',
    reasons: ['failed-status'],
    check: (c) => expect(c.explanations[0]).toContain('capacity'),
  },
  {
    it: 'blocks replacing a Failed PT whose commitment has not ended, and says Failed does not end it',
    input: anInput(inSync({ ...committed(10), live: { ...committed(10).live, status: 'Failed', failureMessage: 'capacity' } })),
    action: 'delete-then-create',
    reasons: ['failed-status'],
    diagnostics: ['commitment-not-expired'],
    blocked: true,
    check: (_c, plan) => {
      expect(plan.diagnostics[0].summary).toContain('(status Failed)');
      expect(plan.diagnostics[0].detail).toContain('Failed, which does not end the commitment');
    },
  },
  {
    it: 'replaces a Failed PT whose commitment has ended',
    input: anInput(inSync({ ...committed(-1), live: { ...committed(-1).live, status: 'Failed' } })),
    action: 'delete-then-create',
    reasons: ['failed-status'],
  },
  {
    it: 'plans the swap back when a PT is Updating toward a model the config does not want',
    input: anInput(inSync({ desired: { model: CUSTOM_1 }, managed: { modelArn: CUSTOM_1 }, live: { status: 'Updating', desiredModelArn: CUSTOM_2 } })),
    action: 'update',
    reasons: ['custom-model-swap'],
    diagnostics: ['pt-in-transition'],
    check: (c, plan) => {
      expect(c.update?.modelId).toBe(CUSTOM_1);
      expect(c.attributes).toContainEqual({ attribute: 'model_arn', before: CUSTOM_2, after: CUSTOM_1, forcesReplacement: false });
      expect(plan.diagnostics[0].summary).toBe(`"prod-support-chat" is Updating now from model ${CUSTOM_1} to ${CUSTOM_2}`);
      expect(plan.drift[0].attributes).toContainEqual({ attribute: 'model_arn', before: CUSTOM_1, after: CUSTOM_2, forcesReplacement: false });
    },
  },
  {
    it: 'sees no change when a PT is Updating toward the configured model',
    input: anInput(
      inSync({ desired: { model: CUSTOM_2 }, managed: { modelArn: CUSTOM_2 }, live: { modelArn: CUSTOM_1, status: 'Updating', desiredModelArn: CUSTOM_2 } }),
    ),
    action: 'no-op',
    reasons: [],
    diagnostics: ['pt-in-transition'],
    check: (_c, plan) => expect(plan.drift).toEqual([]),
  },
  {
    it: 'replaces create-first under create_before_destroy with a new name',
    input: anInput(inSync({ desired: { modelUnits: 3, name: 'prod-support-chat-b', lifecycle: { createBeforeDestroy: true } } })),
    action: 'create-then-delete',
    reasons: ['cannot-update-model-units'],
  },
  {
    it: 'blocks create_before_destroy that keeps the same name',
    input: anInput(inSync({ desired: { modelUnits: 3, lifecycle: { createBeforeDestroy: true } } })),
    action: 'create-then-delete',
    reasons: ['cannot-update-model-units'],
    diagnostics: ['create-before-destroy-same-name'],
    blocked: true,
  },
  {
    it: 'blocks a replace under prevent_destroy',
    input: anInput(inSync({ desired: { modelUnits: 3, lifecycle: { preventDestroy: true } } })),
    action: 'delete-then-create',
    reasons: ['cannot-update-model-units'],
    diagnostics: ['prevent-destroy'],
    blocked: true,
    check: (_c, plan) => {
      expect(plan.diagnostics[0].detail).toContain('set `preventDestroy: false` on its ProvisionedThroughput (on by default when the PT is committed');
      expect(plan.diagnostics[0].detail).not.toContain('remove prevent_destroy');
    },
  },
  {
    it: 'blocks a replace of a PT whose commitment has not expired',
    input: anInput(inSync({ ...committed(10), desired: { commitment: 'SixMonths', modelUnits: 3 } })),
    action: 'delete-then-create',
    reasons: ['cannot-update-model-units'],
    diagnostics: ['commitment-not-expired'],
    blocked: true,
    check: (c, plan) => {
      expect(c.commitment).toEqual({ addedUnitHours: 3 * 4380, endedUnitHours: 2 * 240, termEnd: daysFromNow(10) });
      const d = plan.diagnostics[0];
      expect(d).toMatchObject({ field: 'model_units', blocked: { action: 'replace', forcedBy: { attribute: 'model_units', current: 2 } } });
      expect(d.detail).toContain('To add capacity now, keep `modelUnits: 2` on its ProvisionedThroughput and add a second ProvisionedThroughput');
      expect(d.detail).toContain('or make this change after the term ends');
      expect(d.detail).not.toMatch(/revert/);
    },
  },
  {
    it: 'blocks a term change of a committed PT, offering a second PT with the new term',
    input: anInput(inSync({ ...committed(10), desired: { commitment: 'OneMonth' } })),
    action: 'delete-then-create',
    reasons: ['cannot-update-commitment'],
    diagnostics: ['commitment-not-expired'],
    blocked: true,
    check: (_c, plan) => {
      expect(plan.diagnostics[0].field).toBe('commitment_duration');
      expect(plan.diagnostics[0].detail).toContain('To buy the new term now, keep `commitment: "SixMonths"` on its ProvisionedThroughput');
    },
  },
  {
    it: 'blocks a create whose name is taken by a PT the stack does not manage, and offers import',
    input: anInput({ desired: [aDesiredPt()], live: [aLivePt({ arn: ptArn('other') })] }),
    action: 'create',
    reasons: ['new-in-config'],
    diagnostics: ['name-taken'],
    blocked: true,
    check: (_c, plan) => {
      expect(plan.diagnostics[0].detail).toContain(`bedrock-pt import --stack prod ${ADDRESS} ${ptArn('other')}`);
      expect(Object.keys(plan.ptFingerprints)).toEqual([ptArn('other')]);
    },
  },
  {
    it: 'blocks a replace whose new name is taken by an unmanaged PT',
    input: anInput({
      ...inSync({ desired: { modelUnits: 3, name: 'taken' } }),
      live: [liveFor(aManagedPt()), aLivePt({ arn: ptArn('other'), name: 'taken' })],
    }),
    action: 'delete-then-create',
    reasons: ['cannot-update-model-units'],
    diagnostics: ['name-taken'],
    blocked: true,
  },
  {
    it: 'blocks a rename to a name used by a PT the stack does not manage',
    input: anInput({ ...inSync({ desired: { name: 'taken' } }), live: [liveFor(aManagedPt()), aLivePt({ arn: ptArn('other'), name: 'taken' })] }),
    action: 'update',
    reasons: ['rename'],
    diagnostics: ['name-taken'],
    blocked: true,
  },
  {
    it: 'does not treat a deposed PT of this stack as a name clash',
    input: (() => {
      const input = anInput({ desired: [aDesiredPt()], live: [aLivePt({ arn: ptArn('old') })] });
      input.state.deposed = { [ptArn('old')]: aManagedPt({ arn: ptArn('old') }) };
      return input;
    })(),
    action: 'create',
    reasons: ['new-in-config'],
    diagnostics: [],
  },
  {
    it: 'blocks a create on a model that does not exist',
    input: anInput({ desired: [aDesiredPt({ model: 'anthropic.nope' })] }),
    action: 'create',
    reasons: ['new-in-config'],
    diagnostics: ['model-not-found'],
    blocked: true,
  },
  {
    it: 'blocks a create on a custom model that is not Active',
    input: anInput({ desired: [aDesiredPt({ model: CUSTOM_1 })], models: modelIndex(customFacts(CUSTOM_1, TITAN_ARN, { lifecycle: 'INACTIVE' })) }),
    action: 'create',
    reasons: ['new-in-config'],
    diagnostics: ['model-not-active'],
    blocked: true,
  },
  {
    it: 'blocks a create on a model without PROVISIONED inference',
    input: anInput({
      desired: [aDesiredPt({ model: 'anthropic.claude-3-haiku-20240307-v1:0' })],
      models: modelIndex(foundationFacts('anthropic.claude-3-haiku-20240307-v1:0', `${HAIKU_ARN.slice(0, -5)}`, { supportsProvisioned: false })),
    }),
    action: 'create',
    reasons: ['new-in-config'],
    diagnostics: ['model-not-provisionable'],
    blocked: true,
  },
  {
    it: 'blocks a custom-model swap to a model that is not Active',
    input: anInput({
      ...inSync({ managed: { modelArn: CUSTOM_1 }, desired: { model: CUSTOM_2 } }),
      models: modelIndex(customFacts(CUSTOM_1, TITAN_ARN), customFacts(CUSTOM_2, TITAN_ARN, { lifecycle: 'INACTIVE' })),
    }),
    action: 'update',
    reasons: ['custom-model-swap'],
    diagnostics: ['model-not-active'],
    blocked: true,
  },
  {
    it: 'does not check the model of a PT that keeps it',
    input: anInput({ ...inSync({ desired: { name: 'renamed' } }), models: modelIndex(foundationFacts(HAIKU_ID, HAIKU_ARN, { lifecycle: 'INACTIVE' })) }),
    action: 'update',
    reasons: ['rename'],
    diagnostics: [],
  },
  {
    it: 'warns that the configured model is LEGACY, with its end-of-life date',
    input: anInput({
      desired: [aDesiredPt()],
      models: modelIndex(foundationFacts(HAIKU_ID, HAIKU_ARN, { lifecycle: 'LEGACY', endOfLifeTime: '2026-01-15T00:00:00Z' })),
    }),
    action: 'create',
    reasons: ['new-in-config'],
    diagnostics: ['model-legacy'],
    check: (c, plan) => {
      expect(c.blocked).toBe(false);
      expect(plan.applyable).toBe(true);
      expect(plan.diagnostics[0].summary).toContain('2026-01-15');
    },
  },
  {
    it: 'warns that the current model of a PT is LEGACY',
    input: anInput({
      ...inSync({ managed: { modelArn: CUSTOM_1 }, desired: { model: CUSTOM_2 } }),
      models: modelIndex(customFacts(CUSTOM_1, TITAN_ARN, { lifecycle: 'LEGACY' }), customFacts(CUSTOM_2, TITAN_ARN)),
    }),
    action: 'update',
    reasons: ['custom-model-swap'],
    diagnostics: ['model-legacy'],
    check: (_c, plan) => expect(plan.diagnostics[0].summary).toContain('current model'),
  },
  {
    it: 'warns that a PT is Creating and apply will wait for it',
    input: anInput(inSync({ desired: { name: 'renamed' }, live: { status: 'Creating' } })),
    action: 'update',
    reasons: ['rename'],
    diagnostics: ['pt-in-transition'],
  },
  {
    it: 'reports a rename made outside as drift and renames it back',
    input: anInput(inSync({ live: { name: 'renamed-by-hand' } })),
    action: 'update',
    reasons: ['rename'],
    check: (c, plan) => {
      expect(plan.drift).toEqual([
        {
          address: ADDRESS,
          kind: 'changed',
          arn: ptArn(),
          attributes: [{ attribute: 'provisioned_model_name', before: 'prod-support-chat', after: 'renamed-by-hand', forcesReplacement: false }],
        },
      ]);
      expect(c.update?.rename).toBe('prod-support-chat');
    },
  },
  {
    it: 'reports a tag edit made outside as drift and restores the tags',
    input: anInput(inSync({ live: { tags: { ...DEFAULT_TAGS, CostCenter: 'hacked', Extra: '1' } } })),
    action: 'update',
    reasons: ['tags'],
    check: (c, plan) => {
      expect(plan.drift[0].attributes.map((a) => a.attribute)).toEqual(['tags_all']);
      expect(c.update).toEqual({ tagsToSet: { CostCenter: 'cc-1234' }, tagKeysToRemove: ['Extra'] });
    },
  },
  {
    it: 'reports a model swap made outside as drift and swaps back in place',
    input: anInput(inSync({ managed: { modelArn: CUSTOM_1 }, desired: { model: CUSTOM_1 }, live: { modelArn: CUSTOM_2 } })),
    action: 'update',
    reasons: ['custom-model-swap'],
    check: (c, plan) => {
      expect(plan.drift[0].attributes).toEqual([{ attribute: 'model_arn', before: CUSTOM_1, after: CUSTOM_2, forcesReplacement: false }]);
      expect(c.update?.modelId).toBe(CUSTOM_1);
    },
  },
  {
    it: 'creates again a PT deleted outside bedrock-pt',
    input: anInput({ desired: [aDesiredPt()], managed: [aManagedPt()] }),
    action: 'create',
    reasons: ['gone-outside'],
    check: (c, plan) => {
      expect(plan.drift).toEqual([expect.objectContaining({ address: ADDRESS, kind: 'gone', arn: ptArn() })]);
      expect(c.arn).toBeUndefined();
    },
  },
  {
    it: 'forgets a PT deleted outside that is no longer configured',
    input: anInput({ managed: [aManagedPt()] }),
    action: 'no-op',
    reasons: ['gone-outside'],
    check: (_c, plan) => expect(plan.drift[0].kind).toBe('gone'),
  },
  {
    it: 'moves a state record to its new address without an API call',
    input: anInput({
      desired: [aDesiredPt({ address: address('chat') })],
      managed: [aManagedPt()],
      live: [liveFor(aManagedPt())],
      moved: [{ from: ADDRESS, to: address('chat') }],
    }),
    at: address('chat'),
    action: 'no-op',
    reasons: ['moved'],
    check: (c, plan) => {
      expect(c.movedFrom).toBe(ADDRESS);
      expect(plan.changes.map((x) => x.address)).toEqual([address('chat')]);
    },
  },
  {
    it: 'moves and renames in one plan',
    input: anInput({
      desired: [aDesiredPt({ address: address('chat'), name: 'prod-chat' })],
      managed: [aManagedPt()],
      live: [liveFor(aManagedPt())],
      moved: [
        { from: address('old'), to: ADDRESS },
        { from: ADDRESS, to: address('chat') },
      ],
    }),
    at: address('chat'),
    action: 'update',
    reasons: ['moved', 'rename'],
  },
  {
    it: 'rejects a moved block when both addresses are in state',
    input: anInput({
      desired: [aDesiredPt({ address: address('chat') })],
      managed: [aManagedPt(), aManagedPt({ address: address('chat'), arn: ptArn('two'), name: 'two' })],
      live: [liveFor(aManagedPt()), aLivePt({ arn: ptArn('two'), name: 'two' })],
      moved: [{ from: ADDRESS, to: address('chat') }],
    }),
    at: address('chat'),
    action: 'update',
    reasons: ['rename'],
    diagnostics: ['moved-invalid'],
    blocked: true,
  },
  {
    it: 'rejects a moved block to another resource type',
    input: anInput({ ...inSync(), moved: [{ from: ADDRESS, to: 'aws_s3_bucket.chat' }] }),
    action: 'no-op',
    reasons: [],
    diagnostics: ['moved-invalid'],
  },
  {
    it: 'blocks both addresses of a moved block whose from is still declared, and moves nothing',
    input: anInput({
      desired: [aDesiredPt(), aDesiredPt({ address: address('chat'), name: 'prod-chat' })],
      managed: [aManagedPt()],
      live: [liveFor(aManagedPt())],
      moved: [{ from: ADDRESS, to: address('chat') }],
    }),
    at: address('chat'),
    action: 'create',
    reasons: ['new-in-config'],
    diagnostics: ['moved-invalid', 'moved-invalid'],
    blocked: true,
    check: (c, plan) => {
      expect(c.movedFrom).toBeUndefined();
      expect(plan.diagnostics.map((d) => d.address)).toEqual([address('chat'), ADDRESS]);
      expect(plan.diagnostics[1].summary).toContain(`${ADDRESS} is still declared in the configuration; remove the moved block or the resource at ${ADDRESS}`);
      expect(plan.changes.find((x) => x.address === ADDRESS)).toMatchObject({ action: 'no-op', arn: ptArn() });
      expect(plan.applyable).toBe(false);
    },
  },
  {
    it: 'rejects a moved block from an address to itself',
    input: anInput({ ...inSync(), moved: [{ from: ADDRESS, to: ADDRESS }] }),
    action: 'no-op',
    reasons: [],
    diagnostics: ['moved-invalid'],
    check: (_c, plan) => expect(plan.diagnostics[0].summary).toContain('Redundant move statement'),
  },
  {
    it: 'imports a live PT by ARN that already matches config',
    input: anInput({ desired: [aDesiredPt()], live: [aLivePt()], imports: [{ to: ADDRESS, id: ptArn() }] }),
    action: 'no-op',
    reasons: ['import'],
    check: (c, plan) => {
      expect(c.importing).toEqual({ id: ptArn() });
      expect(c.arn).toBe(ptArn());
      expect(plan.drift).toEqual([]);
      expect(Object.keys(plan.ptFingerprints)).toEqual([ptArn()]);
    },
  },
  {
    it: 'imports a live PT by name and corrects its tags',
    input: anInput({ desired: [aDesiredPt()], live: [aLivePt({ tags: { Owner: 'someone' } })], imports: [{ to: ADDRESS, id: 'prod-support-chat' }] }),
    action: 'update',
    reasons: ['import', 'tags'],
    check: (c) => expect(c.update).toEqual({ tagsToSet: { ...DEFAULT_TAGS, ...RESOURCE_TAGS }, tagKeysToRemove: ['Owner'] }),
  },
  {
    it: 'blocks an import that would replace a PT whose commitment has not expired',
    input: anInput({
      desired: [aDesiredPt({ modelUnits: 1, commitment: 'OneMonth' })],
      live: [aLivePt({ commitment: 'OneMonth', commitmentExpirationTime: daysFromNow(3) })],
      imports: [{ to: ADDRESS, id: ptArn() }],
    }),
    action: 'delete-then-create',
    reasons: ['import', 'cannot-update-model-units'],
    diagnostics: ['commitment-not-expired'],
    blocked: true,
  },
  {
    it: 'reports an import whose PT does not exist',
    input: anInput({ desired: [aDesiredPt()], imports: [{ to: ADDRESS, id: ptArn('missing') }] }),
    action: 'create',
    reasons: ['new-in-config'],
    diagnostics: ['import-not-found'],
    blocked: true,
  },
  {
    it: 'treats ignored attributes as equal to live',
    input: anInput(inSync({ desired: { modelUnits: 5, name: 'other', lifecycle: { ignoreChanges: ['model_units', 'provisioned_model_name'] } } })),
    action: 'no-op',
    reasons: [],
  },
  {
    it: 'still applies default tags to tags_all when tags are ignored',
    input: anInput(
      inSync({
        desired: { tags: { CostCenter: 'changed' }, lifecycle: { ignoreChanges: ['tags'] } },
        live: { tags: { Project: 'support-bot', CostCenter: 'cc-1234' } },
      }),
    ),
    action: 'update',
    reasons: ['tags'],
    check: (c) => expect(c.update).toEqual({ tagsToSet: { Environment: 'prod', ManagedBy: 'bedrock-pt' }, tagKeysToRemove: [] }),
  },
  {
    it: 'keeps console edits of own tags when all tags are ignored, and still restores default tags',
    input: anInput(
      inSync({
        desired: { lifecycle: { ignoreChanges: ['tags'] } },
        live: { tags: { Project: 'support-bot', ManagedBy: 'bedrock-pt', CostCenter: 'cc-9999', Added: 'by-hand' } },
      }),
    ),
    action: 'update',
    reasons: ['tags'],
    check: (c) => {
      expect(c.update).toEqual({ tagsToSet: { Environment: 'prod' }, tagKeysToRemove: [] });
      expect(c.after?.tags).toEqual({ Added: 'by-hand', CostCenter: 'cc-9999' });
    },
  },
  {
    it: 'keeps the live value of an ignored tag key and corrects the other keys',
    input: anInput(
      inSync({
        desired: { tags: { CostCenter: 'cc-1234', Owner: 'ana' }, lifecycle: { ignoreChanges: ['tags["Owner"]'] } },
        managed: { tags: { CostCenter: 'cc-1234', Owner: 'ana' } },
        live: { tags: { ...DEFAULT_TAGS, CostCenter: 'cc-9999', Owner: 'bob' } },
      }),
    ),
    action: 'update',
    reasons: ['tags'],
    check: (c) => {
      expect(c.update).toEqual({ tagsToSet: { CostCenter: 'cc-1234' }, tagKeysToRemove: [] });
      expect(c.after?.tags).toEqual({ CostCenter: 'cc-1234', Owner: 'bob' });
      expect(c.after?.tags_all).toEqual({ ...DEFAULT_TAGS, CostCenter: 'cc-1234', Owner: 'bob' });
    },
  },
  {
    it: 'does not add a configured tag key that is ignored and absent live',
    input: anInput(inSync({ desired: { tags: { ...RESOURCE_TAGS, Owner: 'ana' }, lifecycle: { ignoreChanges: ['tags["Owner"]'] } } })),
    action: 'no-op',
    reasons: [],
  },
  {
    it: 'still fills a default tag under tags["Key"], but keeps it as live under tags_all["Key"]',
    input: anInput(
      inSync({
        desired: { lifecycle: { ignoreChanges: ['tags["Environment"]'] } },
        live: { tags: { Project: 'support-bot', ManagedBy: 'bedrock-pt', ...RESOURCE_TAGS } },
      }),
    ),
    action: 'update',
    reasons: ['tags'],
    check: (c) => {
      expect(c.update).toEqual({ tagsToSet: { Environment: 'prod' }, tagKeysToRemove: [] });
      const exact = planStack(
        anInput(
          inSync({
            desired: { lifecycle: { ignoreChanges: ['tags_all["Environment"]'] } },
            live: { tags: { Project: 'support-bot', ManagedBy: 'bedrock-pt', ...RESOURCE_TAGS } },
          }),
        ),
      );
      expect(exact.changes[0].action).toBe('no-op');
    },
  },
  {
    it: 'skips an import block whose address is already in state',
    input: anInput({ ...inSync(), imports: [{ to: ADDRESS, id: ptArn('someone-else') }] }),
    action: 'no-op',
    reasons: [],
    check: (c) => expect(c.importing).toBeUndefined(),
  },
  {
    it: 'ignores everything under ignore_changes = all',
    input: anInput(inSync({ desired: { modelUnits: 5, model: SONNET_ID, tags: {}, lifecycle: { ignoreChanges: 'all' } } })),
    action: 'no-op',
    reasons: [],
  },
  {
    it: 'resumes an unresolved pending create that the configuration still asks for, instead of planning a new one',
    input: anInput({ desired: [aDesiredPt()], pending: [aPendingCreate()] }),
    action: 'create',
    reasons: ['new-in-config', 'resume-create'],
    diagnostics: ['pending-create-resumed'],
    check: (c) => expect(c.resumesCreate).toEqual({ clientRequestToken: 'token-1', startedAt: '2025-05-31T23:00:00.000Z' }),
  },
  {
    it: 'notes resources of other types once',
    input: anInput({ ...inSync(), otherResourceCount: 3 }),
    action: 'no-op',
    reasons: [],
    diagnostics: ['other-resources'],
    check: (_c, plan) => expect(plan.applyable).toBe(true),
  },
  {
    it: 'carries the configured timeouts',
    input: anInput({ desired: [aDesiredPt({ timeouts: { create: '90m' } })] }),
    action: 'create',
    reasons: ['new-in-config'],
    check: (c) => expect(c.timeouts).toEqual({ create: '90m' }),
  },
];

describe('planStack rules', () => {
  it.each(rows.map((row) => [row.it, row] as const))('%s', (_name, row) => {
    const plan = planStack(row.input);
    const change = plan.changes.find((c) => c.address === (row.at ?? ADDRESS));
    expect(change).toBeDefined();
    expect(change!.action).toBe(row.action);
    expect(change!.reasons).toEqual(row.reasons);
    expect(change!.explanations).toHaveLength(row.reasons.length);
    expect(plan.diagnostics.map((d) => d.code)).toEqual(row.diagnostics ?? []);
    expect(change!.blocked).toBe(row.blocked ?? false);
    expect(plan.applyable).toBe(!plan.diagnostics.some((d) => d.severity === 'error'));
    row.check?.(change!, plan);
  });
});

describe('planStack output', () => {
  it('sorts changes by address and is byte-for-byte repeatable', () => {
    const input = anInput({
      desired: ['zeta', 'alpha', 'mid'].map((id) => aDesiredPt({ address: address(id), name: id })),
      managed: [aManagedPt({ address: address('gone'), arn: ptArn('g') })],
      live: [aLivePt({ arn: ptArn('g'), name: 'g' })],
    });
    const first = planStack(input);
    expect(first.changes.map((c) => c.address)).toEqual(['alpha', 'gone', 'mid', 'zeta'].map((id) => address(id)));
    expect(JSON.stringify(planStack(input))).toBe(JSON.stringify(first));
  });

  it('fingerprints every live PT it relies on and records state and stack identity', () => {
    const plan = planStack(anInput(inSync()));
    expect(Object.keys(plan.ptFingerprints)).toEqual([ptArn()]);
    expect(plan.ptFingerprints[ptArn()]).toMatch(/^[0-9a-f]{64}$/);
    expect(plan).toMatchObject({ stack: 'prod', account: '333333333333', state: { lineage: 'lineage-1', serial: 7 }, configFingerprint: 'config-fingerprint' });
  });

  it('reads the clock only from its input', () => {
    const input = anInput({ ...inSync(committed(1)), desired: [] });
    expect(planStack({ ...input, now: NOW }).changes[0].blocked).toBe(true);
    expect(planStack({ ...input, now: new Date(Date.parse(daysFromNow(2))) }).changes[0].blocked).toBe(false);
  });

  it('does not treat a PT of another address in this stack as a name clash', () => {
    const plan = planStack(
      anInput({
        desired: [aDesiredPt({ address: address('new') })],
        managed: [aManagedPt()],
        live: [liveFor(aManagedPt())],
      }),
    );
    expect(plan.diagnostics).toEqual([]);
    expect(plan.changes.map((c) => c.action)).toEqual(['create', 'delete']);
  });

  it('keeps the standard model catalog keyed by identifier and ARN', () => {
    expect(STANDARD_MODELS[HAIKU_ID].arn).toBe(HAIKU_ARN);
    expect(STANDARD_MODELS[HAIKU_ARN].kind).toBe('foundation');
  });
});
