/**
 * cdktf-cli (and cdktn-cli) driven tests: a project directory whose cdktf.json runs the
 * Terraform-path example app (with per-environment overrides read from a JSON file, so a test can
 * rename or resize a PT), and the real `cdktf` (cdktf-cli 0.21) or `cdktn` (cdktn-cli 0.24, CDK
 * Terrain), both dev dependencies, run with the Terraform workspace's environment: provider from
 * `bedrock-pt provider install`, hashicorp/aws from the mirror, every endpoint the emulator.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Emulator } from '../../src/emulator';
import { ROOT, startE2eEmulator, type CliResult } from '../e2e/harness';
import { describeUnlessMissing, missingForTerraform, TerraformWorkspace } from '../provider/harness';

export type Flavour = 'cdktf' | 'cdktn';

/** Each flavour's CLI, and the Terraform-path app written with its library (builder, and settings it adds to every stack). */
const FLAVOURS: Record<Flavour, { cli: string; app: string; builder: string; stackDefaults: Record<string, unknown> }> = {
  cdktf: {
    cli: path.join(ROOT, 'node_modules', '.bin', 'cdktf'),
    app: path.join(ROOT, 'dist/examples/terraform-app/main.js'),
    builder: 'buildTerraformApp',
    stackDefaults: {},
  },
  cdktn: {
    cli: path.join(ROOT, 'node_modules', '.bin', 'cdktn'),
    app: path.join(ROOT, 'dist/examples/cdktn-app/main.js'),
    builder: 'buildCdktnApp',
    stackDefaults: { ptResource: 'bedrockpt' },
  },
};
/** cdktn-cli declares `engines.node >= 22.19.0`. */
export const CDKTN_MIN_NODE = '22.19.0';

function olderThan(version: string, minimum: string): boolean {
  const [a, b] = [version, minimum].map((v) => v.split('.').map(Number));
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] < b[i];
  return false;
}

/** What a flavour's CLI needs that this machine lacks: terraform and the aws mirror, and for cdktn a newer Node. */
export function missingFor(flavour: Flavour, nodeVersion = process.versions.node): string[] {
  const missing = missingForTerraform();
  if (flavour === 'cdktn' && olderThan(nodeVersion, CDKTN_MIN_NODE))
    missing.push(`Node.js >= ${CDKTN_MIN_NODE} for cdktn-cli (this is ${nodeVersion}; \`npm test\` runs it in its Node 24 pass)`);
  return missing;
}

/** describe() for a flavour's CLI, or describe.skip() with a printed line naming what is missing. */
export function describeWithCli(flavour: Flavour, name: string, body: () => void): void {
  describeUnlessMissing(name, missingFor(flavour), body);
}

export const CDKTF = FLAVOURS.cdktf.cli;
export const CDKTN = FLAVOURS.cdktn.cli;
const ENVIRONMENTS_MODULE = path.join(ROOT, 'dist/examples/app/environments.js');

export type EnvOverrides = Partial<Record<'dev' | 'staging' | 'prod', { nameOverride?: string; modelUnits?: number }>>;

/** What the test app changes: per-environment settings, and settings of every stack. */
export interface AppOverrides {
  environments?: EnvOverrides;
  stack?: { ptResource?: 'aws' | 'bedrockpt'; migrateFromAws?: boolean };
}

export class CdktfProject {
  readonly overridesFile: string;

  private readonly cli: string;

  constructor(
    readonly ws: TerraformWorkspace,
    readonly flavour: Flavour = 'cdktf',
  ) {
    const { cli, app: builderModule, builder, stackDefaults } = FLAVOURS[flavour];
    this.cli = cli;
    this.overridesFile = path.join(ws.work, 'overrides.json');
    this.setOverrides({});
    const app = path.join(ws.work, 'app.js');
    // The app module first: it loads its library (cdktf or cdktn) before bedrock-pt's constructs choose one.
    fs.writeFileSync(
      app,
      [
        `const { ${builder} } = require(${JSON.stringify(builderModule)});`,
        `const fs = require('node:fs');`,
        `const { ENVIRONMENTS } = require(${JSON.stringify(ENVIRONMENTS_MODULE)});`,
        `const { synthApp } = require(${JSON.stringify(path.join(ROOT, 'dist/src/resources'))});`,
        `const overrides = JSON.parse(fs.readFileSync(${JSON.stringify(this.overridesFile)}, 'utf8'));`,
        `const envs = overrides.environments || {};`,
        `const stackProps = { ...${JSON.stringify(stackDefaults)}, ...overrides.stack };`,
        `synthApp(${builder}({ endpoint: process.env.BEDROCK_PT_ENDPOINT, environments: ENVIRONMENTS.map((e) => ({ ...e, ...envs[e.name] })), stackProps }));`,
        '',
      ].join('\n'),
    );
    fs.writeFileSync(
      path.join(ws.work, 'cdktf.json'),
      JSON.stringify({ language: 'typescript', app: `node ${app}`, output: 'cdktf.out', sendCrashReports: 'false' }),
    );
  }

  setOverrides(overrides: AppOverrides): void {
    fs.writeFileSync(this.overridesFile, JSON.stringify(overrides));
  }

  cdktf(args: string[]): Promise<CliResult> {
    const env = { ...this.ws.env, CI: '1', DISABLE_VERSION_CHECK: '1', CDKTF_DISABLE_PLUGIN_CACHE_ENV: '1', FORCE_COLOR: '0' };
    return new Promise((resolve) => {
      execFile(this.cli, args, { cwd: this.ws.work, env, timeout: 400_000, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout: String(stdout), stderr: String(stderr) });
      });
    });
  }

  /** Runs cdktf (or cdktn) and fails with its whole output unless it exits 0. */
  async succeed(args: string[]): Promise<CliResult> {
    const run = await this.cdktf(args);
    if (run.code !== 0) throw new Error(`${this.flavour} ${args.join(' ')} exited ${run.code}:\n${run.stdout}\n${run.stderr}`);
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

/** Registers beforeAll/afterAll for one emulator and one cdktf (or cdktn) project shared by a file's tests. */
export function withCdktfProject(flavour: Flavour = 'cdktf'): CdktfFixture {
  const fixture = {} as { emulator: Emulator; project: CdktfProject };
  beforeAll(async () => {
    fixture.emulator = await startE2eEmulator();
    fixture.project = new CdktfProject(await TerraformWorkspace.create({ emulatorUrl: fixture.emulator.url }), flavour);
  });
  afterAll(() => fixture.emulator?.close());
  return fixture;
}
