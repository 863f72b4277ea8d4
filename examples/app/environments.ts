/**
 * The example's environments: one support-chat Provisioned Throughput per environment, all
 * three built from one definition so they differ only in their settings. No cdktf or cdktn
 * import here: the cdktf app (main.ts) and the CDK Terrain app (../cdktn-app) both use it.
 */
import type { Construct } from 'constructs';
import { EnvironmentStack, Model, ProvisionedThroughput, type EnvironmentStackProps } from '../../src/resources';
import type { Commitment, Tags } from '../../src/engine/model/desired';

export interface EnvironmentSettings {
  name: 'dev' | 'staging' | 'prod';
  account: string;
  region: string;
  model: Model;
  modelUnits: number;
  commitment?: Commitment;
  /** Tags added to the PT beyond the shared ones. */
  extraTags?: Tags;
  /** The PT's name; `<env>-support-chat` unless set. */
  nameOverride?: string;
  /** Resource tags replacing or adding to the shared ones. */
  tagOverrides?: Tags;
}

const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0:200k';

export const ENVIRONMENTS: readonly EnvironmentSettings[] = [
  {
    name: 'dev',
    account: '111111111111',
    region: 'us-east-1',
    model: Model.custom('arn:aws:bedrock:us-east-1:111111111111:custom-model/amazon.titan-text-express-v1:0:8k/devsupport01'),
    modelUnits: 1,
  },
  { name: 'staging', account: '222222222222', region: 'us-west-2', model: Model.foundation(HAIKU), modelUnits: 1, commitment: 'OneMonth' },
  {
    name: 'prod',
    account: '333333333333',
    region: 'us-east-1',
    model: Model.foundation(HAIKU),
    modelUnits: 2,
    commitment: 'SixMonths',
    extraTags: { Tier: 'critical' },
  },
];

/** One environment: its stack, provider and the support-chat PT; `stackProps` adds to the stack's settings. */
export function defineEnvironment(
  app: Construct,
  env: EnvironmentSettings,
  endpoint?: string,
  stackProps: Partial<EnvironmentStackProps> = {},
): EnvironmentStack {
  const stack = new EnvironmentStack(app, env.name, {
    region: env.region,
    profile: `bedrock-pt-${env.name}`,
    allowedAccountIds: [env.account],
    endpoints: endpoint ? { bedrock: endpoint, sts: endpoint, servicequotas: endpoint } : undefined,
    defaultTags: { Project: 'support-bot', Environment: env.name, ManagedBy: 'bedrock-pt' },
    ...stackProps,
  });
  new ProvisionedThroughput(stack, 'support_chat', {
    name: env.nameOverride ?? `${env.name}-support-chat`,
    model: env.model,
    modelUnits: env.modelUnits,
    commitment: env.commitment,
    tags: { CostCenter: 'cc-1234', ...env.extraTags, ...env.tagOverrides },
  });
  return stack;
}
