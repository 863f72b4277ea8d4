/** kill -9 of Terraform while a create waits, then apply again: one PT, recorded in state. */
import { spawn } from 'node:child_process';
import type { Emulator } from '../../src/emulator';
import { DEV, HAIKU_PT, startE2eEmulator } from '../e2e/harness';
import { describeWithTerraform, providerConfig, removeTempDirs, TERRAFORM, TerraformWorkspace } from './harness';

afterAll(removeTempDirs);

describeWithTerraform('terraform killed during a create', () => {
  it('buys one PT and records it on the next apply', async () => {
    const emulator: Emulator = await startE2eEmulator({ createDelayMs: 600_000 });
    try {
      const ws = await TerraformWorkspace.create({ emulatorUrl: emulator.url });
      ws.writeConfig(
        providerConfig(
          `  region  = "${DEV.region}"\n  profile = "${DEV.profile}"\n  endpoints {\n    bedrock = "${emulator.url}"\n    sts     = "${emulator.url}"\n  }\n`,
        ) +
          `resource "bedrockpt_provisioned_model_throughput" "chat" {\n  provisioned_model_name = "support-chat"\n  model_arn = "${HAIKU_PT}"\n  model_units = 1\n  commitment_duration = "OneMonth"\n}\n`,
      );
      expect((await ws.terraform(['init', '-input=false', '-no-color'])).code).toBe(0);
      const child = spawn(TERRAFORM!, ['apply', '-auto-approve', '-input=false', '-no-color'], { cwd: ws.work, env: ws.env, stdio: 'ignore' });
      while (!emulator.requests().some((r) => r.operation === 'CreateProvisionedModelThroughput')) await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, 300));
      child.kill('SIGKILL');
      await new Promise((r) => child.on('exit', r));
      expect(emulator.inventory(DEV.account, DEV.region)).toHaveLength(1);
      emulator.setTransitionDelays({ createMs: 200 });
      emulator.advance(700_000);
      const again = await ws.terraform(['apply', '-auto-approve', '-input=false', '-no-color']);
      expect(again.code).toBe(0);
      expect(emulator.inventory(DEV.account, DEV.region)).toHaveLength(1);
      const show = await ws.terraform(['state', 'list']);
      expect(show.stdout.trim()).toBe('bedrockpt_provisioned_model_throughput.chat');
    } finally {
      await emulator.close();
    }
  }, 180_000);
});
