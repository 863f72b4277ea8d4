/**
 * kill -9 at the step boundaries of a real `bedrock-pt apply` process: while a mutating call
 * is in flight (the service does the work, the answer never arrives), after a create was
 * answered but before the state recorded it, and while waiting for InService; plus a crash
 * right after a pending create was written, before its call was sent. Then, as an operator
 * would: the next run takes over the dead run's lock (saying so), re-run until clean —
 * and nothing was bought twice, nothing deleted that the plan did not delete, nothing lost.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import type { Emulator, EmulatedOperation } from '../../src/emulator';
import { loadState, lockPathFor, openStateSession } from '../../src/engine/state';
import { CLI, DEV_CUSTOM, PT, SynthProject, cli, removeTempDirs, startE2eEmulator, type PtSpec } from '../e2e/harness';

// No-commitment PTs (custom models allow two per account), so deletes are never blocked.
const BEFORE: Record<string, PtSpec> = {
  keep: { name: 'k9-keep', model: DEV_CUSTOM, units: 1, tags: { Team: 'a' } },
  old: { name: 'k9-old', model: DEV_CUSTOM, units: 1 },
};
// A rename and a tag change (update), a delete, and a create: every phase of an apply.
const AFTER: Record<string, PtSpec> = {
  keep: { ...BEFORE.keep, name: 'k9-kept', tags: { Team: 'b' } },
  fresh: { name: 'k9-fresh', model: DEV_CUSTOM, units: 1 },
};
const WANTED = ['k9-fresh', 'k9-kept'];

let emulator: Emulator;

beforeEach(async () => {
  emulator = await startE2eEmulator({ createDelayMs: 100, updateDelayMs: 100 });
});
afterEach(async () => emulator.close());
afterAll(() => removeTempDirs());

function args(project: SynthProject, ...rest: string[]): string[] {
  return [...rest, '--synth-dir', project.synthDir, '--stack', 'dev'];
}

/** Start `apply --auto-approve` and SIGKILL it as soon as `ready()` holds. */
async function applyAndKill(project: SynthProject, ready: () => boolean): Promise<void> {
  const child = spawn(process.execPath, [CLI, ...args(project, 'apply', '--auto-approve')], { cwd: project.dir, env: project.env, stdio: 'ignore' });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const deadline = Date.now() + 20_000;
  while (!ready()) {
    if (Date.now() > deadline) throw new Error('the kill point was never reached');
    if (child.exitCode !== null) throw new Error(`apply ended (exit ${child.exitCode}) before the kill point`);
    await new Promise((r) => setTimeout(r, 5));
  }
  child.kill('SIGKILL');
  await exited;
}

function arrived(operation: EmulatedOperation): () => boolean {
  return () => emulator.requests().some((r) => r.operation === operation);
}

async function setUp(project: SynthProject): Promise<Map<string, string>> {
  project.write({ dev: { pts: BEFORE } });
  expect((await cli(args(project, 'apply', '--auto-approve'), { cwd: project.dir, env: project.env })).code).toBe(0);
  project.write({ dev: { pts: AFTER } });
  return new Map(emulator.inventory().map((pt) => [pt.provisionedModelArn, pt.provisionedModelName]));
}

/** After a crash: the next run takes over the dead run's lock with a note, then converge. */
async function recover(project: SynthProject, expectLock: boolean): Promise<void> {
  const lockFile = lockPathFor(project.statePath('dev'));
  if (expectLock) {
    expect(fs.existsSync(lockFile)).toBe(true);
    const dead = JSON.parse(fs.readFileSync(lockFile, 'utf8')) as { ID: string; PID: number };
    const next = await cli(args(project, 'plan'), { cwd: project.dir, env: project.env });
    expect(next.stderr).toMatch(
      new RegExp(
        `^Note: took over the lock of stack dev \\(lock ID ${dead.ID}, operation apply since [^)]+\\) held by process ${dead.PID}, which has exited\n$`,
      ),
    );
    expect(next.code).toBe(0);
    expect(fs.existsSync(lockFile)).toBe(false);
  }
  for (let round = 0; round < 3; round++) {
    const run = await cli(args(project, 'apply', '--auto-approve'), { cwd: project.dir, env: project.env });
    expect(run.stderr).toBe('');
    const check = await cli(args(project, 'plan', '--detailed-exitcode'), { cwd: project.dir, env: project.env });
    if (check.code === 0) return;
  }
  throw new Error('did not converge in three applies');
}

