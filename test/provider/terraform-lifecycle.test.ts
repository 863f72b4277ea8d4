/**
 * The rest of a PT's life under real Terraform with the bedrockpt provider, against the emulator:
 * tag change and custom-model swap in place, a units change that Terraform shows as a replace
 * (replace_paths in `terraform show -json`), import, `terraform destroy` refused for a committed
 * PT, and an apply through 500s, throttling and dropped connections that converges on re-apply.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Emulator } from '../../src/emulator';
import type { EmulatedOperation } from '../../src/emulator/faults';
import { DEV, DEV_CUSTOM, DEV_CUSTOM_SIBLING, HAIKU_PT, mutatingCalls } from '../e2e/harness';
import { describeWithTerraform, providerConfig, removeTempDirs, terraformPerTest, type TerraformWorkspace } from './harness';

afterAll(removeTempDirs);

const TF_APPLY = ['apply', '-auto-approve', '-input=false', '-no-color'];
const TF_PLAN = ['plan', '-input=false', '-no-color'];

function providerBlock(emulator: Emulator): string {
  return providerConfig(
    `  region  = "${DEV.region}"\n  profile = "${DEV.profile}"\n  endpoints {\n    bedrock = "${emulator.url}"\n    sts     = "${emulator.url}"\n  }\n`,
  );
}

interface PtSpec {
  name: string;
  model: string;
  units: number;
  commitment?: string;
  tags?: Record<string, string>;
}

function ptBlock(label: string, pt: PtSpec): string {
  const tags = pt.tags
    ? `  tags = { ${Object.entries(pt.tags)
        .map(([k, v]) => `${k} = "${v}"`)
        .join(', ')} }\n`
    : '';
  const commitment = pt.commitment ? `  commitment_duration = "${pt.commitment}"\n` : '';
  return `resource "bedrockpt_provisioned_model_throughput" "${label}" {\n  provisioned_model_name = "${pt.name}"\n  model_arn = "${pt.model}"\n  model_units = ${pt.units}\n${commitment}${tags}}\n`;
}

function live(emulator: Emulator): { arn: string; name: string; model: string; units: number }[] {
  return emulator.inventory(DEV.account, DEV.region).map((p) => ({
    arn: p.provisionedModelArn,
    name: p.provisionedModelName,
    model: String(p.modelArn),
    units: Number(p.modelUnits),
  }));
}

describeWithTerraform('a PT under terraform with the bedrockpt provider', () => {
  const context = terraformPerTest(providerBlock);
  let emulator: Emulator;
  let ws: TerraformWorkspace;
  beforeEach(() => ({ emulator, ws } = context));

  it('changes tags and swaps a custom model in place, and shows a units change as a replace with replace_paths', async () => {
    const spec: PtSpec = { name: 'tf-custom', model: DEV_CUSTOM, units: 1, tags: { Team: 'a' } };
    ws.writeConfig(providerBlock(emulator) + ptBlock('custom', spec));
    expect((await ws.terraform(TF_APPLY)).code).toBe(0);
    const [bought] = live(emulator);

    ws.writeConfig(providerBlock(emulator) + ptBlock('custom', { ...spec, tags: { Team: 'b' } }));
    emulator.resetRequests();
    const retag = await ws.terraform(TF_APPLY);
    expect(retag.stdout).toContain('0 added, 1 changed, 0 destroyed');
    expect(mutatingCalls(emulator).map((r) => r.operation)).toEqual(['TagResource']);

    ws.writeConfig(providerBlock(emulator) + ptBlock('custom', { ...spec, model: DEV_CUSTOM_SIBLING, tags: { Team: 'b' } }));
    emulator.resetRequests();
    const swap = await ws.terraform(TF_APPLY);
    expect(swap.stdout).toContain('0 added, 1 changed, 0 destroyed');
    expect(mutatingCalls(emulator).map((r) => r.operation)).toEqual(['UpdateProvisionedModelThroughput']);
    expect(live(emulator)).toEqual([{ ...bought, model: DEV_CUSTOM_SIBLING }]);

    ws.writeConfig(providerBlock(emulator) + ptBlock('custom', { ...spec, model: DEV_CUSTOM_SIBLING, units: 2, tags: { Team: 'b' } }));
    const saved = await ws.terraform([...TF_PLAN, '-out=units.tfplan']);
    expect(saved.code).toBe(0);
    const shown = await ws.terraform(['show', '-json', 'units.tfplan']);
    const change = JSON.parse(shown.stdout).resource_changes.find(
      (c: { address: string }) => c.address === 'bedrockpt_provisioned_model_throughput.custom',
    ).change;
    expect(change.actions).toEqual(['delete', 'create']);
    expect(change.replace_paths).toEqual([['model_units']]);
    expect((await ws.terraform(['apply', '-input=false', '-no-color', 'units.tfplan'])).code).toBe(0);
    const [replaced] = live(emulator);
    expect(live(emulator)).toHaveLength(1);
    expect(replaced.arn).not.toBe(bought.arn);
    expect(replaced.units).toBe(2);
    expect((await ws.terraform([...TF_PLAN, '-detailed-exitcode'])).code).toBe(0);
  }, 300_000);

  it('imports a PT by ARN, then plans no changes', async () => {
    // Import reads the model back as Bedrock names it (its ARN); a config that writes the model ID
    // instead plans one in-place change of model_arn that sends no call.
    const spec: PtSpec = { name: 'tf-imported', model: `arn:aws:bedrock:${DEV.region}::foundation-model/${HAIKU_PT}`, units: 1, commitment: 'OneMonth' };
    ws.writeConfig(providerBlock(emulator) + ptBlock('outside', spec));
    expect((await ws.terraform(TF_APPLY)).code).toBe(0);
    const [pt] = live(emulator);
    expect((await ws.terraform(['state', 'rm', '-no-color', 'bedrockpt_provisioned_model_throughput.outside'])).code).toBe(0);

    ws.writeConfig(providerBlock(emulator) + ptBlock('adopted', spec));
    emulator.resetRequests();
    const imported = await ws.terraform(['import', '-input=false', '-no-color', 'bedrockpt_provisioned_model_throughput.adopted', pt.arn]);
    expect(imported.code).toBe(0);
    expect((await ws.terraform([...TF_PLAN, '-detailed-exitcode'])).code).toBe(0);
    expect(mutatingCalls(emulator)).toEqual([]);
    expect(live(emulator)).toEqual([pt]);
  }, 300_000);

  it('refuses `terraform destroy` of a committed PT before its term ends, sending nothing', async () => {
    ws.writeConfig(providerBlock(emulator) + ptBlock('committed', { name: 'tf-committed', model: HAIKU_PT, units: 1, commitment: 'SixMonths' }));
    expect((await ws.terraform(TF_APPLY)).code).toBe(0);
    const before = live(emulator);
    emulator.resetRequests();
    const destroy = await ws.terraform(['destroy', '-auto-approve', '-input=false', '-no-color']);
    expect(destroy.code).toBe(1);
    expect(destroy.stderr).toContain('Cannot be destroyed');
    expect(destroy.stderr).toMatch(/SixMonths commitment of "tf-committed" runs until \d{4}-\d\d-\d\d/);
    expect(mutatingCalls(emulator)).toEqual([]);
    expect(live(emulator)).toEqual(before);
  }, 300_000);

  it('converges on re-apply through 500s, throttling and dropped connections, with no PT bought twice', async () => {
    const operations: EmulatedOperation[] = [
      'CreateProvisionedModelThroughput',
      'GetProvisionedModelThroughput',
      'ListProvisionedModelThroughputs',
      'ListTagsForResource',
      'GetFoundationModel',
      'GetCallerIdentity',
    ];
    for (const operation of operations) {
      emulator.injectFault({ operation, kind: 'internal-error', count: 2 });
      emulator.injectFault({ operation, kind: 'drop-connection', count: 1 });
      emulator.setRateLimit(operation, { ratePerSecond: 2, burst: 1 });
    }
    emulator.injectFault({ operation: 'CreateProvisionedModelThroughput', kind: 'fail-after-success', count: 1 });
    ws.writeConfig(
      providerBlock(emulator) +
        ptBlock('one', { name: 'tf-fault-1', model: HAIKU_PT, units: 1, commitment: 'OneMonth' }) +
        ptBlock('two', { name: 'tf-fault-2', model: HAIKU_PT, units: 1, commitment: 'OneMonth' }),
    );
    let code = 1;
    for (let attempt = 0; attempt < 4 && code !== 0; attempt++) code = (await ws.terraform(TF_APPLY)).code;
    expect(code).toBe(0);
    for (const operation of operations) emulator.setRateLimit(operation, null);
    emulator.clearFaults();
    expect(
      live(emulator)
        .map((p) => p.name)
        .sort(),
    ).toEqual(['tf-fault-1', 'tf-fault-2']);
    const state = JSON.parse(fs.readFileSync(path.join(ws.work, 'terraform.tfstate'), 'utf8'));
    const arns = state.resources
      .map((r: { instances: { attributes: { provisioned_model_arn: string } }[] }) => r.instances[0].attributes.provisioned_model_arn)
      .sort();
    expect(arns).toEqual(
      live(emulator)
        .map((p) => p.arn)
        .sort(),
    );
    expect((await ws.terraform([...TF_PLAN, '-detailed-exitcode'])).code).toBe(0);
  }, 300_000);
});
