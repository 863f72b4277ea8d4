/**
 * An address whose create was interrupted (kill -9 while the Create was in flight, the PT bought)
 * holds a pending create. Importing another PT there is refused; a state that already has both
 * (written by an older version, or by hand) is blocked at plan, naming both PTs, with nothing
 * deposed or deleted; and a plan writes nothing — apply records what the plan shows recovered.
 * Through the real CLI, killed for real, against the emulator.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { CreateProvisionedModelThroughputCommand } from '@aws-sdk/client-bedrock';
import { loadState, openStateSession } from '../../src/engine/state';
import { CLI, DEV_CUSTOM, HAIKU_PT, PT, SynthProject, cli, devBedrockClient, emulatorPerFile, mutatingCalls, type PtSpec } from './harness';

const shared = emulatorPerFile({ createDelayMs: 100 });
const FRESH = `${PT}.fresh`;
const KEEP: PtSpec = { name: 'io-keep', model: DEV_CUSTOM, units: 1 };
const FRESH_SPEC: PtSpec = { name: 'io-fresh', model: DEV_CUSTOM, units: 1 };

let project: SynthProject;
const run = (...args: string[]) => cli([...args, '--synth-dir', project.synthDir, '--stack', 'dev'], { cwd: project.dir, env: project.env });
const stateText = () => fs.readFileSync(project.statePath('dev'), 'utf8');

/** keep applied; fresh added and its apply killed with -9 while its Create is in flight (the service buys it). Returns fresh's PT. */
async function interruptedCreate(): Promise<string> {
  const { emulator } = shared;
  project = shared.project;
  project.write({ dev: { pts: { keep: KEEP } } });
  expect((await run('apply', '--auto-approve')).code).toBe(0);
  project.write({ dev: { pts: { keep: KEEP, fresh: FRESH_SPEC } } });
  emulator.resetRequests();
  emulator.setLatency('CreateProvisionedModelThroughput', 1_500);
  const child = spawn(process.execPath, [CLI, 'apply', '--auto-approve', '--synth-dir', project.synthDir, '--stack', 'dev'], {
    cwd: project.dir,
    env: project.env,
    stdio: 'ignore',
  });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  while (!emulator.requests().some((r) => r.operation === 'CreateProvisionedModelThroughput')) await new Promise((r) => setTimeout(r, 5));
  child.kill('SIGKILL');
  await exited;
  await new Promise((r) => setTimeout(r, 1_700));
  emulator.setLatency('CreateProvisionedModelThroughput', 0);
  const state = await loadState(project.statePath('dev'));
  expect(Object.keys(state.managed.pending)).toEqual([FRESH]);
  const bought = emulator.inventory().find((pt) => pt.provisionedModelName === 'io-fresh');
  expect(bought).toBeDefined();
  return bought!.provisionedModelArn;
}

/** A PT bought outside bedrock-pt, as the one a user would import (committed: the account's no-commitment quota is full). */
async function outsidePt(): Promise<string> {
  const out = await devBedrockClient(shared.emulator).send(
    new CreateProvisionedModelThroughputCommand({ provisionedModelName: 'io-outside', modelId: HAIKU_PT, modelUnits: 1, commitmentDuration: 'OneMonth' }),
  );
  return out.provisionedModelArn!;
}

describe('import into an address with an interrupted create', () => {
  it('is refused, saying how to resolve the create first; then apply records the bought PT and nothing is deleted', async () => {
    const boughtArn = await interruptedCreate();
    const outside = await outsidePt();
    const before = stateText();
    shared.emulator.resetRequests();

    const imported = await run('import', FRESH, outside);
    expect(imported.code).toBe(1);
    expect(imported.stderr).toContain(`Error: dev/${FRESH} has an interrupted create of "io-fresh"`);
    expect(imported.stderr).toContain('`bedrock-pt apply --stack dev` records its PT or re-sends it with the same token');
    expect(stateText()).toBe(before);

    // The way out it names, as printed.
    const applied = await run('apply', '--auto-approve');
    expect(applied.code).toBe(0);
    const state = await loadState(project.statePath('dev'));
    expect(state.managed.pts[FRESH].arn).toBe(boughtArn);
    expect(state.managed.pending).toEqual({});
    expect(state.managed.deposed).toEqual({});
    expect(mutatingCalls(shared.emulator)).toEqual([]);
    expect(shared.emulator.inventory().map((pt) => pt.provisionedModelArn)).toContain(outside);
  }, 60_000);
});

describe('a state where an interrupted create and another PT share one address', () => {
  it('blocks the plan naming both PTs, writes nothing, deposes and deletes nothing; the printed way out keeps the one chosen', async () => {
    const boughtArn = await interruptedCreate();
    const outside = await outsidePt();
    // What an import accepted over the pending create left (older versions did accept it).
    const session = await openStateSession(project.statePath('dev'), { stack: 'dev', operation: 'test' });
    const keep = session.managed.pts[`${PT}.keep`];
    await session.update((m) => (m.pts[FRESH] = { ...keep, address: FRESH, arn: outside, name: 'io-outside' }));
    await session.release();
    const before = stateText();
    shared.emulator.resetRequests();

    const plan = await run('plan');
    expect(plan.code).toBe(1);
    expect(plan.stderr).toContain(`An interrupted create of "io-fresh"`);
    expect(plan.stderr).toContain(
      `${FRESH} also tracks ${outside} ("io-outside"), which that create does not replace; ${boughtArn} (named "io-fresh") may be its PT`,
    );
    expect(plan.stdout + plan.stderr).not.toContain('its delete is still owed');
    expect(stateText()).toBe(before);

    const apply = await run('apply', '--auto-approve');
    expect(apply.code).toBe(1);
    expect(stateText()).toBe(before);
    expect(mutatingCalls(shared.emulator)).toEqual([]);

    // Keep the PT the interrupted create bought: the printed state rm, then import of that ARN.
    const rm = /`bedrock-pt (state rm [^`]+)`/.exec(plan.stderr)![1].split(/\s+/);
    expect((await cli([...rm, '--synth-dir', project.synthDir], { cwd: project.dir, env: project.env })).code).toBe(0);
    expect((await run('import', FRESH, boughtArn)).code).toBe(0);
    const clean = await run('plan', '--detailed-exitcode');
    expect(clean.code).toBe(0);
    expect(mutatingCalls(shared.emulator)).toEqual([]);
    expect(
      shared.emulator
        .inventory()
        .map((pt) => pt.provisionedModelName)
        .sort(),
    ).toEqual(['io-fresh', 'io-keep', 'io-outside']);
  }, 60_000);
});

describe('a plan after an interrupted create whose PT was bought', () => {
  it('shows the PT recovered and writes nothing; apply records it and buys nothing', async () => {
    const boughtArn = await interruptedCreate();
    const before = stateText();
    shared.emulator.resetRequests();

    const plan = await run('plan');
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain(`dev/${FRESH}: an interrupted create had succeeded; apply records its PT in state (a plan writes nothing).`);
    expect(stateText()).toBe(before);

    const applied = await run('apply', '--auto-approve');
    expect(applied.code).toBe(0);
    expect((await loadState(project.statePath('dev'))).managed.pts[FRESH].arn).toBe(boughtArn);
    expect(mutatingCalls(shared.emulator)).toEqual([]);
  }, 60_000);
});
