/**
 * The state session never lets a replaced PT fall out of the state: the write that records a
 * create_before_destroy's new ARN at an address keeps the old object as deposed, whichever code
 * path makes it; and nothing becomes deposed that no create_before_destroy replaced.
 */
import { loadState, openStateSession } from '../../src/engine/state';
import { resolvePendingCreates } from '../../src/engine/apply/recover';
import type { LivePt } from '../../src/engine/model';
import { PT, copyFixture, managedPt, pendingCreate, readJson } from './state-helpers';

const ADDRESS = `${PT}.support_chat`;
const OLD = 'arn:aws:bedrock:us-east-1:111111111111:provisioned-model/oldoldoldold';
const NEW = 'arn:aws:bedrock:us-east-1:111111111111:provisioned-model/newnewnewnew';

async function sessionWithCurrent() {
  const file = copyFixture('terraform-written.tfstate');
  const session = await openStateSession(file, { stack: 'dev', operation: 'apply' });
  // The fixture's own PT is deleted first (a plain delete), so only OLD is current.
  await session.update((m) => {
    m.pts = {};
  });
  await session.update((m) => {
    m.pts = { [ADDRESS]: managedPt({ arn: OLD }) };
  });
  return { file, session };
}

describe('replaced objects in the state', () => {
  it('deposes the old PT in the same write that records its create_before_destroy replacement', async () => {
    const { file, session } = await sessionWithCurrent();
    await session.update((m) => {
      m.pending[ADDRESS] = pendingCreate({ address: ADDRESS, name: 'dev-support-chat-b', replaces: OLD });
    });
    const serial = session.serial;
    await session.update((m) => {
      delete m.pending[ADDRESS];
      m.pts[ADDRESS] = managedPt({ arn: NEW, name: 'dev-support-chat-b' });
    });
    expect(session.serial).toBe(serial + 1);
    await session.release();
    const { managed } = await loadState(file);
    expect(managed.pts[ADDRESS].arn).toBe(NEW);
    expect(Object.keys(managed.deposed!)).toEqual([OLD]);
    expect(managed.deposed![OLD]).toMatchObject({ address: ADDRESS, name: 'dev-support-chat' });
  });

  it('keeps the old PT deposed when a crashed create_before_destroy create is resolved by name', async () => {
    const { file, session } = await sessionWithCurrent();
    await session.update((m) => {
      m.pending[ADDRESS] = pendingCreate({ address: ADDRESS, name: 'dev-support-chat-b', replaces: OLD });
    });
    const intent = session.managed.pending[ADDRESS];
    const model = `arn:aws:bedrock:us-east-1::foundation-model/${intent.model}`;
    const created: LivePt = {
      arn: NEW,
      name: intent.name,
      modelArn: model,
      desiredModelArn: model,
      foundationModelArn: model,
      modelUnits: intent.modelUnits,
      desiredModelUnits: intent.modelUnits,
      status: 'Creating',
      commitment: intent.commitment,
      creationTime: intent.startedAt,
      lastModifiedTime: intent.startedAt,
      tags: intent.tagsAll,
    };
    const recovery = await resolvePendingCreates(session, { [NEW]: created }, '111111111111', 'us-east-1');
    expect(recovery.recorded).toEqual([ADDRESS]);
    await session.release();
    const { managed } = await loadState(file);
    expect(managed.pts[ADDRESS].arn).toBe(NEW);
    expect(Object.keys(managed.deposed!)).toEqual([OLD]);
  });

  it('refuses a write that would put a new ARN over a current PT that no create_before_destroy replaces', async () => {
    const { file, session } = await sessionWithCurrent();
    // A plain create's intent at the address (an import after an interrupted create left both).
    await session.update((m) => {
      m.pending[ADDRESS] = pendingCreate({ address: ADDRESS, name: 'dev-support-chat-b' });
    });
    const serial = session.serial;
    const refused = await session
      .update((m) => {
        delete m.pending[ADDRESS];
        m.pts[ADDRESS] = managedPt({ arn: NEW, name: 'dev-support-chat-b' });
      })
      .then(
        () => undefined,
        (e: Error) => e,
      );
    expect(refused?.message).toBe(`${ADDRESS}: a state write would record ${NEW} over ${OLD}, which no create_before_destroy replaced; nothing was written`);
    expect(session.serial).toBe(serial);
    await session.release();
    const { managed } = await loadState(file);
    expect(managed.pts[ADDRESS].arn).toBe(OLD);
    expect(managed.deposed).toEqual({});
    expect(Object.keys(managed.pending)).toEqual([ADDRESS]);
  });

  it('deposes nothing when a record is removed (a confirmed delete)', async () => {
    const { file, session } = await sessionWithCurrent();
    await session.update((m) => delete m.pts[ADDRESS]);
    await session.release();
    const { managed } = await loadState(file);
    expect(managed.pts).toEqual({});
    expect(managed.deposed).toEqual({});
  });

  it('drops a deposed record whose ARN is the current object at the next write', async () => {
    const { file, session } = await sessionWithCurrent();
    await session.update((m) => {
      m.deposed = { [OLD]: managedPt({ arn: OLD }) };
    });
    await session.release();
    const resource = readJson(file).resources.find((r: any) => r.name === 'support_chat');
    expect(resource.instances.map((i: any) => [i.attributes.provisioned_model_arn, i.deposed])).toEqual([[OLD, undefined]]);
  });
});
