/**
 * Small hand-made StackPlan builders for renderer and plan-file tests. They
 * only produce data shaped like the planner's output; they do not plan.
 */
import {
  HOURS_PER_TERM,
  type AttributeChange,
  type ChangeAction,
  type Diagnostic,
  type DriftEntry,
  type PtAttributes,
  type ResourceChange,
  type StackPlan,
} from '../../src/engine/model';

export const PT_ADDRESS = 'aws_bedrock_provisioned_model_throughput.support_chat';
export const HAIKU_ARN = 'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0:200k';
export const CUSTOM_ARN_1 = 'arn:aws:bedrock:us-east-1:111111111111:custom-model/amazon.titan-text-express-v1:0:8k/devsupport01';
export const CUSTOM_ARN_2 = 'arn:aws:bedrock:us-east-1:111111111111:custom-model/amazon.titan-text-express-v1:0:8k/devsupport02';

export const STACK_FACTS: Record<string, { account: string; region: string }> = {
  dev: { account: '111111111111', region: 'us-east-1' },
  staging: { account: '222222222222', region: 'us-west-2' },
  prod: { account: '333333333333', region: 'us-east-1' },
};

export function ptArn(account: string, region: string, id: string): string {
  return `arn:aws:bedrock:${region}:${account}:provisioned-model/${id}`;
}

export function attrs(overrides: Partial<PtAttributes> = {}): PtAttributes {
  const arn = ptArn('333333333333', 'us-east-1', 'abc123');
  return {
    provisioned_model_name: 'prod-support-chat',
    model_arn: HAIKU_ARN,
    model_units: 2,
    commitment_duration: null,
    tags: { CostCenter: 'cc-1234' },
    tags_all: { CostCenter: 'cc-1234', Environment: 'prod', ManagedBy: 'bedrock-pt', Project: 'support-bot' },
    provisioned_model_arn: arn,
    id: arn,
    ...overrides,
  };
}

/** Attributes of a PT not yet created: ARN and id unknown. */
export function plannedAttrs(overrides: Partial<PtAttributes> = {}): PtAttributes {
  return attrs({ provisioned_model_arn: null, id: null, ...overrides });
}

export function attrChange(attribute: AttributeChange['attribute'], before: unknown, after: unknown, forcesReplacement = false): AttributeChange {
  return { attribute, before, after, forcesReplacement };
}

function unitHours(a: PtAttributes | null): number {
  return a?.commitment_duration ? a.model_units * HOURS_PER_TERM[a.commitment_duration] : 0;
}

export function change(action: ChangeAction, overrides: Partial<ResourceChange> = {}): ResourceChange {
  return {
    address: PT_ADDRESS,
    action,
    reasons: [],
    explanations: [],
    before: null,
    after: null,
    attributes: [],
    blocked: false,
    commitment: { addedUnitHours: 0, endedUnitHours: 0 },
    timeouts: {},
    ...overrides,
  };
}

export function createChange(after: PtAttributes = plannedAttrs(), overrides: Partial<ResourceChange> = {}): ResourceChange {
  return change('create', {
    reasons: ['new-in-config'],
    explanations: ['create: in configuration, not in state'],
    after,
    createModelId: after.model_arn,
    commitment: { addedUnitHours: unitHours(after), endedUnitHours: 0 },
    ...overrides,
  });
}

export function tagUpdateChange(overrides: Partial<ResourceChange> = {}): ResourceChange {
  const before = attrs();
  const after = attrs({
    tags: { CostCenter: 'cc-9999', Tier: 'critical' },
    tags_all: { ...before.tags_all, CostCenter: 'cc-9999', Tier: 'critical' },
  });
  return change('update', {
    reasons: ['tags'],
    explanations: ['update in place: tags'],
    before,
    after,
    arn: before.provisioned_model_arn!,
    attributes: [attrChange('tags', before.tags, after.tags), attrChange('tags_all', before.tags_all, after.tags_all)],
    update: { tagsToSet: { CostCenter: 'cc-9999', Tier: 'critical' }, tagKeysToRemove: [] },
    ...overrides,
  });
}

export function replaceChange(action: 'delete-then-create' | 'create-then-delete', overrides: Partial<ResourceChange> = {}): ResourceChange {
  const before = attrs({ model_units: 1 });
  const after = plannedAttrs({ model_units: 3 });
  return change(action, {
    reasons: ['cannot-update-model-units'],
    explanations: ['forces replacement: model units cannot be changed on an existing Provisioned Throughput'],
    before,
    after,
    arn: before.provisioned_model_arn!,
    createModelId: after.model_arn,
    attributes: [
      attrChange('model_units', 1, 3, true),
      attrChange('provisioned_model_arn', before.provisioned_model_arn, null),
      attrChange('id', before.id, null),
    ],
    ...overrides,
  });
}

export function deleteChange(before: PtAttributes = attrs(), overrides: Partial<ResourceChange> = {}): ResourceChange {
  return change('delete', {
    reasons: ['removed-from-config'],
    explanations: ['destroy: in state, no longer in configuration'],
    before,
    arn: before.provisioned_model_arn!,
    commitment: { addedUnitHours: 0, endedUnitHours: unitHours(before) },
    ...overrides,
  });
}

/** The old object a create-then-delete replace left behind when it was interrupted. */
export function deposedDeleteChange(overrides: Partial<ResourceChange> = {}): ResourceChange {
  const before = attrs({ provisioned_model_arn: ptArn('333333333333', 'us-east-1', 'old999'), id: ptArn('333333333333', 'us-east-1', 'old999') });
  return change('delete', {
    reasons: [],
    explanations: ['destroy the deposed object left by an interrupted replacement'],
    before,
    arn: before.provisioned_model_arn!,
    deposed: before.provisioned_model_arn!,
    ...overrides,
  });
}

