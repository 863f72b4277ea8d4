/**
 * cdktf-cli driven tests: a project directory whose cdktf.json runs the Terraform-path example
 * app (with per-environment overrides read from a JSON file, so a test can rename or resize a
 * PT), and the real `cdktf` (cdktf-cli 0.21, a dev dependency) run with the Terraform workspace's
 * environment: provider from `bedrock-pt provider install`, hashicorp/aws from the mirror, every
 * endpoint the emulator.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Emulator } from '../../src/emulator';
import { ROOT, startE2eEmulator, type CliResult } from '../e2e/harness';
import { TerraformWorkspace } from '../provider/harness';

export const CDKTF = path.join(ROOT, 'node_modules', '.bin', 'cdktf');
const TERRAFORM_APP = path.join(ROOT, 'dist/examples/terraform-app/main.js');
const EXAMPLE_APP = path.join(ROOT, 'dist/examples/app/main.js');

export type EnvOverrides = Partial<Record<'dev' | 'staging' | 'prod', { nameOverride?: string; modelUnits?: number }>>;

/** What the test app changes: per-environment settings, and settings of every stack. */
export interface AppOverrides {
  environments?: EnvOverrides;
  stack?: { ptResource?: 'aws' | 'bedrockpt'; migrateFromAws?: boolean };
}

export class CdktfProject {
  readonly overridesFile: string;

  constructor(readonly ws: TerraformWorkspace) {
    this.overridesFile = path.join(ws.work, 'overrides.json');
    this.setOverrides({});
    const app = path.join(ws.work, 'app.js');
    fs.writeFileSync(app, [
      `const fs = require('node:fs');`,
      `const { ENVIRONMENTS } = require(${JSON.stringify(EXAMPLE_APP)});`,
      `const { buildTerraformApp } = require(${JSON.stringify(TERRAFORM_APP)});`,
      `const { synthApp } = require(${JSON.stringify(path.join(ROOT, 'dist/src/resources'))});`,
      `const overrides = JSON.parse(fs.readFileSync(${JSON.stringify(this.overridesFile)}, 'utf8'));`,
      `const envs = overrides.environments || {};`,
      `synthApp(buildTerraformApp({ endpoint: process.env.BEDROCK_PT_ENDPOINT, environments: ENVIRONMENTS.map((e) => ({ ...e, ...envs[e.name] })), stackProps: overrides.stack }));`,
      '',
    ].join('\n'));
    fs.writeFileSync(path.join(ws.work, 'cdktf.json'), JSON.stringify({ language: 'typescript', app: `node ${app}`, output: 'cdktf.out', sendCrashReports: 'false' }));
  }

  setOverrides(overrides: AppOverrides): void {
    fs.writeFileSync(this.overridesFile, JSON.stringify(overrides));
  }

  cdktf(args: string[]): Promise<CliResult> {
    const env = { ...this.ws.env, CI: '1', DISABLE_VERSION_CHECK: '1', CDKTF_DISABLE_PLUGIN_CACHE_ENV: '1', FORCE_COLOR: '0' };
    return new Promise((resolve) => {
      execFile(CDKTF, args, { cwd: this.ws.work, env, timeout: 400_000, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout: String(stdout), stderr: String(stderr) });
      });
    });
  }

  /** Runs cdktf and fails with its whole output unless it exits 0. */
  async succeed(args: string[]): Promise<CliResult> {
    const run = await this.cdktf(args);
    if (run.code !== 0) throw new Error(`cdktf ${args.join(' ')} exited ${run.code}:\n${run.stdout}\n${run.stderr}`);
    return run;
  }

  statePath(stack: string): string {
    return path.join(this.ws.work, `terraform.${stack}.tfstate`);
  }

  state(stack: string): { resources: { type: string; name: string; instances: { attributes: Record<string, unknown> }[] }[] } {
    return JSON.parse(fs.readFileSync(this.statePath(stack), 'utf8'));
  }
}

export interface CdktfFixture {
  readonly emulator: Emulator;
  readonly project: CdktfProject;
}

/** Registers beforeAll/afterAll for one emulator and one cdktf project shared by a file's tests. */
export function withCdktfProject(): CdktfFixture {
  const fixture = {} as { emulator: Emulator; project: CdktfProject };
  beforeAll(async () => {
    fixture.emulator = await startE2eEmulator();
    fixture.project = new CdktfProject(await TerraformWorkspace.create({ emulatorUrl: fixture.emulator.url }));
  });
  afterAll(() => fixture.emulator?.close());
  return fixture;
}
