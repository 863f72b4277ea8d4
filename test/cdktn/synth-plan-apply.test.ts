/**
 * The CDK Terrain example app (examples/cdktn-app) as a cdktn user runs it: `cdktn synth` (the
 * real cdktn-cli) writes cdktn's synth output, which `bedrock-pt plan/apply --synth-dir` plans
 * and applies against the emulator; then bedrock-pt runs the app from cdktf.json itself. A value
 * breaking an API rule fails `cdktn synth` with bedrock-pt's validation report.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Emulator } from '../../src/emulator';
import { CDKTN, describeWithCli } from '../cdktf/cdktf-harness';
import { DEV, PROD, ROOT, STAGING, cli, projectEnv, readJson, removeTempDirs, startE2eEmulator, tempDir, type CliResult } from '../e2e/harness';

const APP = path.join(ROOT, 'dist/examples/cdktn-app/main.js');

interface CdktnProject {
  dir: string;
  env: NodeJS.ProcessEnv;
}

/** A project directory whose cdktf.json runs the cdktn example app (CDK Terrain keeps cdktf's file names). */
function cdktnProject(emulatorUrl: string, app = `node ${APP}`): CdktnProject {
  const dir = tempDir('bedrock-pt-cdktn-');
  fs.writeFileSync(path.join(dir, 'cdktf.json'), JSON.stringify({ language: 'typescript', app, output: 'cdktf.out', sendCrashReports: 'false' }));
  return { dir, env: projectEnv(dir, emulatorUrl) };
}

function cdktn(project: CdktnProject, args: string[]): Promise<CliResult> {
  const env = { ...project.env, CI: '1', CHECKPOINT_DISABLE: '1', DISABLE_VERSION_CHECK: '1', FORCE_COLOR: '0' };
  return new Promise((resolve) => {
    execFile(CDKTN, args, { cwd: project.dir, env, timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

describeWithCli('cdktn', 'a CDK Terrain app synthesized by cdktn-cli, planned and applied by bedrock-pt', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startE2eEmulator();
  });
  afterAll(async () => {
    await emulator.close();
    removeTempDirs();
  });

  it('`cdktn synth` writes the three stacks with cdktn and @cdktn/provider-aws, and bedrock-pt applies them', async () => {
    const project = cdktnProject(emulator.url);
    const synth = await cdktn(project, ['synth']);
    expect(synth.code).toBe(0);
    const out = path.join(project.dir, 'cdktf.out');
    expect(Object.keys(readJson(path.join(out, 'manifest.json')).stacks).sort()).toEqual(['dev', 'prod', 'staging']);
    const prod = readJson(path.join(out, 'stacks/prod/cdk.tf.json'));
    // Written by cdktn's synthesizer, with the AWS provider of @cdktn/provider-aws: no cdktf in the tree.
    expect(prod['//'].metadata.version).toBe(readJson(path.join(ROOT, 'node_modules/cdktn/package.json')).version);
    expect(prod.terraform.required_providers.aws.version).toBe(
      readJson(path.join(ROOT, 'node_modules/@cdktn/provider-aws/package.json')).cdktf.provider.version,
    );
    expect(Object.values(prod.resource.aws_bedrock_provisioned_model_throughput)).toEqual([
      expect.objectContaining({
        provisioned_model_name: 'prod-support-chat',
        model_units: 2,
        commitment_duration: 'SixMonths',
        lifecycle: { prevent_destroy: true },
      }),
    ]);

    const plan = await cli(['plan', '--all', '--synth-dir', out], { cwd: project.dir, env: project.env });
    expect(plan.stderr).toBe('');
    expect(plan.stdout).toContain('Total across 3 stacks: 3 to add, 0 to change, 0 to destroy.');
    const apply = await cli(['apply', '--all', '--auto-approve', '--synth-dir', out], { cwd: project.dir, env: project.env });
    expect(apply.stderr).toBe('');
    expect(apply.code).toBe(0);
    for (const [stack, who] of [
      ['dev', DEV],
      ['staging', STAGING],
      ['prod', PROD],
    ] as const) {
      expect(emulator.inventory(who.account, who.region).map((p) => p.provisionedModelName)).toEqual([`${stack}-support-chat`]);
    }

    // Without --synth-dir bedrock-pt runs the app from cdktf.json, as cdktn synth did.
    const again = await cli(['plan', '--all', '--detailed-exitcode'], { cwd: project.dir, env: project.env });
    expect(again.stderr).toBe('');
    expect(again.stdout).toContain('No changes.');
    expect(again.code).toBe(0);
  }, 180_000);

  it('a PT name breaking the API rule fails `cdktn synth` with the validation report, naming the construct', async () => {
    const app = path.join(tempDir('bedrock-pt-cdktn-app-'), 'bad-app.js');
    fs.writeFileSync(
      app,
      [
        `const { buildCdktnApp } = require(${JSON.stringify(APP)});`,
        `const { ENVIRONMENTS } = require(${JSON.stringify(path.join(ROOT, 'dist/examples/app/environments.js'))});`,
        `const { synthOrExit } = require(${JSON.stringify(path.join(ROOT, 'dist/src/resources'))});`,
        `synthOrExit(() => buildCdktnApp({ environments: ENVIRONMENTS.map((e) => e.name === 'staging' ? { ...e, nameOverride: 'staging--chat' } : e) }));`,
        '',
      ].join('\n'),
    );
    const project = cdktnProject(emulator.url, `node ${app}`);
    const synth = await cdktn(project, ['synth']);
    expect(synth.code).not.toBe(0);
    expect(synth.stdout + synth.stderr).toContain('staging/support_chat: name is "staging--chat"; must be 1-63 characters');
    expect(fs.existsSync(path.join(project.dir, 'cdktf.out', 'stacks', 'staging', 'cdk.tf.json'))).toBe(false);
  }, 120_000);
});
