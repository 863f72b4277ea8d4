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

  it('says when the holding process on this host has exited', async () => {
    const file = statePath();
    const lock = await acquireLock(file, { operation: 'apply', stack: 'dev' });
    const info = JSON.parse(fs.readFileSync(lockPathFor(file), 'utf8'));
    fs.writeFileSync(lockPathFor(file), JSON.stringify({ ...info, PID: 2 ** 22 + 12345 }));
    const error = await errorOf(acquireLock(file, { operation: 'apply', stack: 'dev' }));
    expect(error.message).toContain(`its process ${2 ** 22 + 12345} on this host has exited`);
    await forceUnlock(file, lock.id);
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
