/**
 * One PT, one resource instance, and scope never means "gone" — on the Terraform door, driven by
 * the real `terraform` against the emulator. After every scenario the emulator's inventory shows
 * no PT bought twice and none deleted that a reviewed plan did not delete.
 */
import { BedrockClient, UpdateProvisionedModelThroughputCommand } from '@aws-sdk/client-bedrock';
import type { Emulator } from '../../src/emulator';
import { DEV, DEV_CUSTOM, HAIKU_PT, mutatingCalls, STAGING, startE2eEmulator } from '../e2e/harness';
import { describeWithTerraform, providerConfig, removeTempDirs, TerraformWorkspace } from './harness';

afterAll(removeTempDirs);

interface PtSpec {
  name: string;
  units?: number;
  commitment?: 'OneMonth' | 'SixMonths' | null;
  model?: string;
  /** Extra HCL inside the resource block. */
  extra?: string;
}

function ptBlock(label: string, spec: PtSpec): string {
  const commitment = spec.commitment === undefined ? 'OneMonth' : spec.commitment;
  return (
    `resource "bedrockpt_provisioned_model_throughput" "${label}" {\n` +
    `  provisioned_model_name = ${JSON.stringify(spec.name)}\n` +
    `  model_arn = "${spec.model ?? HAIKU_PT}"\n  model_units = ${spec.units ?? 1}\n` +
    (commitment ? `  commitment_duration = "${commitment}"\n` : '') +
    (spec.extra ?? '') +
    '}\n'
  );
}

