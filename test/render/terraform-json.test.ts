import type { ResourceChange, StackPlan } from '../../src/engine/model';
import {
  AWS_PROVIDER_NAME,
  renderTerraformJson,
  renderTerraformJsonForStack,
  type TfPlan,
  type TfResourceChange,
} from '../../src/engine/render/terraform-json';
import {
  PT_ADDRESS,
  attrs,
  createChange,
  deleteChange,
  deposedDeleteChange,
  diag,
  driftChanged,
  driftGone,
  everyActionPlans,
  importChange,
  movedChange,
  noOpChange,
  plannedAttrs,
  replaceChange,
  stackPlan,
  tagUpdateChange,
} from './plan-builders';

/** The action lists Terraform's jsonplan documents for `change.actions`. */
const TERRAFORM_ACTIONS = [['no-op'], ['create'], ['read'], ['update'], ['delete', 'create'], ['create', 'delete'], ['delete']];

/** Checks one resource change against the shape `terraform show -json` documents. */
function expectTerraformShape(rc: TfResourceChange): void {
  expect(rc.mode).toBe('managed');
  expect(rc.type).toBe('aws_bedrock_provisioned_model_throughput');
  expect(rc.address.endsWith(`${rc.type}.${rc.name}`)).toBe(true);
  expect(rc.provider_name).toBe(AWS_PROVIDER_NAME);
  expect(TERRAFORM_ACTIONS).toContainEqual(rc.change.actions);
  const { before, after, after_unknown, before_sensitive, after_sensitive } = rc.change;
  expect(before === null || typeof before === 'object').toBe(true);
  expect(typeof after_unknown).toBe('object');
  expect(before_sensitive === false || typeof before_sensitive === 'object').toBe(true);
  expect(after_sensitive === false || typeof after_sensitive === 'object').toBe(true);
  if (rc.change.actions.includes('create')) expect(after).not.toBeNull();
  if (rc.change.actions.join() === 'delete') expect(after).toBeNull();
  if (rc.change.actions.join() === 'create') expect(before).toBeNull();
  // Unknown values are left out of `after` and flagged in `after_unknown`.
  for (const k of Object.keys(after_unknown)) expect(after ?? {}).not.toHaveProperty(k);
}

function renderOne(c: ResourceChange, extra: Partial<StackPlan> = {}): { doc: TfPlan; rc: TfResourceChange } {
  const doc = renderTerraformJsonForStack(stackPlan('prod', { changes: [c], ...extra }));
  for (const r of doc.resource_changes) expectTerraformShape(r);
  return { doc, rc: doc.resource_changes[0] };
}

const plannedAddresses = (doc: TfPlan) => doc.planned_values.root_module.resources.map((r) => r.address);
const priorAddresses = (doc: TfPlan) => doc.prior_state.values.root_module.resources.map((r) => r.address);

