/**
 * create_before_destroy must never delete the only PT: the old object turns deposed only once
 * its replacement is recorded, a deposed record whose ARN is current is never deleted, and a
 * deposed delete passes the same guards as any delete. Driven through the real CLI against
 * the emulator, with the state file read (and, for states today's bug left, written) by hand.
 */
import * as fs from 'node:fs';
import { loadState } from '../../src/engine/state';
import { ADDRESS, DEV, DEV_CUSTOM, operations, readJson, type PtSpec } from './harness';
import { devCliPerTest } from './dev-cli';

const dev = devCliPerTest();
const { run } = dev;

const cbd = { create_before_destroy: true };
const chat = (overrides: Partial<PtSpec> = {}): PtSpec => ({ name: 'dev-chat-a', model: DEV_CUSTOM, units: 1, lifecycle: cbd, ...overrides });

async function appliedWith(pt: PtSpec): Promise<string> {
  dev.project.write({ dev: { pts: { support_chat: pt } } });
  const first = await run('apply', '--auto-approve');
  expect(first.code).toBe(0);
  const [live] = dev.emulator.inventory(DEV.account, DEV.region);
  dev.emulator.resetRequests();
  return live.provisionedModelArn;
}

/** Rewrites the state file as today's code (or a hand edit) would have left it. */
function editState(edit: (resource: any) => void): void {
  const file = dev.project.statePath('dev');
  const doc = readJson(file);
  edit(doc.resources.find((r: any) => r.name === 'support_chat'));
  doc.serial += 1;
  fs.writeFileSync(file, JSON.stringify(doc, null, 2));
}

describe('create_before_destroy whose create is refused', () => {
  it('keeps the old PT current with no deposed record, and reverting the config plans nothing', async () => {
    const original = chat();
    const oldArn = await appliedWith(original);
    // A commitment forces the replace; the committed-units quota then leaves no room for the new PT.
    // The plan cannot read the quotas (it warns and goes on), so it is Bedrock that refuses the create.
    dev.emulator.setCommittedUnitsQuota(DEV.account, DEV.region, 0);
    dev.emulator.injectFault({ operation: 'ListServiceQuotas', kind: 'access-denied', count: 10 });
    dev.project.write({ dev: { pts: { support_chat: chat({ name: 'dev-chat-b', commitment: 'OneMonth' }) } } });

    const refused = await run('apply', '--auto-approve');
    expect(refused.code).toBe(1);
    const state = await loadState(dev.project.statePath('dev'));
    expect(state.managed.pts[ADDRESS].arn).toBe(oldArn);
    expect(state.managed.deposed).toEqual({});
    expect(refused.stdout).toMatch(/Bedrock refused CreateProvisionedModelThroughput: it exceeds the quota .*Nothing was bought/);
    expect(refused.stdout).toContain('Resources: 0 added, 0 changed, 0 destroyed; 1 failed.');

    dev.project.write({ dev: { pts: { support_chat: original } } });
    const plan = await run('plan', '--detailed-exitcode');
    expect(plan.stdout).toContain('No changes.');
    expect(plan.code).toBe(0);
    const again = await run('apply', '--auto-approve');
    expect(again.code).toBe(0);
    expect(operations(dev.emulator)).not.toContain('DeleteProvisionedModelThroughput');
    expect(dev.emulator.inventory(DEV.account, DEV.region).map((pt) => pt.provisionedModelArn)).toEqual([oldArn]);
  }, 60_000);
});

