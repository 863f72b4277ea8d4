/**
 * A foundation model's ID and its ARN name the same model. After `terraform import` (by name or
 * by ARN), a configuration that writes the model either way plans no change — no `~ model_arn`
 * from one spelling to the other. Real terraform, emulator.
 */
import { CreateProvisionedModelThroughputCommand } from '@aws-sdk/client-bedrock';
import type { Emulator } from '../../src/emulator';
import { DEV, devBedrockClient, HAIKU_PT, mutatingCalls, startE2eEmulator } from '../e2e/harness';
import { describeWithTerraform, providerConfig, removeTempDirs, TerraformWorkspace } from './harness';

afterAll(removeTempDirs);

const HAIKU_ARN = `arn:aws:bedrock:${DEV.region}::foundation-model/${HAIKU_PT}`;

describeWithTerraform('terraform import of a PT whose config names its model by ID or by ARN', () => {
  let emulator: Emulator;
  let ws: TerraformWorkspace;
  const provider = () =>
    providerConfig(
      `  region  = "${DEV.region}"\n  profile = "${DEV.profile}"\n  endpoints {\n    bedrock = "${emulator.url}"\n    sts     = "${emulator.url}"\n  }\n`,
    );
  const resource = (model: string) =>
    `resource "bedrockpt_provisioned_model_throughput" "chat" {\n  provisioned_model_name = "imported-chat"\n  model_arn = "${model}"\n  model_units = 1\n  commitment_duration = "OneMonth"\n}\n`;

  beforeAll(async () => {
    emulator = await startE2eEmulator();
    ws = await TerraformWorkspace.create({ emulatorUrl: emulator.url });
    ws.writeConfig(provider());
    expect((await ws.terraform(['init', '-input=false', '-no-color'])).code).toBe(0);
  }, 120_000);
  afterAll(async () => emulator?.close());

  describe.each([
    ['the ID', HAIKU_PT],
    ['the ARN', HAIKU_ARN],
  ])('config with %s', (_how, model) => {
    let arn: string;
    beforeAll(async () => {
      emulator.reset();
      await ws.terraform(['state', 'rm', '-no-color', 'bedrockpt_provisioned_model_throughput.chat']);
      const bedrock = devBedrockClient(emulator);
      const created = await bedrock.send(
        new CreateProvisionedModelThroughputCommand({
          provisionedModelName: 'imported-chat',
          modelId: HAIKU_PT,
          modelUnits: 1,
          commitmentDuration: 'OneMonth',
        }),
      );
      bedrock.destroy();
      arn = created.provisionedModelArn!;
    });

    it.each([
      ['by name', () => 'imported-chat'],
      ['by ARN', () => arn],
    ])(
      'imported %s, the next plan has no changes',
      async (_by, id) => {
        await ws.terraform(['state', 'rm', '-no-color', 'bedrockpt_provisioned_model_throughput.chat']);
        ws.writeConfig(provider() + resource(model));
        const imported = await ws.terraform(['import', '-input=false', '-no-color', 'bedrockpt_provisioned_model_throughput.chat', id()]);
        expect(imported.stderr).toBe('');
        expect(imported.code).toBe(0);
        emulator.resetRequests();
        const plan = await ws.terraform(['plan', '-input=false', '-no-color', '-detailed-exitcode']);
        expect(plan.stdout).not.toContain('model_arn');
        expect(plan.code).toBe(0);
        expect(mutatingCalls(emulator)).toEqual([]);
      },
      120_000,
    );
  });
});
