/** ProvisionedThroughput on the bedrock-pt provider: the resource it synthesizes and the provider block beside aws. */
import { AwsProvider, Token } from '../../src/resources/cdk';
import { collectValidationErrors, EnvironmentStack, ProvisionedThroughput } from '../../src/resources';
import { BedrockptProvider } from '../../src/resources/bedrockpt/provider';
import { HAIKU, manyTags, newApp, prodApp, prodPtProps, prodStackProps, removeTempDirs, terraformJson } from './builders';

afterAll(removeTempDirs);

const AWS_PT = 'aws_bedrock_provisioned_model_throughput';
const BEDROCKPT_PT = 'bedrockpt_provisioned_model_throughput';

describe('ProvisionedThroughput on the bedrockpt provider', () => {
  it('synthesizes the hashicorp/aws resource unless asked otherwise', () => {
    const json = terraformJson(prodApp().stack);
    expect(Object.keys(json.resource)).toEqual([AWS_PT]);
    expect(json.provider).not.toHaveProperty('bedrockpt');
  });

  it('synthesizes bedrockpt_provisioned_model_throughput with the same arguments when the stack says bedrockpt', () => {
    const { stack, pt } = prodApp({}, { ptResource: 'bedrockpt' });
    const json = terraformJson(stack);
    expect(Object.keys(json.resource)).toEqual([BEDROCKPT_PT]);
    expect(json.resource[BEDROCKPT_PT].support_chat).toEqual({
      provisioned_model_name: 'prod-support-chat',
      model_arn: `arn:aws:bedrock:us-east-1::foundation-model/${HAIKU}`,
      model_units: 2,
      commitment_duration: 'SixMonths',
      tags: { CostCenter: 'cc-1234' },
      lifecycle: { prevent_destroy: true },
    });
    expect(pt.address).toBe(`${BEDROCKPT_PT}.support_chat`);
    expect(json.terraform.required_providers.bedrockpt).toEqual({ source: 'bedrock-pt/bedrockpt', version: '0.1.0' });
  });

  it('lets one PT choose its resource against the stack default', () => {
    const app = newApp();
    const stack = new EnvironmentStack(app, 'prod', prodStackProps({ ptResource: 'bedrockpt' }));
    new ProvisionedThroughput(stack, 'legacy', prodPtProps({ name: 'legacy', resourceType: 'aws' }));
    new ProvisionedThroughput(stack, 'chat', prodPtProps({ name: 'chat' }));
    const json = terraformJson(stack);
    expect(Object.keys(json.resource[AWS_PT])).toEqual(['legacy']);
    expect(Object.keys(json.resource[BEDROCKPT_PT])).toEqual(['chat']);
  });

  it('configures the bedrockpt provider beside aws with the same region, credentials, endpoints, account guard and default tags', () => {
    const { stack } = prodApp(
      {},
      {
        ptResource: 'bedrockpt',
        allowedAccountIds: ['333333333333'],
        assumeRole: { roleArn: 'arn:aws:iam::333333333333:role/pt', sessionName: 's', externalId: 'x' },
        endpoints: { bedrock: 'http://127.0.0.1:4599', sts: 'http://127.0.0.1:4599' },
      },
    );
    const json = terraformJson(stack);
    expect(json.provider.aws).toHaveLength(1);
    expect(json.provider.bedrockpt).toEqual([
      {
        region: 'us-east-1',
        profile: 'bedrock-pt-prod',
        allowed_account_ids: ['333333333333'],
        assume_role: { role_arn: 'arn:aws:iam::333333333333:role/pt', session_name: 's', external_id: 'x' },
        endpoints: [{ bedrock: 'http://127.0.0.1:4599', sts: 'http://127.0.0.1:4599' }],
        default_tags: { tags: { Project: 'support-bot', Environment: 'prod', ManagedBy: 'bedrock-pt' } },
      },
    ]);
    expect(stack.bedrockptProvider).toBeInstanceOf(BedrockptProvider);
    expect(stack.provider).toBeInstanceOf(AwsProvider);
  });

  it("counts the bedrockpt provider's default tags in the 50-tag limit", () => {
    const { app } = prodApp({ tags: manyTags(48) }, { ptResource: 'bedrockpt' });
    expect(collectValidationErrors(app)).toEqual([
      "prod/support_chat: tags gives 51 tags once merged with the provider's default tags (tags_all); must be at most 50 per resource",
    ]);
  });

  it('forms the foundation-model ARN in the region of an explicitly passed bedrockpt provider', () => {
    const app = newApp();
    const stack = new EnvironmentStack(app, 'prod', prodStackProps({ ptResource: 'bedrockpt' }));
    const west = new BedrockptProvider(stack, 'west', { region: 'us-west-2', alias: 'west' });
    new ProvisionedThroughput(stack, 'chat', prodPtProps({ provider: west }));
    const pt = terraformJson(stack).resource[BEDROCKPT_PT].chat;
    expect(pt.model_arn).toBe(`arn:aws:bedrock:us-west-2::foundation-model/${HAIKU}`);
    expect(pt.provider).toBe('bedrockpt.west');
  });

  it('exposes the ARN and the computed commitment end as tokens on the bedrockpt resource', () => {
    const { pt } = prodApp({}, { ptResource: 'bedrockpt' });
    expect(Token.isUnresolved(pt.arn)).toBe(true);
    const resource = pt.resource as import('../../src/resources/bedrockpt/provisioned-model-throughput').ProvisionedModelThroughput;
    expect(Token.isUnresolved(resource.commitmentExpirationTime)).toBe(true);
  });

  it('writes a moved block from the hashicorp/aws address when migrating a stack', () => {
    const { stack } = prodApp({}, { ptResource: 'bedrockpt', migrateFromAws: true });
    expect(terraformJson(stack).moved).toEqual([{ from: `${AWS_PT}.support_chat`, to: `${BEDROCKPT_PT}.support_chat` }]);
  });

  it('writes no moved block unless migrating', () => {
    expect(terraformJson(prodApp({}, { ptResource: 'bedrockpt' }).stack)).not.toHaveProperty('moved');
  });

  it('refuses migrateFromAws on a PT that stays on the hashicorp/aws resource', () => {
    const { app } = prodApp({ migrateFromAws: true });
    expect(collectValidationErrors(app)).toEqual([
      "prod/support_chat: migrateFromAws is set on an aws_bedrock_provisioned_model_throughput; moves state to the bedrockpt resource, so it needs resourceType 'bedrockpt' (or the stack's ptResource 'bedrockpt')",
    ]);
  });
});
