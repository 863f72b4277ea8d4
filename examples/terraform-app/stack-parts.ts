/**
 * What the Terraform path adds to each environment's stack, written once for the cdktf app
 * (main.ts) and the CDK Terrain app (../cdktn-app): the PT's ARN as an output, and in prod an
 * IAM policy document granting invoke on that ARN, to show other resources of the stack
 * referencing the PT (a data source: the AWS provider builds the JSON locally). The classes
 * come from the app's own library.
 */
import type { Construct } from 'constructs';
import type { EnvironmentStack, EnvironmentStackProps, ProvisionedThroughput, S3StateBackend } from '../../src/resources';
import type { EnvironmentSettings } from '../app/environments';

/**
 * @cdktf/provider-aws 21 pins hashicorp/aws 6.25.0 (@cdktn/provider-aws 25, 6.66.0), the version
 * its bindings were generated from. What these apps write (provider block, aws_iam_policy_document)
 * is the same in 5.x, so they accept any 5.100+ or 6.x, which lets a team keep the AWS provider it
 * already runs.
 */
export const AWS_PROVIDER_CONSTRAINT = '>= 5.100.0, < 7.0.0';

/** What the cdktf and cdktn example builders take. */
export interface ExampleAppOptions {
  /** Synth output directory. @default CDKTF_OUTDIR or cdktf.out */
  outdir?: string;
  /** Bedrock and STS endpoint for every stack (the local emulator). */
  endpoint?: string;
  /** @default the example's dev, staging and prod */
  environments?: readonly EnvironmentSettings[];
  /** Added to every stack's settings, e.g. `{ migrateFromAws: true }` while moving off hashicorp/aws's resource. */
  stackProps?: Partial<EnvironmentStackProps>;
}

/** `TerraformOutput` and `DataAwsIamPolicyDocument` of cdktf or cdktn. */
export interface StackPartClasses {
  TerraformOutput: new (scope: Construct, id: string, config: { value: string }) => unknown;
  DataAwsIamPolicyDocument: new (
    scope: Construct,
    id: string,
    config: { statement: { sid: string; actions: string[]; resources: string[] }[] },
  ) => { json: string };
}

export function addTerraformPathParts(stack: EnvironmentStack, env: EnvironmentSettings, classes: StackPartClasses): void {
  const { TerraformOutput, DataAwsIamPolicyDocument } = classes;
  stack.addOverride('terraform.required_providers.aws.version', AWS_PROVIDER_CONSTRAINT);
  const pt = stack.node.findChild('support_chat') as ProvisionedThroughput;
  new TerraformOutput(stack, 'support_chat_arn', { value: pt.arn });
  if (env.name !== 'prod') return;
  const invoke = new DataAwsIamPolicyDocument(stack, 'invoke_support_chat', {
    statement: [{ sid: 'InvokeSupportChat', actions: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'], resources: [pt.arn] }],
  });
  new TerraformOutput(stack, 'invoke_policy_json', { value: invoke.json });
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
