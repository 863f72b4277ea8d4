/**
 * The gate a second Ctrl-C closes before exiting: state sessions write through it, so an exit
 * comes between two writes, and a write that would come after it never starts. (Its own file:
 * the gate is process-wide and stays closed.)
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadState, openStateSession } from '../../src/engine/state';
import { stateWrites } from '../../src/engine/state/write-gate';
import { PT, copyFixture, pendingCreate, readJson } from './state-helpers';

describe('state writes after the exit gate closes', () => {
  it('finish the write under way, and start no new one', async () => {
    const file = copyFixture('terraform-written.tfstate');
    const session = await openStateSession(file, { stack: 'dev', operation: 'apply' });
    let closed: Promise<string> | undefined;
    // The second Ctrl-C arrives while this write is under way.
    const underWay = session.update((m) => {
      m.pending[`${PT}.first`] = pendingCreate({ address: `${PT}.first`, name: 'dev-first' });
      closed = stateWrites.close(2_000);
    });
    let laterSettled = false;
    void session
      .update((m) => {
        m.pending[`${PT}.second`] = pendingCreate({ address: `${PT}.second`, name: 'dev-second' });
      })
      .finally(() => (laterSettled = true));
    await underWay;
    await expect(closed).resolves.toBe('settled');
    await new Promise((r) => setTimeout(r, 100));
    expect(laterSettled).toBe(false);
    expect(Object.keys((await loadState(file)).managed.pending)).toEqual([`${PT}.first`]);
    expect(readJson(file).serial).toBe(8);
    // Nothing half-written is left beside the state.
    expect(fs.readdirSync(path.dirname(file)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  }, 10_000);
});
