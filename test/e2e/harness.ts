/**
 * End-to-end plumbing: an emulator with the example accounts, a throwaway project directory
 * (cdktf.json or a hand-written synth dir, a shared credentials file), the CLI as a child
 * process, and the in-process run layer. Everything talks to the emulator over HTTP through
 * the real AWS SDK.
 */
import { execFile } from 'node:child_process';
import { BedrockClient } from '@aws-sdk/client-bedrock';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { startEmulator, type Emulator, type EmulatorOptions, type RequestLogEntry } from '../../src/emulator';
import { ClientPool } from '../../src/engine/aws/clients';
import { loadStacks } from '../../src/engine/run/inputs';
import { planStacks, type StackPlanResult } from '../../src/engine/run/plan-stacks';
import { applyPlans } from '../../src/engine/run/apply-plans';
import type { StackApplyResult } from '../../src/engine/apply/apply-stack';
import type { StackPlan } from '../../src/engine/model';
import { writeSynthDir } from '../config/synth-builder';

export const ROOT = path.resolve(__dirname, '../..');
/** package.json's bin, as npm links it: the CLI's bundle (built by `npm test` before jest runs). */
export const CLI = path.join(ROOT, 'dist/src/cli/bedrock-pt.js');
export const EXAMPLE_APP = path.join(ROOT, 'dist/examples/app/main.js');

export const PT = 'aws_bedrock_provisioned_model_throughput';
export const ADDRESS = `${PT}.support_chat`;

export const DEV = { profile: 'bedrock-pt-dev', accessKeyId: 'AKIADEVEXAMPLE000001', account: '111111111111', region: 'us-east-1' };
export const STAGING = { profile: 'bedrock-pt-staging', accessKeyId: 'AKIASTAGINGEXAMPLE01', account: '222222222222', region: 'us-west-2' };
export const PROD = { profile: 'bedrock-pt-prod', accessKeyId: 'AKIAPRODEXAMPLE00001', account: '333333333333', region: 'us-east-1' };
export const ENVS = { dev: DEV, staging: STAGING, prod: PROD };

export const HAIKU_PT = 'anthropic.claude-3-haiku-20240307-v1:0:200k';
export const TITAN_PT = 'amazon.titan-text-express-v1:0:8k';
export const DEV_CUSTOM = `arn:aws:bedrock:us-east-1:111111111111:custom-model/${TITAN_PT}/devsupport01`;
export const DEV_CUSTOM_SIBLING = `arn:aws:bedrock:us-east-1:111111111111:custom-model/${TITAN_PT}/devsupport02`;

export const DAY_MS = 24 * 60 * 60 * 1000;

export const MUTATING = new Set([
  'CreateProvisionedModelThroughput',
  'UpdateProvisionedModelThroughput',
  'DeleteProvisionedModelThroughput',
  'TagResource',
  'UntagResource',
]);

/** The example accounts and custom models, a running clock and short transitions. */
export function startE2eEmulator(overrides: EmulatorOptions = {}): Promise<Emulator> {
  return startEmulator({
    accounts: Object.fromEntries(Object.values(ENVS).map((e) => [e.accessKeyId, e.account])),
    customModels: [
      { account: DEV.account, region: DEV.region, id: 'devsupport01', name: 'support-bot-v1', baseModelId: TITAN_PT },
      { account: DEV.account, region: DEV.region, id: 'devsupport02', name: 'support-bot-v2', baseModelId: TITAN_PT },
    ],
    committedUnitsQuota: 20,
    createDelayMs: 200,
    updateDelayMs: 200,
    ...overrides,
  });
}

/**
 * One emulator for a test file, reset before each test, and a fresh project whose credentials
 * the in-process run layer reads. Read the fields inside tests (they are set by the hooks).
 */
export function emulatorPerFile(overrides: EmulatorOptions = {}): { readonly emulator: Emulator; readonly project: SynthProject } {
  const context = e2eContext(overrides);
  beforeEach(() => useProjectCredentials(context.project));
  return context;
}

