import * as fs from 'node:fs';
import * as path from 'node:path';
import { BedrockPtError } from '../../src/engine/errors';
import { acquireLock, forceUnlock, lockPathFor, readLockInfo, terraformLockInfoPath } from '../../src/engine/state';
import { tempDir } from './state-helpers';

const statePath = () => path.join(tempDir(), 'terraform.dev.tfstate');

async function errorOf(promise: Promise<unknown>): Promise<BedrockPtError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
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
    await lock.release();
    expect(fs.existsSync(lockPathFor(file))).toBe(false);
    expect(fs.readdirSync(path.dirname(file))).toEqual([]);
  });

  it('refuses a second holder, naming the first and how to force-unlock', async () => {
    const file = statePath();
    const first = await acquireLock(file, { operation: 'apply', stack: 'dev' });
    const error = await errorOf(acquireLock(file, { operation: 'plan', stack: 'dev' }));
    expect(error.kind).toBe('lock');
    expect(error.message).toBe(
      `state for stack dev is locked by ${first.info.Who} since ${first.info.Created} (operation apply, lock ID ${first.id}); ` +
        `if that run is gone, run: bedrock-pt force-unlock --stack dev ${first.id}`,
    );
    await first.release();
  });

  /** Leaves a lock like the one of a run killed with -9: same host (unless `who` says otherwise), a PID that no longer runs. */
  async function deadLock(file: string, who?: string): Promise<{ ID: string; PID: number }> {
    const lock = await acquireLock(file, { operation: 'apply', stack: 'dev' });
    const info = { ...JSON.parse(fs.readFileSync(lockPathFor(file), 'utf8')), PID: 2 ** 22 + 12345, ...(who ? { Who: who } : {}) };
    fs.writeFileSync(lockPathFor(file), JSON.stringify(info));
    expect(lock.id).toBe(info.ID);
    return info;
  }

  it('takes over the lock of a process on this host that has exited, and says so', async () => {
    const file = statePath();
    const dead = await deadLock(file);
    const notes: string[] = [];
    const lock = await acquireLock(file, { operation: 'plan', stack: 'dev', onTakeover: (n) => notes.push(n) });
    expect(notes).toEqual([expect.stringMatching(new RegExp(`^Note: took over the lock of stack dev \\(lock ID ${dead.ID}, operation apply since .*\\) held by process ${dead.PID}, which has exited$`))]);
    expect((await readLockInfo(lockPathFor(file)))).toMatchObject({ ID: lock.id, PID: process.pid, Operation: 'plan' });
    await lock.release();
    expect(fs.readdirSync(path.dirname(file))).toEqual([]);
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
    expect(fs.readdirSync(path.dirname(file))).toEqual([]);
  });

  it('lets exactly one of many concurrent acquires win', async () => {
    const file = statePath();
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) => acquireLock(file, { operation: `apply-${i}`, stack: 'dev' })),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost.every((r) => r.reason instanceof BedrockPtError && r.reason.kind === 'lock')).toBe(true);
    const winner = (won[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof acquireLock>>>).value;
    expect((await readLockInfo(lockPathFor(file)))!.ID).toBe(winner.id);
    await winner.release();
    expect(fs.readdirSync(path.dirname(file))).toEqual([]);
  });

  it('force-unlocks only with the holder ID, and a stale release then leaves the new holder alone', async () => {
    const file = statePath();
    const stale = await acquireLock(file, { operation: 'apply', stack: 'dev' });
    const wrong = await errorOf(forceUnlock(file, 'not-the-id'));
    expect(wrong.kind).toBe('lock');
    expect(wrong.message).toMatch(/lock ID mismatch: .* has ID .*, not not-the-id; nothing was unlocked/);
    expect(fs.existsSync(lockPathFor(file))).toBe(true);

    await forceUnlock(file, stale.id);
    const next = await acquireLock(file, { operation: 'apply', stack: 'dev' });
    await stale.release();
    expect((await readLockInfo(lockPathFor(file)))!.ID).toBe(next.id);
    await next.release();
    expect((await errorOf(forceUnlock(file, next.id))).message).toMatch(/is not locked/);
  });

  it('refuses while Terraform holds its own lock on the state file', async () => {
    const file = statePath();
    fs.writeFileSync(
      terraformLockInfoPath(file),
      JSON.stringify({ ID: 'tf-lock-1', Operation: 'OperationTypeApply', Who: 'bob@ci', Version: '1.11.4', Created: '2026-01-01T00:00:00Z', Path: file }),
    );
    expect(path.basename(terraformLockInfoPath(file))).toBe('.terraform.dev.tfstate.lock.info');
    const error = await errorOf(acquireLock(file, { operation: 'apply', stack: 'dev' }));
    expect(error.message).toMatch(/locked by Terraform \(bob@ci, operation OperationTypeApply.*terraform force-unlock tf-lock-1$/);
    expect(fs.existsSync(lockPathFor(file))).toBe(false);
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

  it("waits for Terraform's own lock as well", async () => {
    const file = statePath();
    const tfLock = terraformLockInfoPath(file);
    fs.writeFileSync(tfLock, JSON.stringify({ ID: 'tf-lock', Operation: 'OperationTypeApply', Who: 'someone@elsewhere', Created: new Date().toISOString() }));
    setTimeout(() => fs.rmSync(tfLock), 200);
    const lock = await acquireLock(file, { operation: 'plan', stack: 'dev', timeoutMs: 3000 });
    await lock.release();
  });

  it("says how long it waited for Terraform's lock when it gives up", async () => {
    const file = statePath();
    fs.writeFileSync(terraformLockInfoPath(file), JSON.stringify({ ID: 'tf-lock', Operation: 'OperationTypeApply', Who: 'someone@elsewhere', Created: '2026-01-01T00:00:00Z' }));
    const error = await errorOf(acquireLock(file, { operation: 'plan', stack: 'dev', timeoutMs: 250 }));
    expect(error.message).toMatch(/^state for stack dev is locked by Terraform \(someone@elsewhere, operation OperationTypeApply, since 2026-01-01T00:00:00Z\); waited \d+ms for it to be released \(--lock-timeout 250ms\); wait for it to finish/);
  });
});
