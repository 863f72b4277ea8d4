/** The bedrockpt provider driven by real Terraform against the emulator: create, rename in place, refused replace. */
import type { Emulator } from '../../src/emulator';
import { DEV, HAIKU_PT, mutatingCalls, startE2eEmulator } from '../e2e/harness';
import { describeWithTerraform, providerConfig, removeTempDirs, TerraformWorkspace } from './harness';

afterAll(removeTempDirs);

describeWithTerraform('terraform plan/apply of bedrockpt_provisioned_model_throughput', () => {
  let emulator: Emulator;
  let ws: TerraformWorkspace;
  const body = () =>
    `  region  = "${DEV.region}"\n  profile = "${DEV.profile}"\n  endpoints {\n    bedrock = "${emulator.url}"\n    sts     = "${emulator.url}"\n  }\n  default_tags {\n    tags = { Project = "support-bot" }\n  }\n`;
  const resource = (name: string, units: number) =>
    `resource "bedrockpt_provisioned_model_throughput" "chat" {\n  provisioned_model_name = "${name}"\n  model_arn = "${HAIKU_PT}"\n  model_units = ${units}\n  commitment_duration = "OneMonth"\n  tags = { CostCenter = "cc-1" }\n  timeouts {\n    create = "5m"\n  }\n}\n`;

  beforeAll(async () => {
    emulator = await startE2eEmulator();
    ws = await TerraformWorkspace.create({ emulatorUrl: emulator.url });
    ws.writeConfig(providerConfig(body()) + resource('support-chat', 1));
    const init = await ws.terraform(['init', '-input=false', '-no-color']);
    expect(init.code).toBe(0);
  }, 120_000);
  afterAll(async () => emulator?.close());

  it('creates, renames in place, and refuses a replace of the committed PT at plan', async () => {
    const apply = await ws.terraform(['apply', '-auto-approve', '-input=false', '-no-color']);
    expect(apply.code).toBe(0);
    expect(emulator.inventory(DEV.account, DEV.region)).toHaveLength(1);
    const arn = emulator.inventory(DEV.account, DEV.region)[0].provisionedModelArn;

    ws.writeConfig(providerConfig(body()) + resource('support-chat-v2', 1));
    const rename = await ws.terraform(['apply', '-auto-approve', '-input=false', '-no-color']);
    expect(rename.code).toBe(0);
    expect(rename.stdout).toContain('1 changed');
    expect(emulator.inventory(DEV.account, DEV.region).map((p) => [p.provisionedModelArn, p.provisionedModelName])).toEqual([[arn, 'support-chat-v2']]);

    const again = await ws.terraform(['plan', '-input=false', '-no-color', '-detailed-exitcode']);
    expect(again.code).toBe(0);

    ws.writeConfig(providerConfig(body()) + resource('support-chat-v2', 2));
    emulator.resetRequests();
    const replace = await ws.terraform(['plan', '-input=false', '-no-color']);
    expect(replace.code).toBe(1);
    expect(replace.stderr).toContain('Cannot be replaced');
    expect(mutatingCalls(emulator)).toEqual([]);

    ws.writeConfig(providerConfig(body()));
    const destroy = await ws.terraform(['plan', '-input=false', '-no-color']);
    expect(destroy.code).toBe(1);
    expect(destroy.stderr).toContain('Cannot be destroyed');
  }, 180_000);
});
