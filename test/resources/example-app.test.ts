import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildApp } from '../../examples/app/main';
import { synthApp } from '../../src/resources';
import { tempDir, removeTempDirs } from './builders';

afterAll(removeTempDirs);

const PT = 'aws_bedrock_provisioned_model_throughput';

/** Synthesize the example app for real and read each stack's cdk.tf.json back. */
function synthExample(endpoint?: string) {
  const outdir = tempDir();
  synthApp(buildApp({ outdir, endpoint }));
  const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8'));
  const stack = (name: string) => JSON.parse(readFileSync(join(outdir, manifest.stacks[name].synthesizedStackPath), 'utf8'));
  return { manifest, stack };
}

describe('the example app', () => {
  const out = synthExample();

  it('synthesizes exactly the dev, staging and prod stacks', () => {
    expect(Object.keys(out.manifest.stacks).sort()).toEqual(['dev', 'prod', 'staging']);
  });

  it('declares one support_chat PT per stack with the environment settings', () => {
    const pt = (name: string) => out.stack(name).resource[PT].support_chat;
    for (const name of ['dev', 'staging', 'prod']) {
      expect(Object.keys(out.stack(name).resource)).toEqual([PT]);
      expect(Object.keys(out.stack(name).resource[PT])).toEqual(['support_chat']);
    }
    expect(pt('dev')).toMatchObject({
      provisioned_model_name: 'dev-support-chat',
      model_arn: 'arn:aws:bedrock:us-east-1:111111111111:custom-model/amazon.titan-text-express-v1:0:8k/devsupport01',
      model_units: 1,
      tags: { CostCenter: 'cc-1234' },
    });
    expect(pt('dev').commitment_duration).toBeUndefined();
    expect(pt('staging')).toMatchObject({
      provisioned_model_name: 'staging-support-chat',
      model_arn: 'arn:aws:bedrock:us-west-2::foundation-model/anthropic.claude-3-haiku-20240307-v1:0:200k',
      model_units: 1,
      commitment_duration: 'OneMonth',
    });
    expect(pt('prod')).toMatchObject({
      provisioned_model_name: 'prod-support-chat',
      model_arn: 'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0:200k',
      model_units: 2,
      commitment_duration: 'SixMonths',
      tags: { CostCenter: 'cc-1234', Tier: 'critical' },
    });
  });

  it('prevents destroying committed PTs and only those', () => {
    const lifecycle = (name: string) => out.stack(name).resource[PT].support_chat.lifecycle;
    expect(lifecycle('dev').prevent_destroy).toBe(false);
    expect(lifecycle('staging').prevent_destroy).toBe(true);
    expect(lifecycle('prod').prevent_destroy).toBe(true);
  });

  it('configures each provider with its region, profile, account and default tags', () => {
    const expected = {
      dev: { region: 'us-east-1', account: '111111111111' },
      staging: { region: 'us-west-2', account: '222222222222' },
      prod: { region: 'us-east-1', account: '333333333333' },
    };
    for (const [name, env] of Object.entries(expected)) {
      const providers = out.stack(name).provider.aws;
      expect(providers).toHaveLength(1);
      expect(providers[0]).toEqual({
        region: env.region,
        profile: `bedrock-pt-${name}`,
        allowed_account_ids: [env.account],
        default_tags: [{ tags: { Project: 'support-bot', Environment: name, ManagedBy: 'bedrock-pt' } }],
      });
    }
  });

  it('keeps state in one local state file per stack', () => {
    for (const name of ['dev', 'staging', 'prod']) {
      expect(out.stack(name).terraform.backend).toEqual({
        local: { path: join(process.cwd(), `terraform.${name}.tfstate`) },
      });
    }
  });

  it('pins the AWS provider version of the prebuilt bindings', () => {
    expect(out.stack('prod').terraform.required_providers.aws).toEqual({ source: 'aws', version: '6.25.0' });
  });

  it('points Bedrock, STS and Service Quotas of every stack at the endpoint when one is given', () => {
    const local = synthExample('http://127.0.0.1:4599');
    for (const name of ['dev', 'staging', 'prod']) {
      const provider = local.stack(name).provider.aws[0];
      expect(provider.endpoints).toEqual([{ bedrock: 'http://127.0.0.1:4599', sts: 'http://127.0.0.1:4599', servicequotas: 'http://127.0.0.1:4599' }]);
      expect(provider.skip_credentials_validation).toBeUndefined();
      expect(provider.skip_requesting_account_id).toBeUndefined();
      expect(provider.skip_metadata_api_check).toBeUndefined();
    }
  });
});
