/**
 * The demo's cdktf app: the example's three environments, and — when
 * BEDROCK_PT_DEMO_STAGE=changed — the edits a team would propose in a pull request:
 * dev renamed and moved to a newer custom model, staging re-tagged, prod's committed
 * model units raised.
 *
 * The example app is loaded from the build at run time, as cdktf runs a user's app: the demo
 * shows the example exactly as written, and src/ does not build on examples/ (a package never
 * depends on its examples). `ExampleEnvironments` is the part of examples/app/environments.ts the
 * demo uses; test/demo checks that the example still has that shape.
 */
import * as path from 'node:path';
import { App } from 'cdktf';
import type { Construct } from 'constructs';
import type { Tags } from '../engine/model/desired';
import { Model, synthApp } from '../resources';
import { ROOT } from './project';

export const DEV_CUSTOM_V2 = 'arn:aws:bedrock:us-east-1:111111111111:custom-model/amazon.titan-text-express-v1:0:8k/devsupport02';

/** The example's built module: dist/examples/app/environments.js. */
export const EXAMPLE_ENVIRONMENTS = path.join(ROOT, 'dist', 'examples', 'app', 'environments.js');

/** The settings of one example environment that the demo's pull request changes. */
export interface DemoEnvironment {
  name: 'dev' | 'staging' | 'prod';
  model: Model;
  modelUnits: number;
  nameOverride?: string;
  tagOverrides?: Tags;
}

export interface ExampleEnvironments {
  ENVIRONMENTS: readonly DemoEnvironment[];
  defineEnvironment(app: Construct, env: DemoEnvironment, endpoint?: string): unknown;
}

function changed(env: DemoEnvironment): DemoEnvironment {
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
  const { ENVIRONMENTS, defineEnvironment } = require(EXAMPLE_ENVIRONMENTS) as ExampleEnvironments;
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
