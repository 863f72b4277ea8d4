/**
 * bedrock-pt and the real `terraform` on one local state file: each takes the other's lock, so
 * neither rewrites the state under the other. A CLI apply that holds the lock makes `terraform`
 * refuse (or wait, with -lock-timeout, and then work on the state the CLI left); a terraform
 * apply (hashicorp/aws against the emulator) makes the CLI refuse naming Terraform, or wait; and
 * a terraform killed with -9 leaves no lock behind, since its lock died with it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Emulator } from '../../src/emulator';
import { loadState, lockPathFor } from '../../src/engine/state';
import { CLI, DEV, DEV_CUSTOM, PT, SynthProject, cli, readJson, removeTempDirs, startE2eEmulator, type CliResult, type PtSpec } from './harness';
import { TERRAFORM, TerraformWorkspace, describeWithTerraform } from '../provider/harness';

let emulator: Emulator;
const children: ChildProcess[] = [];

beforeEach(async () => {
  emulator = await startE2eEmulator({ createDelayMs: 200 });
});
afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await emulator.close();
});
afterAll(() => removeTempDirs());

const A: PtSpec = { name: 'tl-a', model: DEV_CUSTOM, units: 1 };
const B: PtSpec = { name: 'tl-b', model: DEV_CUSTOM, units: 1 };

interface Running {
  done: Promise<CliResult & { endedAt: number }>;
}

function start(command: string, args: string[], opts: { cwd: string; env: NodeJS.ProcessEnv }): Running & { child: ChildProcess } {
  const child = spawn(command, args, { cwd: opts.cwd, env: opts.env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (c: Buffer) => (stdout += String(c)));
  child.stderr!.on('data', (c: Buffer) => (stderr += String(c)));
  const done = new Promise<CliResult & { endedAt: number }>((resolve) =>
    child.on('exit', (code) => resolve({ code: code ?? 1, stdout, stderr, endedAt: Date.now() })),
  );
  return { child, done };
}

async function until(what: string, ready: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ready()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const pendingIn = (file: string) =>
  Object.keys(
    (readJson(file).bedrock_pt?.pending_creates ?? []).reduce((o: Record<string, true>, p: { address: string }) => ({ ...o, [p.address]: true }), {}),
  );

describeWithTerraform('a CLI apply holding the state lock', () => {
  let project: SynthProject;
  let ws: TerraformWorkspace;
  let statePath: string;

  /** PT a applied; then b added, whose Create the emulator holds for `holdMs` while the CLI keeps the lock. */
  async function applyingB(holdMs: number): Promise<Running> {
    project = new SynthProject(emulator.url);
    ws = await TerraformWorkspace.create({ emulatorUrl: emulator.url });
    statePath = project.statePath('dev');
    project.write({ dev: { pts: { a: A } } });
    expect((await cli(['apply', '--stack', 'dev', '--synth-dir', project.synthDir, '--auto-approve'], { cwd: project.dir, env: project.env })).code).toBe(0);
    project.write({ dev: { pts: { a: A, b: B } } });
    emulator.resetRequests();
    emulator.setLatency('CreateProvisionedModelThroughput', holdMs);
    const run = start(process.execPath, [CLI, 'apply', '--stack', 'dev', '--synth-dir', project.synthDir, '--auto-approve'], {
      cwd: project.dir,
      env: { ...project.env, BEDROCK_PT_REQUEST_TIMEOUT_MS: String(holdMs + 20_000) },
    });
    await until('the Create of b to be in flight', () => emulator.requests().some((r) => r.operation === 'CreateProvisionedModelThroughput'));
    expect(pendingIn(statePath)).toEqual([`${PT}.b`]);
    return run;
  }

  const terraformStateRm = (...extra: string[]) => ws.terraform(['state', 'rm', `-state=${statePath}`, ...extra, `${PT}.a`]);

  it('makes `terraform state rm` fail on the lock, naming the bedrock-pt run, and the pending create stays in state', async () => {
    const cliRun = await applyingB(4_000);
    const tf = await terraformStateRm();
    expect(tf.code).toBe(1);
    expect(tf.stderr).toContain('Error acquiring the state lock');
    expect(tf.stderr).toMatch(/Operation: +apply/);
    expect(tf.stderr).toMatch(/Version: +bedrock-pt /);
    // Terraform did not rewrite the state: the CLI's intent for b is still there.
    expect(pendingIn(statePath)).toEqual([`${PT}.b`]);

    const applied = await cliRun.done;
    expect(applied.stderr).toBe('');
    expect(applied.code).toBe(0);
    const state = await loadState(statePath);
    expect(Object.keys(state.managed.pts).sort()).toEqual([`${PT}.a`, `${PT}.b`]);
    expect(state.managed.pending).toEqual({});
    expect(
      emulator
        .inventory()
        .map((pt) => pt.provisionedModelName)
        .sort(),
    ).toEqual(['tl-a', 'tl-b']);
  }, 90_000);

  it('makes `terraform state rm -lock-timeout` wait for the CLI, then work on the state the CLI left', async () => {
    const cliRun = await applyingB(3_000);
    const tf = start(TERRAFORM!, ['state', 'rm', `-state=${statePath}`, '-lock-timeout=60s', `${PT}.a`], { cwd: ws.work, env: ws.env });
    const [applied, removed] = await Promise.all([cliRun.done, tf.done]);
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain('Apply complete!');
    expect(removed.code).toBe(0);
    expect(removed.endedAt).toBeGreaterThanOrEqual(applied.endedAt);
    // Terraform read the CLI's last write (b recorded) and removed only what it was asked to.
    const state = await loadState(statePath);
    expect(Object.keys(state.managed.pts)).toEqual([`${PT}.b`]);
    expect(state.managed.pts[`${PT}.b`].arn).toBe(emulator.inventory().find((pt) => pt.provisionedModelName === 'tl-b')!.provisionedModelArn);
    expect(state.managed.pending).toEqual({});
  }, 90_000);

  it('with `terraform -lock=false` rewriting the state under it, the CLI refuses its own write and never says the state records everything', async () => {
    const cliRun = await applyingB(3_000);
    const tf = await terraformStateRm('-lock=false');
    expect(tf.code).toBe(0);
    const applied = await cliRun.done;
    expect(applied.code).toBe(1);
    expect(applied.stdout).toContain('changed outside this run');
    expect(applied.stdout).not.toContain('The state records everything that was done');
    expect(applied.stdout).toContain('The state does NOT record everything that was done: a state write was refused or failed in dev:');
    // b was bought and terraform dropped its intent: the next plan refuses to buy it again, naming it.
    const bArn = emulator.inventory().find((pt) => pt.provisionedModelName === 'tl-b')!.provisionedModelArn;
    const next = await cli(['plan', '--stack', 'dev', '--synth-dir', project.synthDir], { cwd: project.dir, env: project.env });
    expect(next.code).toBe(1);
    expect(next.stderr).toContain(`The name "tl-b" is already used by ${bArn}, which this stack does not manage`);
    expect(emulator.inventory()).toHaveLength(2);
  }, 90_000);
});