/** A Bedrock client of the dev account, for acting on the emulator as someone outside bedrock-pt. */
export function devBedrockClient(emulator: Emulator): BedrockClient {
  return new BedrockClient({ endpoint: emulator.url, region: DEV.region, credentials: { accessKeyId: DEV.accessKeyId, secretAccessKey: 'x' }, maxAttempts: 1 });
}

/** Calls that changed or could change the cloud, in order. */
export function mutatingCalls(emulator: Emulator): RequestLogEntry[] {
  return emulator.requests().filter((r) => MUTATING.has(r.operation));
}

export function operations(emulator: Emulator): string[] {
  return mutatingCalls(emulator).map((r) => r.operation);
}

const createdDirs: string[] = [];

export function tempDir(prefix = 'bedrock-pt-e2e-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  createdDirs.push(dir);
  return dir;
}

/** Removes every directory tempDir made in this test file. */
export function removeTempDirs(): void {
  for (const dir of createdDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/** A shared credentials file with one profile per environment; `keys` overrides a profile's access key. */
export function writeCredentials(file: string, keys: Partial<Record<'dev' | 'staging' | 'prod', string>> = {}): string {
  const text = (Object.keys(ENVS) as (keyof typeof ENVS)[])
    .map((name) => `[bedrock-pt-${name}]\naws_access_key_id = ${keys[name] ?? ENVS[name].accessKeyId}\naws_secret_access_key = ${name}-not-checked\n`)
    .join('');
  fs.writeFileSync(file, text);
  return file;
}

export interface Project {
  dir: string;
  /** Environment for the CLI: credentials file, no config file, the emulator endpoint. */
  env: NodeJS.ProcessEnv;
  statePath(stack: string): string;
}

/** A project directory for the example app (cdktf.json), as a user would have it. */
export function exampleProject(emulatorUrl: string): Project {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'cdktf.json'), JSON.stringify({ language: 'typescript', app: `node ${EXAMPLE_APP}`, output: 'cdktf.out' }));
  return { dir, env: projectEnv(dir, emulatorUrl), statePath: (stack) => path.join(dir, `terraform.${stack}.tfstate`) };
}

export function projectEnv(dir: string, emulatorUrl?: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: dir,
    AWS_SHARED_CREDENTIALS_FILE: writeCredentials(path.join(dir, 'credentials')),
    AWS_CONFIG_FILE: path.join(dir, 'no-such-config'),
    NO_COLOR: '1',
    // The SDK's Node-version notice would otherwise be the first line of every stderr.
    NODE_NO_WARNINGS: '1',
    BEDROCK_PT_REQUEST_TIMEOUT_MS: '5000',
  };
  if (emulatorUrl) env.BEDROCK_PT_ENDPOINT = emulatorUrl;
  return env;
}

/** Every file under `dir` with its content: equal before and after shows a command wrote nothing there. */
export function filesUnder(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) {
      const file = path.join(entry.parentPath ?? (entry as unknown as { path: string }).path, entry.name);
      out[path.relative(dir, file)] = fs.readFileSync(file, 'utf8');
    }
  }
  return out;
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI asynchronously (the emulator lives in this process and must keep serving). */
export function cli(args: string[], opts: { cwd: string; env: NodeJS.ProcessEnv }): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd: opts.cwd, env: opts.env, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

