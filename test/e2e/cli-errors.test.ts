/**
 * Bad input stops the CLI with one line on stderr that says what is wrong, exit code 1,
 * and nothing written: no state, no plan, no lock left behind, no call that changes anything.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Emulator } from '../../src/emulator';
import { lockPathFor } from '../../src/engine/state';
import { ADDRESS, DEV_CUSTOM, SynthProject, cli, filesUnder, mutatingCalls, type CliResult, e2eContext } from './harness';
import { expectNoRepeatedLocation } from './no-repeated-location';

let emulator: Emulator;
let project: SynthProject;

const shared = e2eContext();
beforeEach(() => ({ emulator, project } = shared));
beforeEach(() => {
  project.write({ dev: { pts: { support_chat: { name: 'dev-support-chat', model: DEV_CUSTOM, units: 1 } } } });
});

const run = (args: string[]) => cli(args, { cwd: project.dir, env: project.env });

/** Runs the CLI expecting a one-line error matching `cause`, and checks nothing was written or changed. */
async function expectOneLineError(args: string[], cause: RegExp): Promise<CliResult> {
  const before = filesUnder(project.dir);
  const result = await run(args);
  expect(result.stderr).toMatch(/^Error: [^\n]+\n$/);
  expect(result.stderr).toMatch(cause);
  expectNoRepeatedLocation(result.stderr);
  expect(result.code).toBe(1);
  expect(filesUnder(project.dir)).toEqual(before);
  expect(fs.existsSync(path.join(project.dir, 'plan.json'))).toBe(false);
  expect(mutatingCalls(emulator)).toEqual([]);
  return result;
}

const plan = (...extra: string[]) => ['plan', '--all', '--synth-dir', project.synthDir, '--out', 'plan.json', ...extra];

describe('bad input', () => {
  it('reports malformed synth output (bad JSON in cdk.tf.json) in one line', async () => {
    fs.writeFileSync(path.join(project.synthDir, 'stacks/dev/cdk.tf.json'), '{"resource": {');
    await expectOneLineError(plan(), /cdk\.tf\.json/);
    expect(fs.existsSync(project.statePath('dev'))).toBe(false);
  });

  it('names an unknown stack and the stacks the app has', async () => {
    await expectOneLineError(['plan', '--stack', 'qa', '--synth-dir', project.synthDir, '--out', 'plan.json'], /unknown stack qa; the app has: dev/);
  });

  it('refuses a corrupt state file and leaves it as it was', async () => {
    fs.writeFileSync(project.statePath('dev'), '{"version": 4, "lineage": ');
    await expectOneLineError(plan(), /terraform\.dev\.tfstate is not valid JSON/);
  });

  it('refuses a state file written in a future format version', async () => {
    fs.writeFileSync(
      project.statePath('dev'),
      JSON.stringify({ version: 5, terraform_version: '1.11.4', serial: 1, lineage: 'b3d99730-557a-4e95-959b-995dae03de94', resources: [] }),
    );
    await expectOneLineError(plan(), /uses state format version 5, newer than bedrock-pt reads \(4\)/);
  });

  it('refuses to run while another run holds the state lock, naming the holder', async () => {
    const lock = {
      ID: '2b6a1c57-0000-4000-8000-000000000001',
      Operation: 'apply',
      Who: 'ana@build-7',
      Version: 'bedrock-pt 0.1.0',
      Created: '2025-01-15T10:00:00.000Z',
      Path: project.statePath('dev'),
      PID: 999999,
      Info: 'dev',
    };
    fs.writeFileSync(lockPathFor(project.statePath('dev')), JSON.stringify(lock));
    await expectOneLineError(
      plan(),
      /state for stack dev is locked by ana@build-7 since 2025-01-15T10:00:00\.000Z \(operation apply, lock ID 2b6a1c57-0000-4000-8000-000000000001/,
    );
  });

  it.each([['0'], ['-2'], ['1.5'], ['many']])('rejects --parallelism %s for plan and apply', async (value) => {
    await expectOneLineError(plan('--parallelism', value), new RegExp(`--parallelism must be a positive integer, got "${value.replace('.', '\\.')}"`));
    await expectOneLineError(
      ['apply', '--all', '--synth-dir', project.synthDir, '--auto-approve', '--parallelism', value],
      /--parallelism must be a positive integer/,
    );
    expect(fs.existsSync(project.statePath('dev'))).toBe(false);
  });

  it('refuses --skip-config-check without a saved plan, since apply then plans from the config itself', async () => {
    await expectOneLineError(
      ['apply', '--all', '--synth-dir', project.synthDir, '--auto-approve', '--skip-config-check'],
      /--skip-config-check applies only to a saved plan \(apply PLANFILE\)/,
    );
  });

  it('reports an unreadable plan file for apply without touching state', async () => {
    fs.writeFileSync(path.join(project.dir, 'not-a-plan.json'), '{"format": "something-else"}');
    await expectOneLineError(['apply', 'not-a-plan.json'], /is not a bedrock-pt saved plan/);
  });
});

describe('--help', () => {
  it.each([
    [['plan'], /Show what apply would do/],
    [['apply'], /Carry out a plan/],
    [['show'], /Render a saved plan/],
    [['state', 'list'], /List the Provisioned Throughputs/],
    [['state', 'rm'], /Stop managing a PT/],
    [['import'], /Adopt an existing PT/],
    [['force-unlock'], /Remove a stale state lock/],
  ])('explains %s and exits 0', async (command, description) => {
    const result = await run([...command, '--help']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(new RegExp(`^Usage: bedrock-pt ${command.join(' ')}`));
    expect(result.stdout).toMatch(description);
    expect(result.stdout).toContain('Options:');
  });

  it('lists every command at the top level', async () => {
    const result = await run(['--help']);
    expect(result.code).toBe(0);
    for (const command of ['plan', 'apply', 'show', 'state', 'import', 'force-unlock']) expect(result.stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
  });
});

it('refuses to import a non-PT address or a PT that does not exist', async () => {
  await expectOneLineError(
    ['import', '--stack', 'dev', '--synth-dir', project.synthDir, 'aws_s3_bucket.logs', 'x'],
    /is not an address of a Provisioned Throughput/,
  );
  await expectOneLineError(
    ['import', '--stack', 'dev', '--synth-dir', project.synthDir, ADDRESS, 'no-such-pt'],
    /no Provisioned Throughput no-such-pt in us-east-1 for stack dev/,
  );
});
