/**
 * The example app on the Terraform path: the same dev, staging and prod environments as
 * `examples/app`, but each PT is a `bedrockpt_provisioned_model_throughput`, planned and applied
 * by `cdktf plan` / `cdktf deploy` through the bedrock-pt Terraform provider, with the outputs
 * and the prod IAM policy document of stack-parts.ts.
 *
 * `cdktf.json` in this directory runs it; `BEDROCK_PT_ENDPOINT` points both providers at a
 * local emulator, as in `examples/app`. `BEDROCK_PT_STATE_BUCKET` moves every stack's state to
 * that S3 bucket, one locked object per stack (see `stateBackendFromEnv` in stack-parts.ts).
 */
import { App, TerraformOutput } from 'cdktf';
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { synthApp } from '../../src/resources';
import { defineEnvironment, ENVIRONMENTS } from '../app/environments';
import { addTerraformPathParts, stateBackendFromEnv, type ExampleAppOptions } from './stack-parts';

export { AWS_PROVIDER_CONSTRAINT, stateBackendFromEnv } from './stack-parts';

export function buildTerraformApp(options: ExampleAppOptions = {}): App {
  const app = new App(options.outdir === undefined ? {} : { outdir: options.outdir });
  const { endpoint } = options;
  for (const env of options.environments ?? ENVIRONMENTS) {
    const stack = defineEnvironment(app, env, endpoint, { ptResource: 'bedrockpt', skipAwsProviderChecks: endpoint !== undefined, ...options.stackProps });
    addTerraformPathParts(stack, env, { TerraformOutput, DataAwsIamPolicyDocument });
  }
  return app;
}

if (require.main === module) {
  const backend = stateBackendFromEnv();
  synthApp(buildTerraformApp({ endpoint: process.env.BEDROCK_PT_ENDPOINT || undefined, stackProps: backend && { backend } }));
}