async function checkInvariants(project: SynthProject, before: Map<string, string>): Promise<void> {
  const inventory = emulator.inventory();
  expect(inventory.map((pt) => pt.provisionedModelName).sort()).toEqual(WANTED);
  const bought = emulator.requests().filter((r) => r.operation === 'CreateProvisionedModelThroughput' && r.mutated);
  expect(bought.map((r) => r.params.provisionedModelName)).toEqual(['k9-fresh']);
  const live = new Set(inventory.map((pt) => pt.provisionedModelArn));
  const deleted = [...before.keys()].filter((arn) => !live.has(arn)).map((arn) => before.get(arn));
  expect(deleted).toEqual(['k9-old']);
  const state = await loadState(project.statePath('dev'));
  expect(Object.keys(state.managed.pending)).toEqual([]);
  expect(
    Object.values(state.managed.pts)
      .map((m) => m.arn)
      .sort(),
  ).toEqual([...live].sort());
  expect(Object.keys(state.managed.pts).sort()).toEqual([`${PT}.fresh`, `${PT}.keep`]);
  expect(state.managed.pts[`${PT}.keep`].name).toBe('k9-kept');
}

const MUTATING_CALLS: EmulatedOperation[] = [
  'UpdateProvisionedModelThroughput',
  'TagResource',
  'DeleteProvisionedModelThroughput',
  'CreateProvisionedModelThroughput',
];

describe('kill -9 during apply', () => {
  it.each(MUTATING_CALLS)(
    'while %s is in flight (the work is done, the answer is lost)',
    async (operation) => {
      const project = new SynthProject(emulator.url);
      const before = await setUp(project);
      emulator.resetRequests();
      emulator.setLatency(operation, 1_500);
      await applyAndKill(project, arrived(operation));
      await new Promise((r) => setTimeout(r, 1_700));
      emulator.setLatency(operation, 0);
      if (operation === 'CreateProvisionedModelThroughput') {
        // The intent and its token were in the state before the call went out.
        const state = await loadState(project.statePath('dev'));
        expect(state.managed.pending[`${PT}.fresh`]?.clientRequestToken).toMatch(/^bpt-/);
      }
      await recover(project, true);
      await checkInvariants(project, before);
    },
    60_000,
  );

  it('during a slow Create, then an immediate plan and apply: the intent is kept, resumed with its token, and one PT is bought', async () => {
    const project = new SynthProject(emulator.url);
    const before = await setUp(project);
    emulator.resetRequests();
    // The first request is still inside the service (held 8 s, ample on a loaded machine) when the next run plans;
    // the runs' request timeout is raised above that hold so the re-sent Create is answered, not timed out.
    project.env.BEDROCK_PT_REQUEST_TIMEOUT_MS = '20000';
    emulator.setLatency('CreateProvisionedModelThroughput', 8_000);
    await applyAndKill(project, arrived('CreateProvisionedModelThroughput'));
    const lockFile = lockPathFor(project.statePath('dev'));
    const id = JSON.parse(fs.readFileSync(lockFile, 'utf8')).ID as string;
    expect((await cli(args(project, 'force-unlock', id), { cwd: project.dir, env: project.env })).code).toBe(0);

    const token = (await loadState(project.statePath('dev'))).managed.pending[`${PT}.fresh`].clientRequestToken;
    const plan = await cli(args(project, 'plan'), { cwd: project.dir, env: project.env });
    expect(emulator.inventory().map((pt) => pt.provisionedModelName)).not.toContain('k9-fresh');
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain(`An interrupted create of "k9-fresh" (token ${token}`);
    expect(plan.stdout).toContain('no PT named "k9-fresh" exists in account 111111111111, region us-east-1 yet');
    expect(plan.stdout).not.toMatch(/nothing was bought/);
    // The plan did not drop the intent.
    expect((await loadState(project.statePath('dev'))).managed.pending[`${PT}.fresh`]?.clientRequestToken).toBe(token);

    const applied = await cli(args(project, 'apply', '--auto-approve'), { cwd: project.dir, env: project.env });
    expect(applied.stderr).toBe('');
    expect(applied.code).toBe(0);
    emulator.setLatency('CreateProvisionedModelThroughput', 0);
    // Resolved with the recorded token: found by name once it landed, or answered to the re-sent Create.
    const creates = emulator.requests().filter((r) => r.operation === 'CreateProvisionedModelThroughput');
    expect(new Set(creates.map((r) => r.params.clientRequestToken))).toEqual(new Set([token]));
    expect((await cli(args(project, 'plan', '--detailed-exitcode'), { cwd: project.dir, env: project.env })).code).toBe(0);
    await checkInvariants(project, before);
  }, 120_000);

  it('after a create was answered, before the state recorded its ARN', async () => {
    const project = new SynthProject(emulator.url);
    const before = await setUp(project);
    emulator.resetRequests();
    // The applier reads the new PT once before recording it: hold that read and kill there.
    emulator.setLatency('GetProvisionedModelThroughput', 1_500);
    await applyAndKill(
      project,
      () =>
        emulator.requests().some((r) => r.operation === 'CreateProvisionedModelThroughput' && r.outcome === 'success') &&
        arrived('GetProvisionedModelThroughput')(),
    );
    emulator.setLatency('GetProvisionedModelThroughput', 0);
    const state = await loadState(project.statePath('dev'));
    expect(Object.keys(state.managed.pending)).toEqual([`${PT}.fresh`]);
    await recover(project, true);
    await checkInvariants(project, before);
  }, 60_000);

  it('while waiting for the new PT to be InService', async () => {
    const project = new SynthProject(emulator.url);
    const before = await setUp(project);
    emulator.resetRequests();
    emulator.setTransitionDelays({ createMs: 3_000 });
    const polls = () => emulator.requests().filter((r) => r.operation === 'GetProvisionedModelThroughput').length >= 2;
    await applyAndKill(project, polls);
    emulator.setTransitionDelays({ createMs: 100 });
    await recover(project, true);
    await checkInvariants(project, before);
  }, 60_000);

  it('right after the pending create was written, before its call was sent', async () => {
    // What a crash at that point leaves: a pending create (with its token) in state, nothing in the cloud.
    const project = new SynthProject(emulator.url);
    project.write({ dev: { pts: { fresh: AFTER.fresh } } });
    const session = await openStateSession(project.statePath('dev'), { stack: 'dev', operation: 'test' });
    await session.update((m) => {
      m.pending[`${PT}.fresh`] = {
        address: `${PT}.fresh`,
        name: 'k9-fresh',
        model: DEV_CUSTOM,
        modelUnits: 1,
        // What createPt records: the config's tags_all, default tags included.
        tagsAll: { Project: 'support-bot', ManagedBy: 'bedrock-pt' },
        clientRequestToken: 'bpt-crashed-before-send',
        startedAt: new Date().toISOString(),
      };
    });
    await session.release();

    await recover(project, false);

    const inventory = emulator.inventory();
    expect(inventory.map((pt) => pt.provisionedModelName)).toEqual(['k9-fresh']);
    const bought = emulator.requests().filter((r) => r.operation === 'CreateProvisionedModelThroughput' && r.mutated);
    // The intent was resumed with its own token, not replaced by a new create.
    expect(bought.map((r) => r.params.clientRequestToken)).toEqual(['bpt-crashed-before-send']);
    const state = await loadState(project.statePath('dev'));
    expect(Object.keys(state.managed.pending)).toEqual([]);
    expect(state.managed.pts[`${PT}.fresh`].arn).toBe(inventory[0].provisionedModelArn);
  }, 60_000);
});

