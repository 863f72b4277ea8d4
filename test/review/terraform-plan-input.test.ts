/** Reading `terraform show -json` into the plan model: tables of small Terraform JSON plans. */
import { renderReview } from '../../src/engine/render/review';
import { readTerraformPlan } from '../../src/engine/terraform-plan/show-json';

const ARN = 'arn:aws:bedrock:us-east-1:333333333333:provisioned-model/abc123def456';
const PT = {
  provisioned_model_name: 'prod-support-chat',
  model_arn: 'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0:200k',
  model_units: 2,
  commitment_duration: 'SixMonths',
  tags: { CostCenter: 'cc-1234' },
  tags_all: { CostCenter: 'cc-1234' },
  provisioned_model_arn: ARN,
  id: ARN,
  commitment_expiration_time: '2027-05-30T12:00:00Z',
};

function plan(resourceChanges: unknown[], extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ format_version: '1.2', terraform_version: '1.11.4', resource_changes: resourceChanges, ...extra });
}

function change(type: string, actions: string[], before: unknown, after: unknown, extra: Record<string, unknown> = {}) {
  return { address: `${type}.support_chat`, mode: 'managed', type, name: 'support_chat', change: { actions, before, after, after_unknown: {}, ...extra } };
}

const read = (text: string) => readTerraformPlan('prod', 'prod.json', text);

describe('readTerraformPlan', () => {
  it.each([
    [['create'], 'create'],
    [['update'], 'update'],
    [['delete', 'create'], 'delete-then-create'],
    [['create', 'delete'], 'create-then-delete'],
    [['delete'], 'delete'],
    [['no-op'], 'no-op'],
  ])('maps Terraform actions %j on a bedrockpt PT to %s', (actions, expected) => {
    const { plan: p } = read(plan([change('bedrockpt_provisioned_model_throughput', actions, PT, PT)]));
    expect(p.changes.map((c) => c.action)).toEqual([expected]);
  });

  it('counts commitment hours bought and ended, with the term end bedrockpt reports', () => {
    const replace = change(
      'bedrockpt_provisioned_model_throughput',
      ['delete', 'create'],
      PT,
      { ...PT, model_units: 3, provisioned_model_arn: null, id: null },
      {
        after_unknown: { provisioned_model_arn: true, id: true },
        replace_paths: [['model_units']],
      },
    );
    const [c] = read(plan([replace])).plan.changes;
    expect(c.commitment).toEqual({ addedUnitHours: 3 * 4380, endedUnitHours: 2 * 4380, termEnd: '2027-05-30T12:00:00Z' });
    expect(c.attributes).toEqual([{ attribute: 'model_units', before: 2, after: 3, forcesReplacement: true }]);
  });

  it('keeps moves and imports of PTs as such', () => {
    const moved = {
      ...change('bedrockpt_provisioned_model_throughput', ['no-op'], PT, PT),
      previous_address: 'aws_bedrock_provisioned_model_throughput.support_chat',
    };
    const imported = change('aws_bedrock_provisioned_model_throughput', ['no-op'], PT, PT, { importing: { id: ARN } });
    const [m, i] = read(plan([moved, imported])).plan.changes;
    expect(m.movedFrom).toBe('aws_bedrock_provisioned_model_throughput.support_chat');
    expect(i.importing).toEqual({ id: ARN });
    expect(renderReview([read(plan([moved]))])).toContain('🔀 move');
  });

  it('summarises every other resource by its action only, leaving no-ops out', () => {
    const others = [
      { address: 'aws_iam_policy.invoke', mode: 'managed', type: 'aws_iam_policy', change: { actions: ['delete'], before: { policy: '{}' }, after: null } },
      { address: 'data.aws_iam_policy_document.x', mode: 'data', type: 'aws_iam_policy_document', change: { actions: ['read'], before: null, after: {} } },
      { address: 'aws_s3_bucket.logs', mode: 'managed', type: 'aws_s3_bucket', change: { actions: ['no-op'], before: {}, after: {} } },
    ];
    const reviewed = read(plan(others));
    expect(reviewed.plan.changes).toEqual([]);
    expect(reviewed.others).toEqual([
      { address: 'aws_iam_policy.invoke', action: 'delete' },
      { address: 'data.aws_iam_policy_document.x', action: 'read' },
    ]);
    const md = renderReview([reviewed]);
    expect(md.indexOf('destroy: `aws_iam_policy.invoke`')).toBeLessThan(md.indexOf('read (data source): `data.aws_iam_policy_document.x`'));
  });

  it('makes a plan Terraform could not finish unappliable, with a blocked title', () => {
    const reviewed = read(plan([], { errored: true }));
    expect(reviewed.plan.applyable).toBe(false);
    expect(renderReview([reviewed])).toContain('## ⛔ Plan blocked');
  });

  it.each([
    ['not JSON', '{', 'is not JSON'],
    ['a state file', JSON.stringify({ version: 4, resources: [] }), 'is not a Terraform JSON plan'],
    ['an action Terraform never writes', plan([change('aws_s3_bucket', ['explode'], {}, {})]), 'has actions ["explode"]'],
  ])('refuses %s, naming the file and what to pass', (_what, text, message) => {
    expect(() => read(text)).toThrow(message);
    expect(() => read(text)).toThrow('prod.json');
    expect(() => read(text)).toThrow('terraform show -json PLANFILE');
  });
});