export function readJson(file: string): any {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** The instance attributes of one resource in a Terraform state file. */
export function stateAttributes(statePath: string, address = ADDRESS): Record<string, unknown> | undefined {
  const state = readJson(statePath);
  const [type, name] = address.split('.');
  const resource = state.resources.find((r: any) => r.mode === 'managed' && r.type === type && r.name === name);
  return resource?.instances?.[0]?.attributes;
}

// ---- hand-written synth dirs ----

export interface PtSpec {
  name: string;
  model: string;
  units: number;
  commitment?: 'OneMonth' | 'SixMonths';
  tags?: Record<string, string>;
  lifecycle?: Record<string, unknown>;
}

/** The dev stack's support-chat PT on its custom model, tagged with a cost centre; `overrides` changes what a test needs. */
export const devSupportChat = (overrides: Partial<PtSpec> = {}): PtSpec => ({
  name: 'dev-support-chat',
  model: DEV_CUSTOM,
  units: 1,
  tags: { CostCenter: 'cc-1234' },
  ...overrides,
});

export interface StackSpec {
  who?: typeof DEV;
  pts: Record<string, PtSpec>;
  defaultTags?: Record<string, string>;
  moved?: { from: string; to: string }[];
  imports?: { to: string; id: string }[];
  /** Override the provider region (the account still comes from the profile's key). */
  region?: string;
}

export function stackDocument(spec: StackSpec, emulatorUrl: string, statePath: string): Record<string, unknown> {
  const who = spec.who ?? DEV;
  const resources = Object.fromEntries(
    Object.entries(spec.pts).map(([id, pt]) => [
      id,
      {
        provisioned_model_name: pt.name,
        model_arn: pt.model,
        model_units: pt.units,
        ...(pt.commitment ? { commitment_duration: pt.commitment } : {}),
        tags: pt.tags ?? {},
        ...(pt.lifecycle ? { lifecycle: pt.lifecycle } : {}),
      },
    ]),
  );
  return {
    provider: {
      aws: [
        {
          region: spec.region ?? who.region,
          profile: who.profile,
          endpoints: [{ bedrock: emulatorUrl, sts: emulatorUrl, servicequotas: emulatorUrl }],
          default_tags: [{ tags: spec.defaultTags ?? { Project: 'support-bot', ManagedBy: 'bedrock-pt' } }],
        },
      ],
    },
    resource: Object.keys(resources).length ? { [PT]: resources } : {},
    terraform: { backend: { local: { path: statePath } }, required_providers: { aws: { source: 'aws', version: '6.25.0' } } },
    ...(spec.moved?.length ? { moved: spec.moved } : {}),
    ...(spec.imports?.length ? { import: spec.imports } : {}),
  };
}

/** A project with a synth dir written by hand (cdktf's layout); rewrite it with `write`. */
export class SynthProject {
  readonly dir = tempDir();
  readonly synthDir = path.join(this.dir, 'cdktf.out');
  readonly env: NodeJS.ProcessEnv;

  constructor(readonly emulatorUrl: string) {
    this.env = projectEnv(this.dir);
  }

  statePath(stack: string): string {
    return path.join(this.dir, `terraform.${stack}.tfstate`);
  }

  write(stacks: Record<string, StackSpec | string>): void {
    const docs = Object.fromEntries(
      Object.entries(stacks).map(([name, spec]) => [name, typeof spec === 'string' ? spec : stackDocument(spec, this.emulatorUrl, this.statePath(name))]),
    );
    writeSynthDir(docs, this.synthDir);
  }
}

/** The dev stack with one PT, its provider block changed by `edit` (endpoints, profile). */
export function writeDevWithProvider(project: SynthProject, edit: (provider: Record<string, unknown>) => void): void {
  const doc = stackDocument(
    { pts: { support_chat: { name: 'dev-support-chat', model: DEV_CUSTOM, units: 1 } } },
    project.emulatorUrl,
    project.statePath('dev'),
  ) as {
    provider: { aws: Record<string, unknown>[] };
  };
  edit(doc.provider.aws[0]);
  writeSynthDir({ dev: doc }, project.synthDir);
}

/** A local port nothing listens on: connections to it are refused at once. */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

// ---- the in-process run layer ----

/** Poll often: the emulator's transitions take a few hundred milliseconds. */
export const FAST_WAIT = { minDelaySec: 0.05, maxDelaySec: 0.2, maxWaitSec: 20 };

/** Makes the project's credentials file the one the SDK reads in this process. */
export function useProjectCredentials(project: { env: NodeJS.ProcessEnv }): void {
  process.env.AWS_SHARED_CREDENTIALS_FILE = project.env.AWS_SHARED_CREDENTIALS_FILE;
  process.env.AWS_CONFIG_FILE = project.env.AWS_CONFIG_FILE;
}

export async function planProject(project: SynthProject, emulator: Emulator, stacks?: string[]): Promise<StackPlanResult[]> {
  const loaded = await loadStacks({ projectDir: project.dir, synthDir: project.synthDir, env: project.env, selection: stacks ? { stacks } : { all: true } });
  const pool = new ClientPool({ maxAttempts: 2 });
  try {
    return await planStacks(loaded.stacks, { pool, now: emulator.now() });
  } finally {
    pool.destroy();
  }
}

/** `now` is the clock the saved plan is derived again with: pass the emulator's when it was advanced. */
/**
 * Apply saved plans in-process. `checkConfig: false` is `--skip-config-check`: the plan is not derived
 * again at apply, so a test can reach the applier's own defences against a world that changed since the plan.
 */
export async function applyProjectPlans(project: SynthProject, plans: StackPlan[], now?: Date, checkConfig = true): Promise<StackApplyResult[]> {
  const loaded = await loadStacks({ projectDir: project.dir, synthDir: project.synthDir, env: project.env, selection: { stacks: plans.map((p) => p.stack) } });
  const pool = new ClientPool({ maxAttempts: 2 });
  try {
    return await applyPlans(plans, {
      pool,
      signal: new AbortController().signal,
      report: () => undefined,
      configs: checkConfig ? new Map(loaded.stacks.map((s) => [s.name, s])) : undefined,
      waitPolicy: FAST_WAIT,
      now,
    });
  } finally {
    pool.destroy();
  }
}

/** Plan one stack and return its plan (the common case in lifecycle tests). */
export async function planOne(project: SynthProject, emulator: Emulator, stack = 'dev'): Promise<StackPlan> {
  const [result] = await planProject(project, emulator, [stack]);
  return result.plan;
}

/** Plan, check the plan is applyable, apply, and fail the test on any failed change. */
export async function converge(project: SynthProject, emulator: Emulator, stack = 'dev'): Promise<{ plan: StackPlan; result: StackApplyResult }> {
  const plan = await planOne(project, emulator, stack);
  if (!plan.applyable) throw new Error(`plan for ${stack} is blocked: ${plan.diagnostics.map((d) => d.summary).join('; ')}`);
  const [result] = await applyProjectPlans(project, [plan], emulator.now());
  if (result.failed.length) throw new Error(`apply failed: ${result.failed.map((f) => `${f.address}: ${f.error}`).join('; ')}`);
  return { plan, result };
}

// ---- per-file set-up ----

/** One emulator for the test file, reset before each test, and a fresh hand-written synth project per test. */
export function e2eContext(overrides: EmulatorOptions = {}): { readonly emulator: Emulator; readonly project: SynthProject } {
  const context = {} as { emulator: Emulator; project: SynthProject };
  beforeAll(async () => {
    context.emulator = await startE2eEmulator(overrides);
  });
  afterAll(async () => {
    await context.emulator.close();
    removeTempDirs();
  });
  beforeEach(() => {
    context.emulator.reset();
    context.project = new SynthProject(context.emulator.url);
  });
  return context;
}

/** Makes the project a cdktf project whose app "synthesizes" by copying its hand-written synth dir, so hints and saved plans run from it as a user's would. */
export function useCopyingApp(project: SynthProject): void {
  const app = 'rm -rf "$CDKTF_OUTDIR" && cp -R cdktf.out "$CDKTF_OUTDIR"';
  fs.writeFileSync(path.join(project.dir, 'cdktf.json'), JSON.stringify({ language: 'typescript', app, output: 'app-out' }));
}

/**
 * The usual lifecycle of an e2e file: one emulator for the file, a reset cloud and a fresh
 * project (whose credentials this process uses) for every test, temp dirs removed at the end.
 */
export function useEmulatorProject(overrides: EmulatorOptions = {}): { emulator: () => Emulator; project: () => SynthProject } {
  const context = emulatorPerFile(overrides);
  return { emulator: () => context.emulator, project: () => context.project };
}