export function noOpChange(overrides: Partial<ResourceChange> = {}): ResourceChange {
  const a = attrs();
  return change('no-op', { before: a, after: a, arn: a.provisioned_model_arn!, ...overrides });
}

export function importChange(overrides: Partial<ResourceChange> = {}): ResourceChange {
  const a = attrs({ provisioned_model_name: 'imported-chat' });
  return change('no-op', {
    address: 'aws_bedrock_provisioned_model_throughput.imported',
    reasons: ['import'],
    explanations: ['import: adopt the existing Provisioned Throughput into state'],
    before: a,
    after: a,
    arn: a.provisioned_model_arn!,
    importing: { id: a.provisioned_model_arn! },
    ...overrides,
  });
}

export function movedChange(overrides: Partial<ResourceChange> = {}): ResourceChange {
  const a = attrs();
  return change('no-op', {
    address: 'aws_bedrock_provisioned_model_throughput.chat',
    reasons: ['moved'],
    explanations: ['moved: state address changes, nothing is called'],
    before: a,
    after: a,
    arn: a.provisioned_model_arn!,
    movedFrom: PT_ADDRESS,
    ...overrides,
  });
}

export function diag(severity: Diagnostic['severity'], code: Diagnostic['code'], over: Partial<Diagnostic> = {}): Diagnostic {
  return { severity, code, summary: `${code} happened`, ...over };
}

export function driftChanged(overrides: Partial<DriftEntry> = {}): DriftEntry {
  return {
    address: PT_ADDRESS,
    kind: 'changed',
    arn: attrs().provisioned_model_arn!,
    attributes: [attrChange('tags', { CostCenter: 'cc-1234' }, { CostCenter: 'cc-1234', Owner: 'someone' })],
    ...overrides,
  };
}

export function driftGone(overrides: Partial<DriftEntry> = {}): DriftEntry {
  const a = attrs();
  return {
    address: PT_ADDRESS,
    kind: 'gone',
    arn: a.provisioned_model_arn!,
    attributes: [attrChange('provisioned_model_arn', a.provisioned_model_arn, null)],
    ...overrides,
  };
}

/** A stack plan whose totals and applyable flag follow from its changes and diagnostics. */
export function stackPlan(stack: string, parts: Partial<StackPlan> = {}): StackPlan {
  const changes = parts.changes ?? [];
  const diagnostics = parts.diagnostics ?? [];
  const facts = STACK_FACTS[stack] ?? { account: '444444444444', region: 'eu-west-1' };
  return {
    stack,
    account: facts.account,
    region: facts.region,
    state: { lineage: `lineage-${stack}`, serial: 3 },
    configFingerprint: 'f'.repeat(64),
    ptFingerprints: {},
    changes,
    drift: [],
    diagnostics,
    commitment: {
      addedUnitHours: changes.reduce((n, c) => n + c.commitment.addedUnitHours, 0),
      endedUnitHours: changes.reduce((n, c) => n + c.commitment.endedUnitHours, 0),
    },
    applyable: !diagnostics.some((d) => d.severity === 'error'),
    ...parts,
  };
}

const addr = (name: string) => `aws_bedrock_provisioned_model_throughput.${name}`;

/**
 * Three stacks that together hold every action kind, a blocked change, both
 * drift kinds and one diagnostic of each severity.
 */
export function everyActionPlans(): StackPlan[] {
  const dev = stackPlan('dev', {
    changes: [
      createChange(plannedAttrs({ provisioned_model_name: 'dev-support-chat', model_arn: CUSTOM_ARN_1, model_units: 1 }), {
        address: addr('new_chat'),
      }),
      tagUpdateChange({ address: addr('support_chat') }),
      noOpChange({ address: addr('steady') }),
    ],
    drift: [driftChanged({ address: addr('support_chat') })],
    diagnostics: [diag('note', 'other-resources', { summary: '3 other resources are left to Terraform' })],
  });
  const staging = stackPlan('staging', {
    changes: [
      replaceChange('delete-then-create', { address: addr('replaced_dtc') }),
      replaceChange('create-then-delete', { address: addr('replaced_ctd') }),
      deleteChange(attrs({ provisioned_model_name: 'old-chat', commitment_duration: 'OneMonth', model_units: 1 }), {
        address: addr('old_chat'),
        commitment: { addedUnitHours: 0, endedUnitHours: 730, termEnd: '2025-01-31T00:00:00Z' },
      }),
      importChange(),
      movedChange(),
    ],
    drift: [driftGone({ address: addr('vanished') })],
    diagnostics: [
      diag('warning', 'model-legacy', {
        address: addr('replaced_dtc'),
        summary: 'model anthropic.claude-3-haiku is LEGACY, end of life 2026-01-01',
        detail: 'move to a newer model before then',
      }),
    ],
  });
  const prodPt = attrs({ commitment_duration: 'SixMonths' });
  const prod = stackPlan('prod', {
    changes: [
      createChange(plannedAttrs({ provisioned_model_name: 'prod-support-chat-2', commitment_duration: 'SixMonths' }), {
        address: addr('committed_new'),
      }),
      deleteChange(prodPt, {
        address: addr('support_chat'),
        blocked: true,
        commitment: { addedUnitHours: 0, endedUnitHours: 8760, termEnd: '2025-06-30T00:00:00Z' },
      }),
    ],
    diagnostics: [
      diag('error', 'commitment-not-expired', {
        address: addr('support_chat'),
        summary: 'cannot delete: SixMonths commitment runs until 2025-06-30T00:00:00Z',
        detail: 'keep the resource in configuration until the term ends',
      }),
    ],
  });
  return [dev, staging, prod];
}