describeWithTerraform('a terraform apply holding the state lock', () => {
  let project: SynthProject;
  let ws: TerraformWorkspace;

  /** A terraform config on the dev stack's own state file, buying one PT through hashicorp/aws. */
  async function terraformApplying(): Promise<Running & { child: ChildProcess }> {
    project = new SynthProject(emulator.url);
    project.write({ dev: { pts: {} } });
    ws = await TerraformWorkspace.create({ emulatorUrl: emulator.url });
    fs.writeFileSync(
      path.join(ws.work, 'main.tf.json'),
      JSON.stringify({
        terraform: { required_providers: { aws: { source: 'hashicorp/aws', version: '5.100.0' } }, backend: { local: { path: project.statePath('dev') } } },
        provider: { aws: { region: DEV.region, profile: DEV.profile, endpoints: [{ bedrock: emulator.url, sts: emulator.url }] } },
        resource: { [PT]: { tf_pt: { provisioned_model_name: 'tl-terraform', model_arn: DEV_CUSTOM, model_units: 1 } } },
      }),
    );
    const init = await ws.terraform(['init', '-input=false']);
    expect(init.code).toBe(0);
    // Long enough in Creating that the CLI's runs below happen while terraform waits for InService.
    emulator.setTransitionDelays({ createMs: 6_000 });
    const run = start(TERRAFORM!, ['apply', '-auto-approve', '-input=false'], { cwd: ws.work, env: ws.env });
    await until('terraform to hold the lock and buy its PT', () => fs.existsSync(lockPathFor(project.statePath('dev'))) && emulator.inventory().length === 1);
    return run;
  }

  const plan = (...extra: string[]) => cli(['plan', '--stack', 'dev', '--synth-dir', project.synthDir, ...extra], { cwd: project.dir, env: project.env });

  it('makes the CLI refuse naming Terraform, or wait for it under --lock-timeout and then plan on its state', async () => {
    const tf = await terraformApplying();
    const refused = await plan();
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /^Error: state for stack dev is locked by Terraform \(.+@.+, operation OperationTypeApply, since .+, lock ID [0-9a-f-]+\); that run is still going/,
    );
    expect(emulator.requests().filter((r) => r.operation === 'ListProvisionedModelThroughputs')).toEqual([]);

    const waited = await plan('--lock-timeout', '60s');
    const applied = await tf.done;
    expect(applied.code).toBe(0);
    expect(waited.code).toBe(0);
    // The CLI planned on the state terraform wrote: its PT is there (and, absent from this stack's config, planned for delete).
    expect(waited.stdout).toContain(`${PT}.tf_pt`);
    expect(waited.stdout).toContain('1 to destroy');
  }, 120_000);

  it('leaves no lock when terraform is killed with -9: the next CLI run takes over its record, saying so', async () => {
    const tf = await terraformApplying();
    tf.child.kill('SIGKILL');
    await tf.done;
    const next = await plan();
    expect(next.stderr).toMatch(
      /^Note: took over the lock of stack dev \(lock ID [0-9a-f-]+, operation OperationTypeApply since [^)]+\) left by Terraform \(.+\), which has exited\n$/,
    );
    expect(next.code).toBe(0);
    expect(fs.existsSync(lockPathFor(project.statePath('dev')))).toBe(false);
  }, 120_000);
});