describe('create_before_destroy stopped while the new PT is Creating', () => {
  it('deposes the old PT with the new one recorded, and deletes it only once the new one is InService', async () => {
    const oldArn = await appliedWith(chat());
    dev.project.write({ dev: { pts: { support_chat: chat({ name: 'dev-chat-b', commitment: 'OneMonth' }) } } });
    dev.emulator.setTransitionDelays({ createMs: 60_000 });
    const polling = () =>
      dev.emulator.requests().some((r) => r.operation === 'CreateProvisionedModelThroughput' && r.mutated) &&
      dev.emulator.requests().some((r) => r.operation === 'ListProvisionedModelThroughputs' || r.operation === 'GetProvisionedModelThroughput');
    const { code, out } = await dev.applyAndInterrupt(polling);
    expect(code).toBe(1);

    const state = await loadState(dev.project.statePath('dev'));
    const newArn = state.managed.pts[ADDRESS].arn;
    expect(newArn).not.toBe(oldArn);
    expect(Object.keys(state.managed.deposed!)).toEqual([oldArn]);
    // While the new PT is Creating, the old one is kept.
    const waiting = await run('plan', '--detailed-exitcode');
    expect(waiting.code).toBe(0);
    expect(waiting.stdout).toContain(`The deposed object ${oldArn} is kept while its replacement ${newArn} is Creating`);
    expect(operations(dev.emulator)).not.toContain('DeleteProvisionedModelThroughput');
    expect(out).toContain('Resources: 1 added (1 still Creating), 0 changed, 0 destroyed.');

    dev.emulator.advance(61_000);
    const finish = await run('apply', '--auto-approve');
    expect(finish.code).toBe(0);
    expect(finish.stdout).toContain('Resources: 0 added, 0 changed, 1 destroyed.');
    expect(dev.emulator.inventory(DEV.account, DEV.region).map((pt) => pt.provisionedModelArn)).toEqual([newArn]);
    expect((await loadState(dev.project.statePath('dev'))).managed.deposed).toEqual({});
  }, 60_000);
});

describe('deposed records', () => {
  it('never plans a delete of a deposed record whose ARN is also the current object', async () => {
    const arn = await appliedWith(chat());
    editState((resource) => resource.instances.push({ ...resource.instances[0], deposed: '0badc0de' }));

    const plan = await run('plan', '--detailed-exitcode');
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain(`The deposed record of ${arn} is ignored: it is the current object of ${ADDRESS}`);
    const apply = await run('apply', '--auto-approve');
    expect(apply.code).toBe(0);
    expect(operations(dev.emulator)).toEqual([]);
    expect(dev.emulator.inventory(DEV.account, DEV.region).map((pt) => pt.provisionedModelArn)).toEqual([arn]);
  }, 60_000);

  it('blocks the delete of a deposed PT whose commitment has not ended, with the end date', async () => {
    const arn = await appliedWith(chat({ commitment: 'OneMonth', lifecycle: {} }));
    const [live] = dev.emulator.inventory(DEV.account, DEV.region);
    editState((resource) => (resource.instances[0].deposed = '0badc0de'));
    dev.project.write({ dev: { pts: {} } });

    const plan = await run('plan', '--detailed-exitcode');
    expect(plan.code).toBe(1);
    const end = String(live.commitmentExpirationTime).slice(0, 10);
    expect(plan.stdout + plan.stderr).toMatch(
      new RegExp(`Deposed object ${arn}: Cannot be destroyed: the OneMonth commitment of "dev-chat-a" runs until ${end}.*\\(\\d+ days? left\\)`),
    );
    const apply = await run('apply', '--auto-approve');
    expect(apply.code).toBe(1);
    expect(operations(dev.emulator)).toEqual([]);
    expect(dev.emulator.inventory(DEV.account, DEV.region)).toHaveLength(1);
  }, 60_000);

  it('blocks the delete of a deposed PT whose address is still declared with prevent_destroy', async () => {
    const arn = await appliedWith(chat({ lifecycle: {} }));
    editState((resource) => (resource.instances[0].deposed = '0badc0de'));
    dev.project.write({ dev: { pts: { support_chat: chat({ name: 'dev-chat-b', lifecycle: { prevent_destroy: true } }) } } });

    const plan = await run('plan', '--detailed-exitcode');
    expect(plan.code).toBe(1);
    expect(plan.stdout + plan.stderr).toContain(`Deposed object ${arn}: Cannot be destroyed: lifecycle.prevent_destroy is set`);
    expect((await run('apply', '--auto-approve')).code).toBe(1);
    expect(operations(dev.emulator)).toEqual([]);
  }, 60_000);
});
