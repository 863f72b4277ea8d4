/**
 * `cdktf deploy` of the Terraform-path example app, offline, against the emulator — written once
 * and run with cdktf-cli (test/cdktf/deploy.test.ts) and with CDK Terrain's cdktn-cli
 * (test/cdktn/deploy.test.ts), which must behave the same.
 */
import { DEV, mutatingCalls, PROD, STAGING } from '../e2e/harness';
import { describeWithCli, withCdktfProject, type Flavour } from './cdktf-harness';

const PT = 'bedrockpt_provisioned_model_throughput';

export function deployCases(flavour: Flavour): void {
  describeWithCli(flavour, `${flavour} deploy on the bedrockpt provider`, () => {
    const fixture = withCdktfProject(flavour);
    const prodPt = () => fixture.emulator.inventory(PROD.account, PROD.region);

    it('deploys dev, staging and prod with one PT each and the prod policy naming its ARN', async () => {
      await fixture.project.succeed(['deploy', 'dev', 'staging', 'prod', '--auto-approve', '--skip-provider-lock']);
      for (const [stack, env] of [
        ['dev', DEV],
        ['staging', STAGING],
        ['prod', PROD],
      ] as const) {
        const live = fixture.emulator.inventory(env.account, env.region);
        expect(live.map((p) => p.provisionedModelName)).toEqual([`${stack}-support-chat`]);
        const pt = fixture.project.state(stack).resources.find((r) => r.type === PT);
        expect(pt?.instances[0].attributes.provisioned_model_arn).toBe(live[0].provisionedModelArn);
      }
      const prod = fixture.project.state('prod') as unknown as { outputs: Record<string, { value: string }> };
      expect(JSON.parse(prod.outputs.invoke_policy_json.value).Statement[0].Resource).toBe(prodPt()[0].provisionedModelArn);
    }, 400_000);

    it('renames the committed prod PT in place, keeping its ARN', async () => {
      const [before] = prodPt();
      fixture.project.setOverrides({ environments: { prod: { nameOverride: 'prod-support-chat-v2' } } });
      fixture.emulator.resetRequests();
      const deploy = await fixture.project.succeed(['deploy', 'prod', '--auto-approve', '--skip-provider-lock']);
      expect(deploy.stdout).toMatch(/1 changed, 0 destroyed|0 added, 1 changed, 0 destroyed/);
      expect(mutatingCalls(fixture.emulator).map((r) => r.operation)).toEqual(['UpdateProvisionedModelThroughput']);
      expect(prodPt().map((p) => [p.provisionedModelArn, p.provisionedModelName])).toEqual([[before.provisionedModelArn, 'prod-support-chat-v2']]);
    }, 400_000);

    it(`refuses a model-units change on the committed prod PT at ${flavour} plan, with the end date`, async () => {
      const [before] = prodPt();
      fixture.project.setOverrides({ environments: { prod: { nameOverride: 'prod-support-chat-v2', modelUnits: 3 } } });
      fixture.emulator.resetRequests();
      const plan = await fixture.project.cdktf(['plan', 'prod', '--skip-provider-lock']);
      const output = plan.stdout + plan.stderr;
      expect(plan.code).not.toBe(0);
      expect(output).toContain(String(before.commitmentExpirationTime).slice(0, 10));
      expect(output).toMatch(/model_units/);
      expect(mutatingCalls(fixture.emulator)).toEqual([]);
      expect(prodPt().map((p) => p.modelUnits)).toEqual([2]);
    }, 400_000);
  });
}
