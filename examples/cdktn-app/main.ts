/**
 * The example app written with CDK Terrain (cdktn), the community continuation of cdktf: the
 * same dev, staging and prod environments as `examples/app`, and with `ptResource: 'bedrockpt'`
 * the Terraform path of `examples/terraform-app` (`cdktn deploy`). Only the imports differ from
 * the cdktf apps: `cdktn` for `App` and `TerraformOutput`, `@cdktf/provider-aws`'s twin
 * `@cdktn/provider-aws` for other AWS resources. bedrock-pt's constructs follow the app's
 * library (src/resources/cdk.ts).
 *
 * `cdktf.json` in this directory runs it (CDK Terrain keeps cdktf's file names);
 * `BEDROCK_PT_ENDPOINT` points every stack at a local emulator.
 */
import { App, TerraformOutput } from 'cdktn';
import { DataAwsIamPolicyDocument } from '@cdktn/provider-aws/lib/data-aws-iam-policy-document';
import { synthApp } from '../../src/resources';
import { defineEnvironment, ENVIRONMENTS } from '../app/environments';
import { addTerraformPathParts, type ExampleAppOptions } from '../terraform-app/stack-parts';

export function buildCdktnApp(options: ExampleAppOptions = {}): App {
  const app = new App(options.outdir === undefined ? {} : { outdir: options.outdir });
  const { endpoint, stackProps = {} } = options;
  const terraformPath = stackProps.ptResource === 'bedrockpt';
  for (const env of options.environments ?? ENVIRONMENTS) {
    const stack = defineEnvironment(app, env, endpoint, { skipAwsProviderChecks: terraformPath && endpoint !== undefined, ...stackProps });
    if (terraformPath) addTerraformPathParts(stack, env, { TerraformOutput, DataAwsIamPolicyDocument });
  }
  return app;
}

if (require.main === module) synthApp(buildCdktnApp({ endpoint: process.env.BEDROCK_PT_ENDPOINT || undefined }));