describe('Terraform JSON plan, per action', () => {
  it('renders a create with unknown ARN and id', () => {
    const { doc, rc } = renderOne(createChange());
    expect(rc.change.actions).toEqual(['create']);
    expect(rc.change.before).toBeNull();
    expect(rc.change.before_sensitive).toBe(false);
    expect(rc.change.after).toMatchObject({ provisioned_model_name: 'prod-support-chat', model_units: 2, timeouts: null });
    expect(rc.change.after_unknown).toEqual({ provisioned_model_arn: true, id: true });
    expect(rc.change.after_sensitive).toEqual({ tags: {}, tags_all: {} });
    expect(rc.action_reason).toBeUndefined();
    expect(rc.change.replace_paths).toBeUndefined();
    expect(plannedAddresses(doc)).toEqual([PT_ADDRESS]);
    expect(doc.planned_values.root_module.resources[0].values).not.toHaveProperty('provisioned_model_arn');
    expect(priorAddresses(doc)).toEqual([]);
    expect(doc.configuration.root_module.resources).toEqual([
      expect.objectContaining({
        address: PT_ADDRESS,
        provider_config_key: 'aws',
        expressions: expect.objectContaining({ model_units: { constant_value: 2 } }),
      }),
    ]);
  });

  it('carries the create timeout as the timeouts block', () => {
    const { doc, rc } = renderOne(createChange(plannedAttrs(), { timeouts: { create: '90m' } }));
    expect(rc.change.after).toMatchObject({ timeouts: { create: '90m' } });
    expect(rc.change.after_sensitive).toEqual({ tags: {}, tags_all: {}, timeouts: {} });
    expect(doc.planned_values.root_module.resources[0].values.timeouts).toEqual({ create: '90m' });
  });

  it('renders an in-place update with known before and after', () => {
    const { rc } = renderOne(tagUpdateChange());
    expect(rc.change.actions).toEqual(['update']);
    expect(rc.change.before).toMatchObject({ tags: { CostCenter: 'cc-1234' } });
    expect(rc.change.after).toMatchObject({ tags: { CostCenter: 'cc-9999', Tier: 'critical' }, id: attrs().id });
    expect(rc.change.after_unknown).toEqual({});
    expect(rc.change.replace_paths).toBeUndefined();
  });

  it.each([
    ['delete-then-create', ['delete', 'create']],
    ['create-then-delete', ['create', 'delete']],
  ] as const)('renders a %s replacement with its forcing attribute and reason', (action, actions) => {
    const { doc, rc } = renderOne(replaceChange(action));
    expect(rc.change.actions).toEqual(actions);
    expect(rc.change.replace_paths).toEqual([['model_units']]);
    expect(rc.action_reason).toBe('replace_because_cannot_update');
    expect(rc.change.before).toMatchObject({ model_units: 1 });
    expect(rc.change.after).toMatchObject({ model_units: 3 });
    expect(rc.change.after_unknown).toEqual({ provisioned_model_arn: true, id: true });
    expect(plannedAddresses(doc)).toEqual([PT_ADDRESS]);
    expect(priorAddresses(doc)).toEqual([PT_ADDRESS]);
  });

  it('reports replacing a Failed PT as Terraform reports a tainted object', () => {
    const failed = replaceChange('delete-then-create', { reasons: ['failed-status'], attributes: [] });
    const { rc } = renderOne(failed);
    expect(rc.action_reason).toBe('replace_because_tainted');
    expect(rc.change.replace_paths).toBeUndefined();
  });

  it('renders a delete of a resource removed from configuration', () => {
    const { doc, rc } = renderOne(deleteChange());
    expect(rc.change.actions).toEqual(['delete']);
    expect(rc.change.after).toBeNull();
    expect(rc.change.after_unknown).toEqual({});
    expect(rc.change.after_sensitive).toBe(false);
    expect(rc.action_reason).toBe('delete_because_no_resource_config');
    expect(plannedAddresses(doc)).toEqual([]);
    expect(priorAddresses(doc)).toEqual([PT_ADDRESS]);
    expect(doc.configuration.root_module.resources).toEqual([]);
  });

  it('renders the delete of a deposed object after the current object at the same address', () => {
    const doc = renderTerraformJsonForStack(stackPlan('prod', { changes: [deposedDeleteChange(), noOpChange()] }));
    const [current, deposed] = doc.resource_changes;
    expect(current.deposed).toBeUndefined();
    expect(deposed).toMatchObject({ address: PT_ADDRESS, deposed: expect.stringContaining('old999'), change: { actions: ['delete'] } });
    expect(deposed.action_reason).toBeUndefined();
    expect(doc.prior_state.values.root_module.resources.map((r) => r.deposed_key)).toEqual([undefined, deposed.deposed]);
  });

  it('renders a no-op with identical before and after', () => {
    const { rc } = renderOne(noOpChange());
    expect(rc.change.actions).toEqual(['no-op']);
    expect(rc.change.after).toEqual(rc.change.before);
  });

  it('marks an import with change.importing and keeps it out of the prior state', () => {
    const { doc, rc } = renderOne(importChange());
    expect(rc.change.actions).toEqual(['no-op']);
    expect(rc.change.importing).toEqual({ id: attrs().provisioned_model_arn });
    expect(priorAddresses(doc)).toEqual([]);
    expect(plannedAddresses(doc)).toEqual(['aws_bedrock_provisioned_model_throughput.imported']);
  });

  it('gives a moved resource its previous_address, and the prior state the old address', () => {
    const { doc, rc } = renderOne(movedChange());
    expect(rc.address).toBe('aws_bedrock_provisioned_model_throughput.chat');
    expect(rc.previous_address).toBe(PT_ADDRESS);
    expect(priorAddresses(doc)).toEqual([PT_ADDRESS]);
  });

  it('keeps a blocked change but marks the whole plan errored and not applyable', () => {
    const blocked = deleteChange(attrs(), { blocked: true });
    const { doc, rc } = renderOne(blocked, { diagnostics: [diag('error', 'prevent-destroy', { address: PT_ADDRESS })] });
    expect(rc.change.actions).toEqual(['delete']);
    expect(doc).toMatchObject({ applyable: false, complete: false, errored: true });
    const ok = renderTerraformJsonForStack(stackPlan('prod', { changes: [createChange()] }));
    expect(ok).toMatchObject({ applyable: true, complete: true, errored: false });
  });

  it('renders drift: changed as an update from state to live, gone as a delete', () => {
    const plan = stackPlan('prod', {
      changes: [noOpChange()],
      drift: [driftChanged(), driftGone({ address: 'aws_bedrock_provisioned_model_throughput.gone' })],
    });
    const doc = renderTerraformJsonForStack(plan);
    const [gone, changed] = doc.resource_drift!;
    for (const d of doc.resource_drift!) expectTerraformShape(d);
    expect(changed.change.actions).toEqual(['update']);
    expect(changed.change.before).toMatchObject({ tags: { CostCenter: 'cc-1234' }, model_units: 2 });
    expect(changed.change.after).toMatchObject({ tags: { CostCenter: 'cc-1234', Owner: 'someone' }, model_units: 2 });
    expect(gone.address).toBe('aws_bedrock_provisioned_model_throughput.gone');
    expect(gone.change.actions).toEqual(['delete']);
    expect(gone.change.after).toBeNull();
    expect(renderTerraformJsonForStack(stackPlan('prod')).resource_drift).toBeUndefined();
  });
});

