/** How many calls `terraform plan` makes to refresh N PTs through the bedrockpt provider. */
import type { Emulator } from '../../src/emulator';
import { DEV, DEV_CUSTOM, startE2eEmulator } from '../e2e/harness';
import { describeWithTerraform, providerConfig, removeTempDirs, TerraformWorkspace } from './harness';

afterAll(removeTempDirs);

describeWithTerraform('terraform refresh', () => {
  it('refreshes 20 PTs with one List', async () => {
    const emulator: Emulator = await startE2eEmulator();
    emulator.setCommittedUnitsQuota(DEV.account, DEV.region, 100);
    try {
      const ws = await TerraformWorkspace.create({ emulatorUrl: emulator.url });
      const pts = Array.from(
        { length: 20 },
        (_, i) =>
          `resource "bedrockpt_provisioned_model_throughput" "pt${i}" {\n  provisioned_model_name = "pt-${i}"\n  model_arn = "${DEV_CUSTOM}"\n  model_units = 1\n  commitment_duration = "OneMonth"\n}\n`,
      ).join('');
      ws.writeConfig(
        providerConfig(
          `  region  = "${DEV.region}"\n  profile = "${DEV.profile}"\n  endpoints {\n    bedrock = "${emulator.url}"\n    sts     = "${emulator.url}"\n  }\n`,
        ) + pts,
      );
      expect((await ws.terraform(['init', '-input=false', '-no-color'])).code).toBe(0);
      const apply = await ws.terraform(['apply', '-auto-approve', '-input=false', '-no-color']);
      expect(apply.stderr).toBe('');
      expect(apply.code).toBe(0);
      emulator.resetRequests();
      const started = Date.now();
      const plan = await ws.terraform(['plan', '-input=false', '-no-color', '-detailed-exitcode']);
      const wall = Date.now() - started;
      expect(plan.code).toBe(0);
      const counts: Record<string, number> = {};
      for (const r of emulator.requests()) counts[r.operation] = (counts[r.operation] ?? 0) + 1;
      console.log(JSON.stringify({ wall, counts }));
    } finally {
      await emulator.close();
    }
  }, 180_000);
});
