/**
 * Model-unit quotas on the Terraform door: the real `terraform` with the bedrockpt provider
 * against the emulator's Service Quotas. A purchase over its quota fails `terraform plan` with
 * nothing sent, one that fits applies, the resources of one plan share the quota, unreadable
 * quotas warn, and `bedrock-pt review` of the refused plan's `terraform plan -json` output puts
 * the reasons (address, end date, way out) into the PR comment.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Emulator } from '../../src/emulator';
import { CLI, cli, DEV, HAIKU_PT, mutatingCalls, type CliResult } from '../e2e/harness';
import { describeWithTerraform, providerConfig, removeTempDirs, terraformPerTest, type TerraformWorkspace } from './harness';

afterAll(removeTempDirs);

const TF_APPLY = ['apply', '-auto-approve', '-input=false', '-no-color'];
const TF_PLAN = ['plan', '-input=false', '-no-color'];
const HAIKU_QUOTA = 'Model units per provisioned model for Anthropic Claude 3 Haiku 200K';

function providerBlock(emulator: Emulator): string {
  return providerConfig(
    `  region  = "${DEV.region}"\n  profile = "${DEV.profile}"\n  endpoints {\n    bedrock       = "${emulator.url}"\n    sts           = "${emulator.url}"\n    servicequotas = "${emulator.url}"\n  }\n`,
  );
}

function ptBlock(label: string, name: string, units: number, commitment = 'OneMonth'): string {
  return `resource "bedrockpt_provisioned_model_throughput" "${label}" {\n  provisioned_model_name = "${name}"\n  model_arn = "${HAIKU_PT}"\n  model_units = ${units}\n  commitment_duration = "${commitment}"\n}\n`;
}

/** `bedrock-pt review` with stdin. */
function reviewFromStdin(args: string[], input: string, cwd: string, env: NodeJS.ProcessEnv): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [CLI, 'review', ...args], { cwd, env, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout: String(stdout), stderr: String(stderr) });
    });
    child.stdin!.end(input);
  });
}

