/**
 * The example app on the Terraform path: the same dev, staging and prod environments as
 * `examples/app`, but each PT is a `bedrockpt_provisioned_model_throughput`, planned and applied
 * by `cdktf plan` / `cdktf deploy` through the bedrock-pt Terraform provider. In prod an IAM
 * policy document grants invoking the PT by its ARN, to show other resources of the stack
 * referencing it (a data source: the AWS provider builds the JSON locally).
 *
 * `cdktf.json` in this directory runs it; `BEDROCK_PT_ENDPOINT` points both providers at a
 * local emulator, as in `examples/app`. `BEDROCK_PT_STATE_BUCKET` moves every stack's state to
 * that S3 bucket, one locked object per stack (see `stateBackendFromEnv`).
 */
import { App, TerraformOutput } from 'cdktf';
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { ProvisionedThroughput, synthOrExit, type EnvironmentStackProps, type S3StateBackend } from '../../src/resources';
import { defineEnvironment, ENVIRONMENTS, type EnvironmentSettings } from '../app/main';

/**
 * @cdktf/provider-aws 21 pins hashicorp/aws 6.25.0, the version its bindings were generated
 * from. What this app writes (provider block, aws_iam_policy_document) is the same in 5.x, so
 * it accepts any 5.100+ or 6.x, which lets a team keep the AWS provider it already runs.
 */
export const AWS_PROVIDER_CONSTRAINT = '>= 5.100.0, < 7.0.0';

export interface TerraformAppOptions {
  /** Synth output directory. @default CDKTF_OUTDIR or cdktf.out */
  outdir?: string;
  /** Bedrock and STS endpoint for every stack (the local emulator). */
  endpoint?: string;
  /** @default the example's dev, staging and prod */
  environments?: readonly EnvironmentSettings[];
  /** Added to every stack's settings, e.g. `{ migrateFromAws: true }` while moving off hashicorp/aws's resource. */
  stackProps?: Partial<EnvironmentStackProps>;
}

/**
 * Team state from the environment: `BEDROCK_PT_STATE_BUCKET` turns it on, with every stack's
 * state at `support-bot/<stack>.tfstate` in that bucket (us-east-1), read with the
 * `bedrock-pt-state` profile and locked by a lock object beside it, or by the DynamoDB table
 * `BEDROCK_PT_LOCK_TABLE` when that is set. `BEDROCK_PT_STATE_ENDPOINT` and
 * `BEDROCK_PT_LOCK_ENDPOINT` point at local S3- and DynamoDB-compatible servers instead of AWS.
 */
export function stateBackendFromEnv(env: NodeJS.ProcessEnv = process.env): S3StateBackend | undefined {
  const bucket = env.BEDROCK_PT_STATE_BUCKET;
  if (!bucket) return undefined;
  const table = env.BEDROCK_PT_LOCK_TABLE || undefined;
  const s3Endpoint = env.BEDROCK_PT_STATE_ENDPOINT || undefined;
  const lockEndpoint = env.BEDROCK_PT_LOCK_ENDPOINT || undefined;
  return {
    type: 's3',
    bucket,
    project: 'support-bot',
    region: 'us-east-1',
    profile: 'bedrock-pt-state',
    ...(table ? { dynamodbTable: table } : {}),
    ...(s3Endpoint ? { localEndpoints: { s3: s3Endpoint, ...(lockEndpoint ? { dynamodb: lockEndpoint } : {}) } } : {}),
  };
}

export function buildTerraformApp(options: TerraformAppOptions = {}): App {
  const app = new App(options.outdir === undefined ? {} : { outdir: options.outdir });
  const { endpoint } = options;
  for (const env of options.environments ?? ENVIRONMENTS) {
    const stack = defineEnvironment(app, env, endpoint, { ptResource: 'bedrockpt', skipAwsProviderChecks: endpoint !== undefined, ...options.stackProps });
    stack.addOverride('terraform.required_providers.aws.version', AWS_PROVIDER_CONSTRAINT);
    const pt = stack.node.findChild('support_chat') as ProvisionedThroughput;
    new TerraformOutput(stack, 'support_chat_arn', { value: pt.arn });
    if (env.name !== 'prod') continue;
    const invoke = new DataAwsIamPolicyDocument(stack, 'invoke_support_chat', {
      statement: [{ sid: 'InvokeSupportChat', actions: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'], resources: [pt.arn] }],
    });
    new TerraformOutput(stack, 'invoke_policy_json', { value: invoke.json });
  }
  return app;
}

if (require.main === module) {
  const backend = stateBackendFromEnv();
  synthOrExit(() => buildTerraformApp({ endpoint: process.env.BEDROCK_PT_ENDPOINT || undefined, stackProps: backend && { backend } }));
}
