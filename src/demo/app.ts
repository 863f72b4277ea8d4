/**
 * The demo's cdktf app: the example's three environments, and — when
 * BEDROCK_PT_DEMO_STAGE=changed — the edits a team would propose in a pull request:
 * dev renamed and moved to a newer custom model, staging re-tagged, prod's committed
 * model units raised.
 */
import { App } from 'cdktf';
import { defineEnvironment, ENVIRONMENTS, type EnvironmentSettings } from '../../examples/app/main';
import { Model, synthApp } from '../resources';

export const DEV_CUSTOM_V2 = 'arn:aws:bedrock:us-east-1:111111111111:custom-model/amazon.titan-text-express-v1:0:8k/devsupport02';

function changed(env: EnvironmentSettings): EnvironmentSettings {
  switch (env.name) {
    case 'dev':
      return { ...env, nameOverride: 'dev-support-assistant', model: Model.custom(DEV_CUSTOM_V2) };
    case 'staging':
      return { ...env, tagOverrides: { CostCenter: 'cc-5678', Owner: 'ml-platform' } };
    case 'prod':
      return { ...env, modelUnits: 3 };
  }
}

export function buildDemoApp(stage: string | undefined, endpoint?: string): App {
  const app = new App();
  for (const env of ENVIRONMENTS) defineEnvironment(app, stage === 'changed' ? changed(env) : env, endpoint);
  return app;
}

if (require.main === module) {
  try {
    synthApp(buildDemoApp(process.env.BEDROCK_PT_DEMO_STAGE, process.env.BEDROCK_PT_ENDPOINT || undefined));
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
}
