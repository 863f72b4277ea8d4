import * as fs from 'node:fs';
import * as path from 'node:path';
import { BedrockPtError } from '../../src/engine/errors';
import { loadState, lockPathFor, openStateSession, recordImport, removeFromState } from '../../src/engine/state';
import { PT, copyFixture, managedPt, pendingCreate, readJson, tempDir } from './state-helpers';

async function errorOf(promise: Promise<unknown>): Promise<BedrockPtError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BedrockPtError);
  return error as BedrockPtError;
}

describe('state session', () => {
  it('writes each update at once under the lock and releases it at the end', async () => {
    const file = copyFixture('terraform-written.tfstate');
    const session = await openStateSession(file, { stack: 'dev', operation: 'apply' });
    expect(session.serial).toBe(7);
    expect(fs.existsSync(lockPathFor(file))).toBe(true);

    await session.update((m) => {
      m.pending[`${PT}.batch`] = pendingCreate();
    });
    expect(readJson(file).serial).toBe(8);
    expect((await loadState(file)).managed.pending[`${PT}.batch`]).toEqual(pendingCreate());

    await session.update((m) => {
      delete m.pending[`${PT}.batch`];
      m.pts[`${PT}.batch`] = managedPt({ address: `${PT}.batch`, name: 'dev-batch' });
    });
    expect(session.serial).toBe(9);
    expect(session.lineage).toBe('3f2b1c9e-6a4d-4f7e-9b1a-2c8d5e6f7a01');
    expect(session.managed.pending).toEqual({});
    expect((await loadState(file)).managed.pts[`${PT}.batch`].name).toBe('dev-batch');

    await session.release();
    expect(fs.existsSync(lockPathFor(file))).toBe(false);
  });

  it('keeps the pre-run state as a backup, like Terraform', async () => {
    const file = copyFixture('terraform-written.tfstate');
    const original = fs.readFileSync(file, 'utf8');
    const session = await openStateSession(file, { stack: 'dev', operation: 'apply' });
    await session.update((m) => void (m.pts[`${PT}.support_chat`].modelUnits = 3));
    await session.update((m) => void (m.pts[`${PT}.support_chat`].modelUnits = 4));
    await session.release();
    expect(fs.readFileSync(`${file}.backup`, 'utf8')).toBe(original);
  });

  it('applies concurrent updates one after another without losing any', async () => {
    const file = path.join(tempDir(), 'terraform.dev.tfstate');
    const session = await openStateSession(file, { stack: 'dev', operation: 'apply', region: 'us-east-1' });
    const names = ['a', 'b', 'c', 'd', 'e'];
    await Promise.all(
      names.map((n) =>
        session.update((m) => {
          m.pts[`${PT}.${n}`] = managedPt({
            address: `${PT}.${n}`,
            name: `dev-${n}`,
            arn: `arn:aws:bedrock:us-east-1:111111111111:provisioned-model/${n.repeat(12)}`,
          });
        }),
      ),
    );
    await session.release();
    const loaded = await loadState(file);
    expect(Object.keys(loaded.managed.pts).sort()).toEqual(names.map((n) => `${PT}.${n}`));
    expect(loaded.managed.serial).toBe(5);
  });

  it('does not write when an update changes nothing, and not at all when the mutator throws', async () => {
    const file = copyFixture('terraform-written.tfstate');
    const before = fs.readFileSync(file, 'utf8');
    const session = await openStateSession(file, { stack: 'dev', operation: 'apply' });
    await session.update(() => undefined);
    await expect(
      session.update(() => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    await session.release();
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
  });

  it('refuses a second session on the same state while the first is open', async () => {
    const file = copyFixture('terraform-written.tfstate');
    const first = await openStateSession(file, { stack: 'dev', operation: 'apply' });
    const error = await errorOf(openStateSession(file, { stack: 'dev', operation: 'apply' }));
    expect(error.kind).toBe('lock');
    expect(error.message).toContain(`lock ID ${first.lockId}`);
    await first.release();
  });

  it('refuses to write over a state someone else changed meanwhile', async () => {
    const file = copyFixture('terraform-written.tfstate');
    const session = await openStateSession(file, { stack: 'dev', operation: 'apply' });
    const outside = readJson(file);
    outside.serial = 8;
    fs.writeFileSync(file, JSON.stringify(outside, null, 2));
    const error = await errorOf(session.update((m) => void (m.pts[`${PT}.support_chat`].modelUnits = 2)));
    expect(error.kind).toBe('state');
    expect(error.message).toMatch(/changed outside this run \(found lineage .* serial 8, expected .* serial 7\); nothing was written/);
    expect(readJson(file)).toEqual(outside);
    await session.release();
  });

  it('releases the lock when the state cannot be read', async () => {
    const file = copyFixture('terraform-written.tfstate');
    fs.writeFileSync(file, '{not json');
    expect((await errorOf(openStateSession(file, { stack: 'dev', operation: 'apply' }))).kind).toBe('state');
    expect(fs.existsSync(lockPathFor(file))).toBe(false);
  });

  it('removes a PT from state and records an import', async () => {
    const file = copyFixture('terraform-written.tfstate');
    const session = await openStateSession(file, { stack: 'dev', operation: 'state rm' });
    const removed = await removeFromState(session, `${PT}.support_chat`);
    expect(removed.name).toBe('dev-support-chat');
    const missing = await errorOf(removeFromState(session, `${PT}.support_chat`));
    expect(missing.message).toBe(`${PT}.support_chat is not in the state (managed: none)`);

    await recordImport(session, { ...removed, address: `${PT}.imported` });
    const clash = await errorOf(recordImport(session, managedPt({ address: `${PT}.imported` })));
    expect(clash.message).toMatch(/already manages .*a1b2c3d4e5f6; run state rm first/);
    await session.release();
    const loaded = await loadState(file);
    expect(Object.keys(loaded.managed.pts)).toEqual([`${PT}.imported`]);
    expect(loaded.managed.pts[`${PT}.imported`].arn).toBe(removed.arn);
  });

  it('refuses to write after release', async () => {
    const file = copyFixture('terraform-written.tfstate');
    const session = await openStateSession(file, { stack: 'dev', operation: 'apply' });
    await session.release();
    expect((await errorOf(session.update((m) => void (m.pending = {})))).message).toMatch(/was released/);
  });
});