describeWithTerraform('the Terraform door keeps one PT to one resource', () => {
  let emulator: Emulator;
  let ws: TerraformWorkspace;
  const inventory = () =>
    emulator
      .inventory(DEV.account, DEV.region)
      .map((p) => p.provisionedModelArn)
      .sort();
  const names = () =>
    emulator
      .inventory(DEV.account, DEV.region)
      .map((p) => p.provisionedModelName)
      .sort();
  const providerBlock = () =>
    providerConfig(`  region  = var.region\n  profile = var.profile\n  endpoints {\n    bedrock = "${emulator.url}"\n    sts     = "${emulator.url}"\n  }\n`) +
    `variable "region" {\n  default = "${DEV.region}"\n}\nvariable "profile" {\n  default = "${DEV.profile}"\n}\n`;
  const write = (...blocks: string[]) => ws.writeConfig(providerBlock() + blocks.join(''));
  const tf = (...args: string[]) => ws.terraform([...args, '-input=false', '-no-color']);
  const apply = (...args: string[]) => tf('apply', '-auto-approve', ...args);
  const stateList = async () => (await ws.terraform(['state', 'list'])).stdout.trim().split('\n').filter(Boolean);

  beforeEach(async () => {
    emulator = await startE2eEmulator();
    ws = await TerraformWorkspace.create({ emulatorUrl: emulator.url });
    write();
    expect((await tf('init')).code).toBe(0);
  }, 120_000);
  afterEach(async () => emulator?.close());

  describe("a PT outside the provider's account or region is never taken for gone", () => {
    it.each([
      ['another region', ['-var', 'region=us-west-2']],
      ['another account', ['-var', `profile=${STAGING.profile}`]],
    ])(
      'refuses plan, apply and destroy in %s, buying and deleting nothing and keeping the state',
      async (_where, vars) => {
        write(ptBlock('chat', { name: 'support-chat' }));
        expect((await apply()).code).toBe(0);
        const bought = inventory();
        emulator.resetRequests();

        const plan = await tf('plan', ...vars);
        expect(plan.code).toBe(1);
        expect(plan.stderr).toContain(`lies in account ${DEV.account}, region ${DEV.region}`);
        expect(plan.stderr).toContain('terraform state rm');
        const applied = await apply(...vars);
        expect(applied.code).toBe(1);
        const destroyed = await tf('destroy', '-auto-approve', ...vars);
        expect(destroyed.code).toBe(1);

        expect(mutatingCalls(emulator)).toEqual([]);
        expect(inventory()).toEqual(bought);
        expect(emulator.inventory(STAGING.account, 'us-west-2')).toEqual([]);
        expect(await stateList()).toEqual(['bedrockpt_provisioned_model_throughput.chat']);
      },
      180_000,
    );
  });

  it('refuses at plan two instances that would create one name (count with a constant name), buying nothing', async () => {
    write(ptBlock('chat', { name: 'support-chat', extra: '  count = 2\n' }));
    const plan = await tf('plan');
    expect(plan.code).toBe(1);
    expect(plan.stderr).toMatch(/declared|plans to create/);
    const applied = await apply();
    expect(applied.code).toBe(1);
    expect(mutatingCalls(emulator)).toEqual([]);
    expect(inventory()).toEqual([]);
  }, 180_000);

  it("refuses a blue/green swap that hands one resource's name to a new one, changing nothing", async () => {
    write(ptBlock('a', { name: 'pt-x' }));
    expect((await apply()).code).toBe(0);
    const [arn] = inventory();
    emulator.resetRequests();
    write(ptBlock('a', { name: 'pt-y' }), ptBlock('fresh', { name: 'pt-x' }));
    const plan = await tf('plan');
    expect(plan.code).toBe(1);
    expect(plan.stderr).toContain(`The name "pt-x" is already used by ${arn}`);
    expect(plan.stderr).toContain('Another resource of this configuration holds');
    expect((await apply()).code).toBe(1);
    expect(mutatingCalls(emulator)).toEqual([]);
    expect(inventory()).toEqual([arn]);
    expect(names()).toEqual(['pt-x']);
  }, 180_000);

  it("refuses a for_each key change without a moved block instead of adopting and then deleting the old key's PT", async () => {
    write(ptBlock('chat', { name: 'support-${each.key}', commitment: null, model: DEV_CUSTOM, extra: '  for_each = toset(["blue"])\n' }));
    expect((await apply()).code).toBe(0);
    const [arn] = inventory();
    emulator.resetRequests();
    // The same name under a new key: without `moved`, Terraform plans a destroy of the old key and a create of the new one.
    write(ptBlock('chat', { name: 'support-blue', commitment: null, model: DEV_CUSTOM, extra: '  for_each = toset(["green"])\n' }));
    const plan = await tf('plan');
    expect(plan.code).toBe(1);
    expect(plan.stderr).toContain(`The name "support-blue" is already used by ${arn}`);
    expect((await apply()).code).toBe(1);
    expect(mutatingCalls(emulator)).toEqual([]);
    expect(inventory()).toEqual([arn]);
  }, 180_000);

  it('refuses in a new workspace a create whose PT the default workspace tracks; destroy there deletes nothing', async () => {
    write(ptBlock('chat', { name: 'support-chat' }));
    expect((await apply()).code).toBe(0);
    const [arn] = inventory();
    expect((await ws.terraform(['workspace', 'new', '-no-color', 'feature'])).code).toBe(0);
    emulator.resetRequests();
    const plan = await tf('plan');
    expect(plan.code).toBe(1);
    expect(plan.stderr).toContain(`already used by ${arn}`);
    expect(plan.stderr).toContain('another workspace or configuration');
    expect((await apply()).code).toBe(1);
    expect((await tf('destroy', '-auto-approve')).code).toBe(0);
    expect(mutatingCalls(emulator)).toEqual([]);
    expect(inventory()).toEqual([arn]);
    expect((await ws.terraform(['workspace', 'select', '-no-color', 'default'])).code).toBe(0);
    expect(await stateList()).toEqual(['bedrockpt_provisioned_model_throughput.chat']);
  }, 180_000);

  it("refuses the next plan after `terraform import` of an ARN another resource tracks, so destroying one cannot delete the other's PT", async () => {
    write(ptBlock('a', { name: 'pt-a' }));
    expect((await apply()).code).toBe(0);
    const [arn] = inventory();
    write(ptBlock('a', { name: 'pt-a' }), ptBlock('b', { name: 'pt-a' }));
    await ws.terraform(['import', '-input=false', '-no-color', 'bedrockpt_provisioned_model_throughput.b', arn]);
    emulator.resetRequests();
    const plan = await tf('plan');
    expect(plan.code).toBe(1);
    expect(plan.stderr).toContain(`${arn} is held in Terraform's state by this resource and by another one`);
    write(ptBlock('a', { name: 'pt-a' }));
    const dropB = await apply();
    expect(dropB.code).toBe(1);
    expect(mutatingCalls(emulator)).toEqual([]);
    expect(inventory()).toEqual([arn]);
  }, 180_000);

  it('refuses a create whose name a PT outside Terraform holds, as `bedrock-pt plan` does', async () => {
    write(ptBlock('held', { name: 'held-outside' }));
    expect((await apply()).code).toBe(0);
    expect((await ws.terraform(['state', 'rm', 'bedrockpt_provisioned_model_throughput.held'])).code).toBe(0);
    write(ptBlock('mine', { name: 'held-outside' }));
    emulator.resetRequests();
    const plan = await tf('plan');
    expect(plan.code).toBe(1);
    expect(plan.stderr).toContain('terraform import');
    expect(mutatingCalls(emulator)).toEqual([]);
  }, 180_000);

  it('buys a new PT under a name an earlier PT of the same spec gave up (pt-q renamed to pt-q-old)', async () => {
    write(ptBlock('q', { name: 'pt-q' }));
    expect((await apply()).code).toBe(0);
    write(ptBlock('q', { name: 'pt-q-old' }));
    expect((await apply()).code).toBe(0);
    write(ptBlock('q', { name: 'pt-q-old' }), ptBlock('fresh', { name: 'pt-q' }));
    const applied = await apply();
    expect(applied.stderr).toBe('');
    expect(applied.code).toBe(0);
    expect(names()).toEqual(['pt-q', 'pt-q-old']);
    expect(await stateList()).toEqual(['bedrockpt_provisioned_model_throughput.fresh', 'bedrockpt_provisioned_model_throughput.q']);
  }, 180_000);

  it("refuses a saved plan applied after an outside rename with the provider's own reason, changing nothing", async () => {
    write(ptBlock('chat', { name: 'support-chat', extra: '  tags = { Team = "a" }\n' }));
    expect((await apply()).code).toBe(0);
    const [arn] = inventory();
    write(ptBlock('chat', { name: 'support-chat', extra: '  tags = { Team = "b" }\n' }));
    expect((await tf('plan', '-out=tfplan')).code).toBe(0);
    const outside = new BedrockClient({ endpoint: emulator.url, region: DEV.region, credentials: { accessKeyId: DEV.accessKeyId, secretAccessKey: 'x' } });
    await outside.send(new UpdateProvisionedModelThroughputCommand({ provisionedModelId: arn, desiredProvisionedModelName: 'renamed-outside' }));
    outside.destroy();
    emulator.resetRequests();
    const applied = await ws.terraform(['apply', '-input=false', '-no-color', 'tfplan']);
    expect(applied.code).toBe(1);
    expect(applied.stderr).toContain('changed since Terraform last read it');
    expect(applied.stderr).not.toContain('bug in the provider');
    expect(mutatingCalls(emulator)).toEqual([]);
  }, 180_000);
});
