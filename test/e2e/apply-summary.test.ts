/**
 * The apply summary counts what was done, through the real CLI against the emulator: the
 * delete half of a replace whose create then failed is destroyed, and a PT bought but still
 * Creating when Ctrl-C stopped the run is added (still Creating), not a failed create.
 */
import type { Emulator } from '../../src/emulator';
import { loadState } from '../../src/engine/state';
import { ADDRESS, DEV, DEV_CUSTOM, SynthProject, cli, removeTempDirs, startE2eEmulator, type PtSpec } from './harness';
import { applyAndInterrupt } from './interrupt';

let emulator: Emulator;
let project: SynthProject;

beforeAll(async () => {
  emulator = await startE2eEmulator();
});
afterAll(async () => {
  await emulator.close();
  removeTempDirs();
});
beforeEach(() => {
  emulator.reset();
  project = new SynthProject(emulator.url);
});

const chat = (overrides: Partial<PtSpec> = {}): PtSpec => ({ name: 'dev-chat', model: DEV_CUSTOM, units: 1, ...overrides });

function args(...rest: string[]): string[] {
  return [...rest, '--synth-dir', project.synthDir, '--stack', 'dev'];
}

const run = (...rest: string[]) => cli(args(...rest), { cwd: project.dir, env: project.env });
const bought = () => emulator.requests().filter((r) => r.operation === 'CreateProvisionedModelThroughput' && r.mutated);

describe('apply summary', () => {
  it('reports the delete of a replace whose create was refused as destroyed', async () => {
    project.write({ dev: { pts: { support_chat: chat() } } });
    expect((await run('apply', '--auto-approve')).code).toBe(0);
    emulator.setCommittedUnitsQuota(DEV.account, DEV.region, 0);
    project.write({ dev: { pts: { support_chat: chat({ commitment: 'OneMonth' }) } } });

    const apply = await run('apply', '--auto-approve');
    expect(apply.code).toBe(1);
    expect(apply.stdout).toContain('Apply incomplete! Resources: 0 added, 0 changed, 1 destroyed; 1 failed.');
    expect(apply.stdout).toMatch(/Failed:\n {2}dev\/aws_bedrock_provisioned_model_throughput\.support_chat: .*quota/);
    // The state and the cloud agree with the summary: the old PT is gone from both, nothing new exists.
    expect(emulator.inventory(DEV.account, DEV.region)).toEqual([]);
    const state = await loadState(project.statePath('dev'));
    expect(state.managed.pts).toEqual({});
    expect(state.managed.pending).toEqual({});
  }, 60_000);

  it('counts PTs still Creating at Ctrl-C as added, and the next runs buy nothing again', async () => {
    project.write({ dev: { pts: { support_chat: chat(), second: chat({ name: 'dev-chat-2' }) } } });
    emulator.setTransitionDelays({ createMs: 60_000 });
    // Both creates answered and the waiters polling: Ctrl-C now.
    const polled = () => bought().length === 2 && emulator.requests().some((r) => r.operation === 'ListProvisionedModelThroughputs' || r.operation === 'GetProvisionedModelThroughput');
    const { code, out } = await applyAndInterrupt(project, polled);
    expect(code).toBe(1);

    expect(out).not.toContain('Failed:');
    expect(out).toContain('Apply incomplete! Resources: 2 added (2 still Creating), 0 changed, 0 destroyed.');
    expect(out).toMatch(/Still creating \(.*\):\n {2}dev\/aws_bedrock_provisioned_model_throughput\.second\n {2}dev\/aws_bedrock_provisioned_model_throughput\.support_chat\n/);
    const state = await loadState(project.statePath('dev'));
    expect(Object.keys(state.managed.pts).sort()).toEqual([`${ADDRESS.replace('support_chat', 'second')}`, ADDRESS]);

    // The next plan sees them Creating in state: nothing to buy.
    const plan = await run('plan', '--detailed-exitcode');
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain('is Creating now');
    emulator.advance(61_000);
    expect((await run('apply', '--auto-approve')).code).toBe(0);
    expect(bought()).toHaveLength(2);
    expect(emulator.inventory(DEV.account, DEV.region).map((pt) => pt.status)).toEqual(['InService', 'InService']);
  }, 60_000);
});
