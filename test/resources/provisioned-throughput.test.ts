import { Construct } from 'constructs';
import { AwsProvider, Token } from '../../src/resources/cdk';
import { EnvironmentStack, Model, ProvisionedThroughput, collectValidationErrors, partitionOf } from '../../src/resources';
import { HAIKU, newApp, prodApp, prodStackProps, terraformJson, removeTempDirs } from './builders';

afterAll(removeTempDirs);

const PT = 'aws_bedrock_provisioned_model_throughput';

describe('ProvisionedThroughput', () => {
  it('synthesizes exactly one aws_bedrock_provisioned_model_throughput named after the construct id', () => {
    const { stack, pt } = prodApp();
    const json = terraformJson(stack);
    expect(Object.keys(json.resource)).toEqual([PT]);
    expect(Object.keys(json.resource[PT])).toEqual(['support_chat']);
    expect(pt.address).toBe(`${PT}.support_chat`);
  });

  it('gives a PT nested in another construct a unique hashed name, so two teams can reuse an id', () => {
    const app = newApp();
    const stack = new EnvironmentStack(app, 'prod', prodStackProps());
    const a = new ProvisionedThroughput(new Construct(stack, 'team_a'), 'chat', { name: 'a', model: HAIKU, modelUnits: 1 });
    const b = new ProvisionedThroughput(new Construct(stack, 'team_b'), 'chat', { name: 'b', model: HAIKU, modelUnits: 1 });
    expect(a.address).toMatch(/^aws_bedrock_provisioned_model_throughput\.team_a_chat_[0-9A-F]{8}$/);
    expect(b.address).not.toBe(a.address);
    expect(Object.keys(terraformJson(stack).resource[PT])).toHaveLength(2);
  });

  it('writes the API attributes Terraform expects', () => {
    const { stack } = prodApp({ timeouts: { create: '90m' } });
    expect(terraformJson(stack).resource[PT].support_chat).toMatchObject({
      provisioned_model_name: 'prod-support-chat',
      model_arn: `arn:aws:bedrock:us-east-1::foundation-model/${HAIKU}`,
      model_units: 2,
      commitment_duration: 'SixMonths',
      tags: { CostCenter: 'cc-1234' },
      timeouts: { create: '90m' },
    });
  });

  it('leaves commitment_duration out when there is no commitment', () => {
    const { stack } = prodApp({ commitment: undefined });
    const pt = terraformJson(stack).resource[PT].support_chat;
    expect(pt).not.toHaveProperty('commitment_duration');
    expect(pt.lifecycle).toEqual({ prevent_destroy: false });
  });

  it('turns prevent_destroy on for every commitment', () => {
    for (const commitment of ['OneMonth', 'SixMonths'] as const) {
      const { stack } = prodApp({ commitment });
      expect(terraformJson(stack).resource[PT].support_chat.lifecycle).toEqual({ prevent_destroy: true });
    }
  });

  it('lets preventDestroy be set explicitly either way', () => {
    expect(terraformJson(prodApp({ preventDestroy: false }).stack).resource[PT].support_chat.lifecycle.prevent_destroy).toBe(false);
    expect(terraformJson(prodApp({ commitment: undefined, preventDestroy: true }).stack).resource[PT].support_chat.lifecycle.prevent_destroy).toBe(true);
  });

  it('passes create_before_destroy and ignore_changes through to the lifecycle block', () => {
    const { stack } = prodApp({ createBeforeDestroy: true, ignoreChanges: ['tags'] });
    expect(terraformJson(stack).resource[PT].support_chat.lifecycle).toEqual({
      prevent_destroy: true,
      create_before_destroy: true,
      ignore_changes: ['tags'],
    });
    expect(terraformJson(prodApp({ ignoreChanges: 'all' }).stack).resource[PT].support_chat.lifecycle.ignore_changes).toBe('all');
  });

  it('synthesizes an ignore_changes entry for one tag key as written', () => {
    const { stack } = prodApp({ ignoreChanges: ['tags["Owner"]'] });
    expect(terraformJson(stack).resource[PT].support_chat.lifecycle.ignore_changes).toEqual(['tags["Owner"]']);
  });

  it('exposes the ARN and name as references to the resource', () => {
    const { pt } = prodApp();
    expect(Token.isUnresolved(pt.arn)).toBe(true);
    expect(Token.isUnresolved(pt.name)).toBe(true);
    expect(pt.resource.node.path).toBe('prod/support_chat/Default');
  });

  it('forms the foundation-model ARN in the region of an explicitly passed provider', () => {
    const app = newApp();
    const stack = new EnvironmentStack(app, 'prod', prodStackProps());
    const west = new AwsProvider(stack, 'west', { region: 'us-west-2', alias: 'west' });
    new ProvisionedThroughput(stack, 'support_chat', { name: 'west-chat', model: HAIKU, modelUnits: 1, provider: west });
    const pt = terraformJson(stack).resource[PT].support_chat;
    expect(pt.model_arn).toBe(`arn:aws:bedrock:us-west-2::foundation-model/${HAIKU}`);
    expect(pt.provider).toBe('aws.west');
    expect(collectValidationErrors(app)).toEqual([]);
  });

  it('does not count default tags of a provider the PT does not use', () => {
    const app = newApp();
    const stack = new EnvironmentStack(app, 'prod', prodStackProps({ defaultTags: { A: '1', B: '2' } }));
    const other = new AwsProvider(stack, 'other', { region: 'us-east-1', alias: 'other' });
    const tags = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`T${i}`, 'x']));
    new ProvisionedThroughput(stack, 'support_chat', { name: 'x', model: HAIKU, modelUnits: 1, tags, provider: other });
    expect(collectValidationErrors(app)).toEqual([]);
  });
});

describe('Model', () => {
  it('keeps ARNs as they are', () => {
    const arn = 'arn:aws:bedrock:us-east-1:111111111111:custom-model/amazon.titan-text-express-v1:0:8k/devsupport01';
    expect(Model.custom(arn).arnIn('eu-west-1')).toBe(arn);
    expect(Model.foundation(`arn:aws:bedrock:us-east-1::foundation-model/${HAIKU}`).arnIn('eu-west-1')).toBe(
      `arn:aws:bedrock:us-east-1::foundation-model/${HAIKU}`,
    );
  });

  it('qualifies a foundation-model ID with the partition of the region', () => {
    expect(Model.foundation(HAIKU).arnIn('us-west-2')).toBe(`arn:aws:bedrock:us-west-2::foundation-model/${HAIKU}`);
    expect(Model.foundation(HAIKU).arnIn('us-gov-west-1')).toBe(`arn:aws-us-gov:bedrock:us-gov-west-1::foundation-model/${HAIKU}`);
    expect(partitionOf('cn-north-1')).toBe('aws-cn');
  });

  it('reads a plain string as a custom model only when it is a custom-model ARN', () => {
    expect(Model.of(HAIKU).kind).toBe('foundation');
    expect(Model.of('arn:aws:bedrock:us-east-1:111111111111:custom-model/amazon.titan-text-express-v1:0:8k/devsupport01').kind).toBe('custom');
  });
});
