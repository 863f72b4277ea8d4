/**
 * Creates that Terraform does not see through — killed, faulted, replaced — driven by the real
 * `terraform` against the emulator. Every PT bought ends in Terraform's state, or the next plan
 * refuses to buy while naming it; a replacement is never the PT it replaces.
 */
import { spawn } from 'node:child_process';
import type { Emulator } from '../../src/emulator';
import { DEV, DEV_CUSTOM, HAIKU_PT, mutatingCalls, startE2eEmulator } from '../e2e/harness';
import { describeWithTerraform, providerConfig, removeTempDirs, TERRAFORM, TerraformWorkspace } from './harness';

afterAll(removeTempDirs);

const ADDRESS = 'bedrockpt_provisioned_model_throughput.chat';

interface ChatSpec {
  name?: string;
  units?: number;
  commitment?: 'OneMonth' | null;
  model?: string;
  lifecycle?: string;
}

function chat(spec: ChatSpec = {}): string {
  const commitment = spec.commitment === undefined ? 'OneMonth' : spec.commitment;
  return (
    `resource "bedrockpt_provisioned_model_throughput" "chat" {\n  provisioned_model_name = "${spec.name ?? 'support-chat'}"\n` +
    `  model_arn = "${spec.model ?? HAIKU_PT}"\n  model_units = ${spec.units ?? 1}\n` +
    (commitment ? `  commitment_duration = "${commitment}"\n` : '') +
    (spec.lifecycle ? `  lifecycle {\n    ${spec.lifecycle}\n  }\n` : '') +
    '}\n'
  );
}

