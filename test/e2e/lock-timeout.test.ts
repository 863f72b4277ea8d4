/**
 * `--lock-timeout` (Terraform's `-lock-timeout`): wait for a lock another live run holds, then
 * either go on or fail with the existing "locked by" error saying how long it waited.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { ADDRESS, DEV_CUSTOM, ROOT, cli, emulatorPerFile } from './harness';

const shared = emulatorPerFile();
const HOLDER = path.join(ROOT, 'dist/test/e2e/hold-lock.js');
const holders: ChildProcess[] = [];

/** Another process takes the dev stack's lock; resolves once it holds it, and again (`released`) when it lets go. */
function holdLock(holdMs: number): Promise<{ released: Promise<number> }> {
  const child = spawn(process.execPath, [HOLDER, shared.project.statePath('dev'), 'dev', String(holdMs)], { stdio: ['ignore', 'pipe', 'inherit'] });
  holders.push(child);
  const released = new Promise<number>((resolve) => child.on('exit', () => resolve(Date.now())));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      if (String(chunk).includes('locked')) resolve({ released });
    });
    child.on('exit', (code) => reject(new Error(`lock holder exited (${code}) before taking the lock`)));
  });
}

afterEach(() => {
  for (const child of holders.splice(0)) if (child.exitCode === null) child.kill();
});

beforeEach(() => {
  shared.project.write({ dev: { pts: { support_chat: { name: 'dev-support-chat', model: DEV_CUSTOM, units: 1 } } } });
});

async function timed(args: string[]) {
  const started = Date.now();
  const result = await cli(args, { cwd: shared.project.dir, env: shared.project.env });
  return { ...result, finished: Date.now(), elapsedMs: Date.now() - started };
}

const plan = (...extra: string[]) => timed(['plan', '--stack', 'dev', '--synth-dir', shared.project.synthDir, ...extra]);

describe('--lock-timeout', () => {
  it('waits for a lock another run releases after a second, then plans', async () => {
    const { released } = await holdLock(1000);
    const result = await plan('--lock-timeout', '5s');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('1 to add');
    expect(result.finished).toBeGreaterThanOrEqual(await released);
  });

  it('without it, fails at once while another run holds the lock', async () => {
    await holdLock(5000);
    const result = await plan();
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^Error: state for stack dev is locked by .+ \(operation apply, lock ID [0-9a-f-]+\); that run is still going \(it holds the lock on the state file\): wait for it to finish \(--lock-timeout waits for it\)\n$/,
    );
    expect(result.stderr).not.toContain('waited');
    expect(result.elapsedMs).toBeLessThan(4000);
    expect(shared.emulator.requests()).toEqual([]);
  });

  it('gives up after the duration and says how long it waited', async () => {
    await holdLock(10_000);
    const result = await plan('--lock-timeout', '300ms');
    expect(result.code).toBe(1);
    expect(result.elapsedMs).toBeGreaterThanOrEqual(300);
    expect(result.stderr).toMatch(/is locked by .+; waited \d+ms for it to be released \(--lock-timeout 300ms\); that run is still going/);
    expect(Number(/waited (\d+)ms/.exec(result.stderr)![1])).toBeGreaterThanOrEqual(300);
    expect(shared.emulator.requests()).toEqual([]);
  });

  it("reads Terraform's spelling -lock-timeout=5s", async () => {
    await holdLock(1000);
    const result = await plan('-lock-timeout=5s');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('1 to add');
  });

  it('waits in state rm too', async () => {
    const applied = await timed(['apply', '--stack', 'dev', '--synth-dir', shared.project.synthDir, '--auto-approve']);
    expect(applied.code).toBe(0);
    const { released } = await holdLock(1000);
    const result = await timed(['state', 'rm', ADDRESS, '--stack', 'dev', '--synth-dir', shared.project.synthDir, '--lock-timeout', '5s']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Removed dev/${ADDRESS}`);
    expect(result.finished).toBeGreaterThanOrEqual(await released);
  });

  it('waits in an apply of a saved plan too', async () => {
    const planFile = path.join(shared.project.dir, 'dev.tfplan');
    expect((await plan('--out', planFile)).code).toBe(0);
    const { released } = await holdLock(1000);
    const result = await timed(['apply', planFile, '--lock-timeout', '5s']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('1 added');
    expect(result.finished).toBeGreaterThanOrEqual(await released);
  });

  it.each(['5', '10x', '-1s', '1m30', ''])('refuses the duration %j as a usage error before reading anything', async (duration) => {
    const result = await plan('--lock-timeout', duration);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `Error: --lock-timeout must be a duration such as 500ms, 10s, 1m or 1m30s (as Terraform reads it), got ${JSON.stringify(duration)}\n`,
    );
    expect(shared.emulator.requests()).toEqual([]);
  });
});