describeWithTerraform('model-unit quotas under terraform with the bedrockpt provider', () => {
  const context = terraformPerTest(providerBlock);
  let emulator: Emulator;
  let ws: TerraformWorkspace;
  const names = () =>
    emulator
      .inventory(DEV.account, DEV.region)
      .map((p) => p.provisionedModelName)
      .sort();
  beforeEach(() => ({ emulator, ws } = context));

  it('refuses a purchase over its quota at plan, with the command to raise it, and apply sends nothing', async () => {
    emulator.setModelUnitsQuota(DEV.account, DEV.region, HAIKU_PT, 1);
    ws.writeConfig(providerBlock(emulator) + ptBlock('chat', 'tf-chat', 2));
    emulator.resetRequests();
    const plan = await ws.terraform(TF_PLAN);
    expect(plan.code).toBe(1);
    expect(plan.stderr).toContain(`Needs 2 model unit(s) of the quota "${HAIKU_QUOTA}"`);
    expect(plan.stderr.replace(/\s+/g, ' ')).toMatch(
      /aws service-quotas request-service-quota-increase --service-code bedrock --quota-code L-[0-9A-F]{8} --desired-value 2 --region us-east-1/,
    );
    const apply = await ws.terraform(TF_APPLY);
    expect(apply.code).toBe(1);
    expect(mutatingCalls(emulator)).toEqual([]);
    expect(names()).toEqual([]);

    emulator.setModelUnitsQuota(DEV.account, DEV.region, HAIKU_PT, 2);
    expect((await ws.terraform(TF_APPLY)).code).toBe(0);
    expect(names()).toEqual(['tf-chat']);
  }, 300_000);

  it('counts the other purchases of the same plan: two that each fit alone do not fit together', async () => {
    emulator.setModelUnitsQuota(DEV.account, DEV.region, HAIKU_PT, 3);
    ws.writeConfig(providerBlock(emulator) + ptBlock('one', 'tf-one', 2) + ptBlock('two', 'tf-two', 2));
    emulator.resetRequests();
    const apply = await ws.terraform(TF_APPLY);
    expect(apply.code).toBe(1);
    expect(apply.stderr.match(/Needs 2 model unit\(s\) of the quota/g)).toHaveLength(1);
    expect(apply.stderr).toContain('2 are in use or bought first');
    expect(mutatingCalls(emulator)).toEqual([]);

    ws.writeConfig(providerBlock(emulator) + ptBlock('one', 'tf-one', 2) + ptBlock('two', 'tf-two', 1));
    expect((await ws.terraform(TF_APPLY)).code).toBe(0);
    expect(names()).toEqual(['tf-one', 'tf-two']);
  }, 300_000);

  it('warns when the quotas cannot be read, and the plan applies', async () => {
    emulator.injectFault({ operation: 'ListServiceQuotas', kind: 'access-denied', count: 20 });
    ws.writeConfig(providerBlock(emulator) + ptBlock('chat', 'tf-chat', 1));
    const apply = await ws.terraform(TF_APPLY);
    expect(apply.code).toBe(0);
    const out = (apply.stdout + apply.stderr).replace(/\s+/g, ' ');
    expect(out).toContain('Model-unit quotas could not be read');
    expect(out).toContain('servicequotas:ListServiceQuotas');
    expect(names()).toEqual(['tf-chat']);
  }, 300_000);

  it('puts the reasons of a refused plan into the PR comment: address, end date and way out, account filled', async () => {
    ws.writeConfig(providerBlock(emulator) + ptBlock('chat', 'tf-chat', 1, 'SixMonths'));
    expect((await ws.terraform(TF_APPLY)).code).toBe(0);
    // Two refusals: the replace a commitment forbids, and a purchase the quota has no room for.
    emulator.setModelUnitsQuota(DEV.account, DEV.region, HAIKU_PT, 2);
    ws.writeConfig(providerBlock(emulator) + ptBlock('chat', 'tf-chat', 2, 'SixMonths') + ptBlock('more', 'tf-more', 2));
    const planned = await ws.terraform([...TF_PLAN, '-json', '-out=tfplan']);
    expect(planned.code).toBe(1);
    const log = path.join(ws.work, 'dev.jsonl');
    fs.writeFileSync(log, planned.stdout);
    const shown = await ws.terraform(['show', '-json', 'tfplan']);
    expect(shown.code).toBe(0);
    const json = path.join(ws.work, 'dev.json');
    fs.writeFileSync(json, shown.stdout);

    const out = path.join(ws.work, 'comment.md');
    const review = await cli(['review', json, log, '--out', out], { cwd: ws.work, env: ws.env });
    expect(review.stderr).toBe('');
    expect(review.code).toBe(0);
    const md = fs.readFileSync(out, 'utf8');
    expect(md).toContain('## ⛔ Plan blocked: 2 change(s) blocked, 2 error(s)');
    expect(md).toMatch(/\| `dev` \| 111111111111 \| us-east-1 \| 2 \| 0 \| 1 \| 1 \| \*\*2\*\* \|/);
    const attention = md.slice(md.indexOf('### ⚠️ Destroys, replacements and blocked changes'), md.indexOf('### Resource changes'));
    expect(attention).toMatch(
      /- ⛔ \*\*blocked\*\* ♻️ replace \(destroy, then create\): `dev` `bedrockpt_provisioned_model_throughput.chat` \(`arn:aws:bedrock:us-east-1:111111111111:provisioned-model\/[a-z0-9]{12}`\)/,
    );
    expect(attention).toMatch(
      / {2}- ⛔ Cannot be replaced: the SixMonths commitment of "tf-chat" runs until \d{4}-\d\d-\d\d \d\d:\d\d UTC \(\d+ days left\): .*`terraform state rm /,
    );
    expect(attention).toContain('- ⛔ **blocked** 🟢 create: `dev` `bedrockpt_provisioned_model_throughput.more`');
    expect(attention).toContain(`  - ⛔ Needs 2 model unit(s) of the quota "${HAIKU_QUOTA}" (`);
    expect(attention).toContain('which allows 2 in account 111111111111, us-east-1; 1 are in use or bought first');
    expect(md).not.toContain('Terraform could not finish this plan');

    // The log alone, on stdin, says the same.
    const alone = await reviewFromStdin(['dev=-'], planned.stdout, ws.work, ws.env);
    expect(alone.code).toBe(0);
    expect(alone.stdout).toContain('## ⛔ Plan blocked: 2 change(s) blocked, 2 error(s)');
    expect(alone.stdout).toMatch(/\| `dev` \| 111111111111 \| us-east-1 \|/);
    expect(alone.stdout).toContain('Cannot be replaced: the SixMonths commitment of "tf-chat" runs until');
  }, 300_000);
});