describe('Terraform JSON plan, document', () => {
  it('states the format and Terraform versions', () => {
    const doc = renderTerraformJsonForStack(stackPlan('prod'), { terraformVersion: '1.10.5' });
    expect(doc.format_version).toBe('1.2');
    expect(doc.terraform_version).toBe('1.10.5');
    expect(doc.prior_state.format_version).toBe('1.0');
    expect(doc.configuration.provider_config.aws).toMatchObject({ name: 'aws', full_name: AWS_PROVIDER_NAME });
  });

  it('sorts resource changes by address so equal plans give equal JSON', () => {
    const changes = [
      createChange(plannedAttrs(), { address: 'aws_bedrock_provisioned_model_throughput.b' }),
      deleteChange(attrs(), { address: 'aws_bedrock_provisioned_model_throughput.a' }),
    ];
    const one = renderTerraformJsonForStack(stackPlan('prod', { changes }));
    const two = renderTerraformJsonForStack(stackPlan('prod', { changes: [...changes].reverse() }));
    expect(one.resource_changes.map((r) => r.name)).toEqual(['a', 'b']);
    expect(JSON.stringify(one)).toBe(JSON.stringify(two));
  });

  it('renders one stack as a pure root-module document', () => {
    const [dev] = everyActionPlans();
    expect(renderTerraformJson([dev])).toEqual(renderTerraformJsonForStack(dev));
    expect(renderTerraformJson([dev]).planned_values.root_module.child_modules).toBeUndefined();
  });

  it('renders several stacks as child modules module.<stack> of one document', () => {
    const plans = everyActionPlans();
    const doc = renderTerraformJson(plans);
    for (const rc of doc.resource_changes) expectTerraformShape(rc);
    expect(doc.planned_values.root_module.resources).toEqual([]);
    expect(doc.planned_values.root_module.child_modules!.map((m) => m.address)).toEqual(['module.dev', 'module.prod', 'module.staging']);
    const moved = doc.resource_changes.find((r) => r.previous_address)!;
    expect(moved).toMatchObject({
      address: 'module.staging.aws_bedrock_provisioned_model_throughput.chat',
      previous_address: 'module.staging.aws_bedrock_provisioned_model_throughput.support_chat',
      module_address: 'module.staging',
      name: 'chat',
    });
    const total = plans.reduce((n, p) => n + p.changes.length, 0);
    expect(doc.resource_changes).toHaveLength(total);
    expect(new Set(doc.resource_changes.map((r) => r.address)).size).toBe(total);
    expect(doc.configuration.provider_config['prod:aws']).toMatchObject({
      module_address: 'module.prod',
      expressions: { region: { constant_value: 'us-east-1' } },
    });
    expect(doc.resource_drift!.map((d) => d.address)).toEqual([
      'module.dev.aws_bedrock_provisioned_model_throughput.support_chat',
      'module.staging.aws_bedrock_provisioned_model_throughput.vanished',
    ]);
    expect(doc).toMatchObject({ applyable: false, errored: true });
  });
});