describeWithTerraform('creates Terraform does not see through', () => {
  let emulator: Emulator;
  let ws: TerraformWorkspace;
  const inventory = () => emulator.inventory(DEV.account, DEV.region);
  const arns = () =>
    inventory()
      .map((p) => p.provisionedModelArn)
      .sort();
  const creates = () => emulator.requests().filter((r) => r.operation === 'CreateProvisionedModelThroughput');
  const write = (resource: string) =>
    ws.writeConfig(
      providerConfig(
        `  region  = "${DEV.region}"\n  profile = "${DEV.profile}"\n  endpoints {\n    bedrock = "${emulator.url}"\n    sts     = "${emulator.url}"\n  }\n`,
      ) + resource,
    );
  const tf = (...args: string[]) => ws.terraform([...args, '-input=false', '-no-color']);
  const apply = (...args: string[]) => tf('apply', '-auto-approve', ...args);
  const stateArn = async () => {
    const shown = await ws.terraform(['show', '-json']);
    const resources = JSON.parse(shown.stdout).values?.root_module?.resources ?? [];
    return resources.map((r: { values: { id: string } }) => r.values.id);
  };

  /** `terraform apply` killed with SIGKILL while the create waits for InService: Terraform saves nothing. */
  async function killDuringCreate(args: string[] = []): Promise<void> {
    emulator.setTransitionDelays({ createMs: 600_000 });
    const before = creates().length;
    const child = spawn(TERRAFORM!, ['apply', '-auto-approve', '-input=false', '-no-color', ...args], { cwd: ws.work, env: ws.env, stdio: 'ignore' });
    const exited = new Promise((r) => child.on('exit', r));
    while (creates().length === before) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 500));
    child.kill('SIGKILL');
    await exited;
    emulator.setTransitionDelays({ createMs: 200 });
    emulator.advance(700_000);
  }

  beforeEach(async () => {
    emulator = await startE2eEmulator();
    ws = await TerraformWorkspace.create({ emulatorUrl: emulator.url });
    write('');
    expect((await tf('init')).code).toBe(0);
  }, 120_000);
  afterEach(async () => emulator?.close());

  it('keeps in state a PT whose Create succeeded when every read after it failed', async () => {
    write(chat());
    // The Create is held a moment, so every read can be made to fail from the instant it was sent.
    emulator.setLatency('CreateProvisionedModelThroughput', 1000);
    const applying = apply();
    while (creates().length === 0) await new Promise((r) => setTimeout(r, 10));
    for (const operation of ['GetProvisionedModelThroughput', 'ListProvisionedModelThroughputs', 'ListTagsForResource'] as const) {
      emulator.injectFault({ operation, kind: 'internal-error', count: 1000 });
    }
    const failed = await applying;
    expect(failed.code).toBe(0);
    expect(failed.stdout).toContain('could not read it back');
    expect(arns()).toHaveLength(1);
    expect(await stateArn()).toEqual(arns());
    emulator.clearFaults();
    emulator.resetRequests();
    expect((await apply()).code).toBe(0);
    expect(creates()).toEqual([]);
    expect(await stateArn()).toEqual(arns());
  }, 180_000);

  it('records the PT when the Create answer could not be read, sending the same token again', async () => {
    write(chat());
    emulator.injectFault({ operation: 'CreateProvisionedModelThroughput', kind: 'unreadable-success', count: 1 });
    expect((await apply()).code).toBe(0);
    expect(arns()).toHaveLength(1);
    expect(new Set(creates().map((r) => r.params.clientRequestToken)).size).toBe(1);
    expect(await stateArn()).toEqual(arns());
  }, 180_000);

  it('after a kill -9 during the create and a rename, refuses to buy while naming the PT, then resumes it once the configuration asks for it again', async () => {
    write(chat());
    await killDuringCreate();
    const [orphan] = arns();
    expect(await stateArn()).toEqual([]);

    write(chat({ name: 'support-chat-renamed' }));
    emulator.resetRequests();
    const refused = await tf('plan');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(orphan);
    expect(refused.stderr).toContain('terraform import');
    expect((await apply()).code).toBe(1);
    expect(mutatingCalls(emulator)).toEqual([]);

    write(chat());
    const resumed = await apply();
    expect(resumed.code).toBe(0);
    expect(arns()).toEqual([orphan]);
    expect(await stateArn()).toEqual([orphan]);
    expect((await tf('plan', '-detailed-exitcode')).code).toBe(0);
  }, 180_000);

  it('after a kill -9 during the create, lets `terraform import` settle the PT, after which other creates plan again', async () => {
    write(chat());
    await killDuringCreate();
    const [orphan] = arns();
    write(chat({ name: 'support-chat-renamed' }));
    expect((await ws.terraform(['import', '-input=false', '-no-color', ADDRESS, orphan])).code).toBe(0);
    const rename = await apply();
    expect(rename.code).toBe(0);
    expect(arns()).toEqual([orphan]);
    expect(inventory()[0].provisionedModelName).toBe('support-chat-renamed');
  }, 180_000);

  it('after a kill -9 during the create half of a replace, resumes the new PT instead of stranding it', async () => {
    write(chat({ model: DEV_CUSTOM, commitment: null }));
    expect((await apply()).code).toBe(0);
    const [old] = arns();
    // A commitment cannot be added in place: Terraform deletes the old PT, then creates the committed one.
    write(chat({ model: DEV_CUSTOM }));
    await killDuringCreate();
    const [bought] = arns();
    expect(bought).not.toBe(old);

    write(chat({ model: DEV_CUSTOM, name: 'choose-another-name' }));
    const refused = await tf('plan');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(bought);

    write(chat({ model: DEV_CUSTOM }));
    expect((await apply()).code).toBe(0);
    expect(arns()).toEqual([bought]);
    expect(await stateArn()).toEqual([bought]);
  }, 180_000);

  it('with create_before_destroy and -replace, never takes the existing PT for its replacement: nothing bought, nothing deleted', async () => {
    write(chat({ model: DEV_CUSTOM, commitment: null, lifecycle: 'create_before_destroy = true' }));
    expect((await apply()).code).toBe(0);
    const [only] = arns();
    const replaced = await apply(`-replace=${ADDRESS}`);
    expect(replaced.code).toBe(1);
    expect(replaced.stderr).toContain('create_before_destroy');
    expect(arns()).toEqual([only]);
    expect(await stateArn()).toEqual([only]);
    expect(emulator.requests().filter((r) => r.operation === 'DeleteProvisionedModelThroughput')).toEqual([]);
  }, 180_000);

  it('refuses at plan a taint that would buy a second PT under the name the tainted one holds', async () => {
    write(chat());
    expect((await apply()).code).toBe(0);
    const [only] = arns();
    expect((await ws.terraform(['taint', '-no-color', ADDRESS])).code).toBe(0);
    emulator.resetRequests();
    const plan = await tf('plan');
    expect(plan.code).toBe(1);
    expect(plan.stderr).toContain('terraform untaint');
    expect((await apply()).code).toBe(1);
    expect(mutatingCalls(emulator)).toEqual([]);
    expect(arns()).toEqual([only]);
  }, 180_000);

  it('refuses at plan -replace of a PT whose commitment has not ended, and replaces one without commitment', async () => {
    write(chat());
    expect((await apply()).code).toBe(0);
    emulator.resetRequests();
    const committed = await tf('plan', `-replace=${ADDRESS}`);
    expect(committed.code).toBe(1);
    expect(committed.stderr).toContain('Cannot be replaced');
    expect(mutatingCalls(emulator)).toEqual([]);

    write(chat({ name: 'no-commitment', model: DEV_CUSTOM, commitment: null }));
    const [committedArn] = arns();
    // The committed PT leaves the configuration and state, kept running; a PT without commitment takes its place.
    expect((await ws.terraform(['state', 'rm', ADDRESS])).code).toBe(0);
    expect((await apply()).code).toBe(0);
    const [, uncommitted] = [committedArn, ...arns().filter((a) => a !== committedArn)];
    const replaced = await apply(`-replace=${ADDRESS}`);
    expect(replaced.code).toBe(0);
    expect(arns()).toHaveLength(2);
    expect(arns()).not.toContain(uncommitted);
  }, 180_000);
});
