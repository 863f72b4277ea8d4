/** A pending create keeps where it was sent across a state write and read. */
import { loadState, openStateSession } from '../../src/engine/state';
import { PT, copyFixture, pendingCreate, readJson } from './state-helpers';

describe('pending create scope in state', () => {
  it('writes and reads back the account and region a create was sent to', async () => {
    const file = copyFixture('terraform-written.tfstate');
    const intent = pendingCreate({ account: '111111111111', region: 'us-west-2' });
    const session = await openStateSession(file, { stack: 'dev', operation: 'apply' });
    await session.update((m) => {
      m.pending[intent.address] = intent;
    });
    await session.release();
    expect(readJson(file).bedrock_pt.pending_creates[0]).toMatchObject({ account: '111111111111', region: 'us-west-2' });
    expect((await loadState(file)).managed.pending[`${PT}.batch`]).toEqual(intent);
  });
});
