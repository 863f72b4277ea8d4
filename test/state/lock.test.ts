import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BedrockPtError } from '../../src/engine/errors';
import { acquireLock, forceUnlock, lockPathFor, readLockInfo } from '../../src/engine/state';
import { tempDir } from './state-helpers';

const statePath = () => path.join(tempDir(), 'terraform.dev.tfstate');

async function errorOf(promise: Promise<unknown>): Promise<BedrockPtError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BedrockPtError);
  return error as BedrockPtError;
}

describe('state lock', () => {
  it('records who holds it and removes it on release', async () => {
    const file = statePath();
    const lock = await acquireLock(file, { operation: 'apply', stack: 'dev' });
    const info = await readLockInfo(lockPathFor(file));
    expect(info).toMatchObject({ ID: lock.id, Operation: 'apply', Path: file, PID: process.pid, Info: 'dev' });
    expect(info!.Who).toMatch(/.+@.+/);
    expect(Date.parse(info!.Created)).not.toBeNaN();
    expect(path.basename(lockPathFor(file))).toBe('.terraform.dev.tfstate.lock.info');
    await lock.release();
    expect(fs.existsSync(lockPathFor(file))).toBe(false);
    // As Terraform leaves it: the state file it locked, empty (no state).
    expect(fs.readdirSync(path.dirname(file))).toEqual(['terraform.dev.tfstate']);
    expect(fs.readFileSync(file, 'utf8')).toBe('');
  });

  it('refuses a second holder while it runs, naming the first and saying to wait for it', async () => {
    const file = statePath();
    const first = await acquireLock(file, { operation: 'apply', stack: 'dev' });
    const error = await errorOf(acquireLock(file, { operation: 'plan', stack: 'dev' }));
    expect(error.kind).toBe('lock');
    expect(error.message).toBe(
      `state for stack dev is locked by ${first.info.Who} since ${first.info.Created} (operation apply, lock ID ${first.id}); ` +
        'that run is still going (it holds the lock on the state file): wait for it to finish (--lock-timeout waits for it)',
    );
    await first.release();
  });

  /**
   * Leaves what a run killed with -9 leaves: its lock record (same host unless `who` says
   * otherwise, a PID that no longer runs) and no fcntl lock, which died with its process.
   */
  async function deadLock(file: string, who?: string): Promise<{ ID: string; PID: number }> {
    const lock = await acquireLock(file, { operation: 'apply', stack: 'dev' });
    const info = { ...JSON.parse(fs.readFileSync(lockPathFor(file), 'utf8')), PID: 2 ** 22 + 12345, ...(who ? { Who: who } : {}) };
    await lock.release();
    fs.writeFileSync(lockPathFor(file), JSON.stringify(info));
    expect(lock.id).toBe(info.ID);
    return info;
  }

  it('takes over the lock of a process on this host that has exited, and says so', async () => {
    const file = statePath();
    const dead = await deadLock(file);
    const notes: string[] = [];
    const lock = await acquireLock(file, { operation: 'plan', stack: 'dev', onTakeover: (n) => notes.push(n) });
    expect(notes).toEqual([
      expect.stringMatching(
        new RegExp(`^Note: took over the lock of stack dev \\(lock ID ${dead.ID}, operation apply since .*\\) held by process ${dead.PID}, which has exited$`),
      ),
    ]);
    expect(await readLockInfo(lockPathFor(file))).toMatchObject({ ID: lock.id, PID: process.pid, Operation: 'plan' });
    await lock.release();
    expect(fs.readdirSync(path.dirname(file))).toEqual(['terraform.dev.tfstate']);
  });

  it('keeps refusing a dead holder on another host, saying nothing of its process', async () => {
    const file = statePath();
    const dead = await deadLock(file, 'ana@build-7');
    const notes: string[] = [];
    const error = await errorOf(acquireLock(file, { operation: 'apply', stack: 'dev', onTakeover: (n) => notes.push(n) }));
    expect(error.message).toMatch(/locked by ana@build-7 since .*; if that run is gone, run: bedrock-pt force-unlock --stack dev /);
    expect(error.message).not.toContain('has exited');
    expect(notes).toEqual([]);
    await forceUnlock(file, dead.ID);
  });

  it('lets exactly one of many runs that find the same dead lock take it over', async () => {
    const file = statePath();
    await deadLock(file);
    const notes: string[] = [];
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) => acquireLock(file, { operation: `apply-${i}`, stack: 'dev', onTakeover: (n) => notes.push(n) })),
    );
    const won = results.filter((r): r is PromiseFulfilledResult<Awaited<ReturnType<typeof acquireLock>>> => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    expect(notes).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected').every((r) => (r as PromiseRejectedResult).reason.kind === 'lock')).toBe(true);
    expect((await readLockInfo(lockPathFor(file)))!.ID).toBe(won[0].value.id);
    await won[0].value.release();
    expect(fs.readdirSync(path.dirname(file))).toEqual(['terraform.dev.tfstate']);
  });

  it('lets exactly one of many concurrent acquires win', async () => {
    const file = statePath();
    const results = await Promise.allSettled(Array.from({ length: 12 }, (_, i) => acquireLock(file, { operation: `apply-${i}`, stack: 'dev' })));
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost.every((r) => r.reason instanceof BedrockPtError && r.reason.kind === 'lock')).toBe(true);
    const winner = (won[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof acquireLock>>>).value;
    expect((await readLockInfo(lockPathFor(file)))!.ID).toBe(winner.id);
    await winner.release();
    expect(fs.readdirSync(path.dirname(file))).toEqual(['terraform.dev.tfstate']);
  });

  it('force-unlocks a record left by a run that is gone, only with its ID', async () => {
    const file = statePath();
    const dead = await deadLock(file, 'ana@build-7');
    const wrong = await errorOf(forceUnlock(file, 'not-the-id'));
    expect(wrong.kind).toBe('lock');
    expect(wrong.message).toMatch(/lock ID mismatch: .* has ID .*, not not-the-id; nothing was unlocked/);
    expect(fs.existsSync(lockPathFor(file))).toBe(true);

    await forceUnlock(file, dead.ID);
    expect(fs.existsSync(lockPathFor(file))).toBe(false);
    const next = await acquireLock(file, { operation: 'apply', stack: 'dev' });
    await next.release();
    expect((await errorOf(forceUnlock(file, next.id))).message).toMatch(/is not locked/);
  });

  it('cannot force-unlock a lock a live run holds, and a release leaves a record that is not its own', async () => {
    const file = statePath();
    const live = await acquireLock(file, { operation: 'apply', stack: 'dev' });
    const refused = await errorOf(forceUnlock(file, live.id));
    expect(refused.message).toMatch(/is held by a running process .*; force-unlock cannot break a live lock and nothing was unlocked/);
    expect((await readLockInfo(lockPathFor(file)))!.ID).toBe(live.id);

    fs.writeFileSync(lockPathFor(file), JSON.stringify({ ...live.info, ID: 'someone-elses' }));
    await live.release();
    expect((await readLockInfo(lockPathFor(file)))!.ID).toBe('someone-elses');
  });

  it('refuses a record Terraform left from another host, naming Terraform and the way out', async () => {
    const file = statePath();
    fs.writeFileSync(
      lockPathFor(file),
      JSON.stringify({
        ID: 'tf-lock-1',
        Operation: 'OperationTypeApply',
        Who: 'bob@ci',
        Version: '1.11.4',
        Created: '2026-01-01T00:00:00Z',
        Path: file,
        Info: '',
      }),
    );
    const error = await errorOf(acquireLock(file, { operation: 'apply', stack: 'dev' }));
    expect(error.message).toMatch(
      /locked by Terraform \(bob@ci, operation OperationTypeApply, since 2026-01-01T00:00:00Z, lock ID tf-lock-1\); if that run is gone, run: bedrock-pt force-unlock --stack dev tf-lock-1$/,
    );
    expect((await readLockInfo(lockPathFor(file)))!.ID).toBe('tf-lock-1');
  });

  it('takes over a record Terraform left on this host: its fcntl lock died with it', async () => {
    const file = statePath();
    const who = `${os.userInfo().username}@${os.hostname()}`;
    fs.writeFileSync(
      lockPathFor(file),
      JSON.stringify({ ID: 'tf-killed', Operation: 'OperationTypeApply', Who: who, Version: '1.11.4', Created: '2026-01-01T00:00:00Z', Path: file, Info: '' }),
    );
    const notes: string[] = [];
    const lock = await acquireLock(file, { operation: 'plan', stack: 'dev', onTakeover: (n) => notes.push(n) });
    expect(notes).toEqual([
      `Note: took over the lock of stack dev (lock ID tf-killed, operation OperationTypeApply since 2026-01-01T00:00:00Z) left by Terraform (${who}), which has exited`,
    ]);
    await lock.release();
  });

  it("honours another process's POSIX lock on the state file (Terraform's kind), and that process is refused while bedrock-pt holds it", async () => {
    const file = statePath();
    fs.writeFileSync(file, '');
    // python3's fcntl.lockf is fcntl(F_SETLK) over the whole file, as Terraform's local backend takes it.
    const hold = `import fcntl,sys,time\nf=open(sys.argv[1],'r+')\nfcntl.lockf(f,fcntl.LOCK_EX|fcntl.LOCK_NB)\nprint('locked',flush=True)\ntime.sleep(30)\n`;
    const holder = spawn('python3', ['-c', hold, file], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      await new Promise<void>((resolve, reject) => {
        holder.stdout!.on('data', (chunk: Buffer) => String(chunk).includes('locked') && resolve());
        holder.on('exit', (code) => reject(new Error(`python3 holder exited (${code})`)));
      });
      const error = await errorOf(acquireLock(file, { operation: 'plan', stack: 'dev' }));
      expect(error.message).toMatch(
        /^state for stack dev is locked by another process \(it holds the lock on .*terraform\.dev\.tfstate and has not recorded itself/,
      );
    } finally {
      holder.kill('SIGKILL');
      await new Promise((resolve) => holder.on('exit', resolve));
    }
    const lock = await acquireLock(file, { operation: 'plan', stack: 'dev' });
    const tryLock = `import fcntl,sys\nf=open(sys.argv[1],'r+')\ntry:\n  fcntl.lockf(f,fcntl.LOCK_EX|fcntl.LOCK_NB)\n  print('got it')\nexcept OSError:\n  print('refused')\n`;
    const answer = await new Promise<string>((resolve) => {
      const child = spawn('python3', ['-c', tryLock, file], { stdio: ['ignore', 'pipe', 'inherit'] });
      let out = '';
      child.stdout!.on('data', (c: Buffer) => (out += String(c)));
      child.on('exit', () => resolve(out.trim()));
    });
    expect(answer).toBe('refused');
    await lock.release();
  });
});

