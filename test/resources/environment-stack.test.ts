import { EnvironmentStack, ProvisionedThroughput } from '../../src/resources';
import { HAIKU, newApp, prodStackProps, terraformJson, removeTempDirs } from './builders';

afterAll(removeTempDirs);

function stackJson(props: Parameters<typeof prodStackProps>[0]) {
  const app = newApp();
  const stack = new EnvironmentStack(app, 'prod', prodStackProps(props));
  new ProvisionedThroughput(stack, 'support_chat', { name: 'prod-support-chat', model: HAIKU, modelUnits: 1 });
  return terraformJson(stack);
}

describe('EnvironmentStack', () => {
  it('assumes the given role with its session name and external id', () => {
    const json = stackJson({
      assumeRole: { roleArn: 'arn:aws:iam::333333333333:role/bedrock-pt', sessionName: 'bedrock-pt', externalId: 'ext-1' },
    });
    expect(json.provider.aws[0].assume_role).toEqual([
      { role_arn: 'arn:aws:iam::333333333333:role/bedrock-pt', session_name: 'bedrock-pt', external_id: 'ext-1' },
    ]);
  });

  it('writes no endpoints, assume_role or account guard unless asked', () => {
    const provider = stackJson({}).provider.aws[0];
    expect(provider).not.toHaveProperty('endpoints');
    expect(provider).not.toHaveProperty('assume_role');
    expect(provider).not.toHaveProperty('allowed_account_ids');
  });

  it('overrides the Bedrock and STS endpoints', () => {
    const json = stackJson({ endpoints: { bedrock: 'http://localhost:4599', sts: 'http://localhost:4598' } });
    expect(json.provider.aws[0].endpoints).toEqual([{ bedrock: 'http://localhost:4599', sts: 'http://localhost:4598' }]);
  });

  it('points both providers at the Service Quotas endpoint, where model-unit quotas are read', () => {
    const json = stackJson({ ptResource: 'bedrockpt', endpoints: { bedrock: 'http://localhost:4599', servicequotas: 'http://localhost:4597' } });
    expect(json.provider.aws[0].endpoints).toEqual([{ bedrock: 'http://localhost:4599', servicequotas: 'http://localhost:4597' }]);
    expect(json.provider.bedrockpt[0].endpoints).toEqual([{ bedrock: 'http://localhost:4599', servicequotas: 'http://localhost:4597' }]);
  });

  it('keeps state in the given local path', () => {
    expect(stackJson({ backend: { type: 'local', path: 'state/prod.tfstate' } }).terraform.backend).toEqual({
      local: { path: 'state/prod.tfstate' },
    });
  });

  it('keeps state in S3 when configured', () => {
    const json = stackJson({
      backend: { type: 's3', bucket: 'tf-state', key: 'bedrock-pt/prod.tfstate', region: 'us-east-1', encrypt: true },
    });
    expect(json.terraform.backend).toEqual({
      s3: { bucket: 'tf-state', key: 'bedrock-pt/prod.tfstate', region: 'us-east-1', encrypt: true, use_lockfile: true },
    });
  });
});
