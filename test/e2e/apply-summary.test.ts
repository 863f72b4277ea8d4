/**
 * The apply summary counts what was done, through the real CLI against the emulator: the
 * delete half of a replace whose create then failed is destroyed, and a PT bought but still
 * Creating when Ctrl-C stopped the run is added (still Creating), not a failed create.
 */
import { loadState } from '../../src/engine/state';
import { ADDRESS, DEV, DEV_CUSTOM, type PtSpec } from './harness';
import { devCliPerTest } from './dev-cli';

const dev = devCliPerTest();
const { run } = dev;

const chat = (overrides: Partial<PtSpec> = {}): PtSpec => ({ name: 'dev-chat', model: DEV_CUSTOM, units: 1, ...overrides });

const bought = () => dev.emulator.requests().filter((r) => r.operation === 'CreateProvisionedModelThroughput' && r.mutated);

describe('apply summary', () => {
  it('reports the delete of a replace whose create was refused as destroyed', async () => {
    dev.project.write({ dev: { pts: { support_chat: chat() } } });
    expect((await run('apply', '--auto-approve')).code).toBe(0);
    dev.emulator.setCommittedUnitsQuota(DEV.account, DEV.region, 0);
    // Quotas the plan cannot read: it warns and goes on, and Bedrock refuses the create at apply.
    dev.emulator.injectFault({ operation: 'ListServiceQuotas', kind: 'access-denied', count: 10 });
    dev.project.write({ dev: { pts: { support_chat: chat({ commitment: 'OneMonth' }) } } });

    const apply = await run('apply', '--auto-approve');
    expect(apply.code).toBe(1);
    expect(apply.stdout).toContain('Apply incomplete! Resources: 0 added, 0 changed, 1 destroyed; 1 failed.');
    expect(apply.stdout).toMatch(/Failed:\n {2}dev\/aws_bedrock_provisioned_model_throughput\.support_chat: .*quota/);
    // The state and the cloud agree with the summary: the old PT is gone from both, nothing new exists.
    expect(dev.emulator.inventory(DEV.account, DEV.region)).toEqual([]);
    const state = await loadState(dev.project.statePath('dev'));
    expect(state.managed.pts).toEqual({});
    expect(state.managed.pending).toEqual({});
  }, 60_000);

  it('counts PTs still Creating at Ctrl-C as added, and the next runs buy nothing again', async () => {
    dev.project.write({ dev: { pts: { support_chat: chat(), second: chat({ name: 'dev-chat-2' }) } } });
    dev.emulator.setTransitionDelays({ createMs: 60_000 });
    // Both creates answered and the waiters polling: Ctrl-C now.
    const polled = () =>
      bought().length === 2 &&
      dev.emulator.requests().some((r) => r.operation === 'ListProvisionedModelThroughputs' || r.operation === 'GetProvisionedModelThroughput');
    const { code, out } = await dev.applyAndInterrupt(polled);
    expect(code).toBe(1);

    expect(out).not.toContain('Failed:');
    expect(out).toContain('Apply incomplete! Resources: 2 added (2 still Creating), 0 changed, 0 destroyed.');
    expect(out).toMatch(
      /Still creating \(.*\):\n {2}dev\/aws_bedrock_provisioned_model_throughput\.second\n {2}dev\/aws_bedrock_provisioned_model_throughput\.support_chat\n/,
    );
    const state = await loadState(dev.project.statePath('dev'));
    expect(Object.keys(state.managed.pts).sort()).toEqual([`${ADDRESS.replace('support_chat', 'second')}`, ADDRESS]);

    // The next plan sees them Creating in state: nothing to buy.
    const plan = await run('plan', '--detailed-exitcode');
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain('is Creating now');
    dev.emulator.advance(61_000);
    expect((await run('apply', '--auto-approve')).code).toBe(0);
    expect(bought()).toHaveLength(2);
    expect(dev.emulator.inventory(DEV.account, DEV.region).map((pt) => pt.status)).toEqual(['InService', 'InService']);
  }, 60_000);
});