describe('state lock with a timeout', () => {
  it('takes the lock once its holder releases it within the timeout', async () => {
    const file = statePath();
    const first = await acquireLock(file, { operation: 'apply', stack: 'dev' });
    setTimeout(() => void first.release(), 200);
    const second = await acquireLock(file, { operation: 'plan', stack: 'dev', timeoutMs: 3000 });
    expect((await readLockInfo(lockPathFor(file)))?.ID).toBe(second.id);
    await second.release();
  });

  it('waits for a record Terraform left from another host as well', async () => {
    const file = statePath();
    const tfLock = lockPathFor(file);
    fs.writeFileSync(tfLock, JSON.stringify({ ID: 'tf-lock', Operation: 'OperationTypeApply', Who: 'someone@elsewhere', Created: new Date().toISOString() }));
    setTimeout(() => fs.rmSync(tfLock), 200);
    const lock = await acquireLock(file, { operation: 'plan', stack: 'dev', timeoutMs: 3000 });
    await lock.release();
  });

  it("says how long it waited for Terraform's lock when it gives up", async () => {
    const file = statePath();
    fs.writeFileSync(
      lockPathFor(file),
      JSON.stringify({ ID: 'tf-lock', Operation: 'OperationTypeApply', Who: 'someone@elsewhere', Created: '2026-01-01T00:00:00Z' }),
    );
    const error = await errorOf(acquireLock(file, { operation: 'plan', stack: 'dev', timeoutMs: 250 }));
    expect(error.message).toMatch(
      /^state for stack dev is locked by Terraform \(someone@elsewhere, operation OperationTypeApply, since 2026-01-01T00:00:00Z, lock ID tf-lock\); waited \d+ms for it to be released \(--lock-timeout 250ms\); if that run is gone/,
    );
  });
});