describe('two applies on one stack at once', () => {
  it('one runs, the other fails fast on the lock, and nothing is lost', async () => {
    const project = new SynthProject(emulator.url);
    const before = await setUp(project);
    emulator.resetRequests();
    emulator.setLatency('UpdateProvisionedModelThroughput', 1_000);
    const first = cli(args(project, 'apply', '--auto-approve'), { cwd: project.dir, env: project.env });
    while (!arrived('UpdateProvisionedModelThroughput')()) await new Promise((r) => setTimeout(r, 5));
    const started = Date.now();
    const second = await cli(args(project, 'apply', '--auto-approve'), { cwd: project.dir, env: project.env });
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/locked by .*operation apply/);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect((await first).code).toBe(0);
    emulator.setLatency('UpdateProvisionedModelThroughput', 0);
    expect((await cli(args(project, 'plan', '--detailed-exitcode'), { cwd: project.dir, env: project.env })).code).toBe(0);
    await checkInvariants(project, before);
  }, 60_000);
});

describe('Ctrl-C during apply', () => {
  it('stops sending new calls, finishes the step in flight, writes state and says what is left', async () => {
    const project = new SynthProject(emulator.url);
    const before = await setUp(project);
    emulator.resetRequests();
    emulator.setLatency('UpdateProvisionedModelThroughput', 800);
    const child = spawn(process.execPath, [CLI, ...args(project, 'apply', '--auto-approve')], {
      cwd: project.dir,
      env: project.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    while (!arrived('UpdateProvisionedModelThroughput')()) await new Promise((r) => setTimeout(r, 5));
    child.kill('SIGINT');
    expect(await exited).toBe(1);
    emulator.setLatency('UpdateProvisionedModelThroughput', 0);

    expect(out).toContain('Stopping: no new calls will be sent');
    expect(out).toContain('Apply incomplete');
    expect(out).toMatch(/Stopped before finishing:\n.*dev\/aws_bedrock_provisioned_model_throughput\.(fresh|old)/);
    // Nothing after the stop: no delete, no create.
    const sent = emulator.requests().map((r) => r.operation);
    expect(sent).not.toContain('DeleteProvisionedModelThroughput');
    expect(sent).not.toContain('CreateProvisionedModelThroughput');
    // The lock was released and the state is true: the run can simply be repeated.
    expect(fs.existsSync(lockPathFor(project.statePath('dev')))).toBe(false);
    await recover(project, false);
    await checkInvariants(project, before);
  }, 60_000);
});
