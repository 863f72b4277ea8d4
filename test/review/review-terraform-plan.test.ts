/**
 * `bedrock-pt review` on Terraform's own JSON plans of a mixed app: the Terraform-path example
 * synthesized by cdktf-cli, planned by the real terraform with both PT resource types (dev on
 * hashicorp/aws's, renamed after a deploy, which that provider plans as a replacement; prod on
 * bedrock-pt's, a committed create) and an IAM policy document that reads the PT's ARN.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { GITHUB_COMMENT_LIMIT, PLAN_COMMENT_MARKER } from '../../src/engine/render/markdown';
import { renderReview } from '../../src/engine/render/review';
import { readTerraformPlan } from '../../src/engine/terraform-plan/show-json';
import { cli } from '../e2e/harness';
import { describeWithTerraform, removeTempDirs } from '../provider/harness';
import { withCdktfProject } from '../cdktf/cdktf-harness';

afterAll(removeTempDirs);

describeWithTerraform('bedrock-pt review of terraform show -json plans', () => {
  const fixture = withCdktfProject();
  let devJson: string;
  let prodJson: string;

  /** `terraform plan` + `terraform show -json` in a synthesized stack's directory; returns the JSON file. */
  async function terraformJsonPlan(stack: string): Promise<string> {
    const chdir = `-chdir=cdktf.out/stacks/${stack}`;
    for (const args of [
      ['init', '-input=false'],
      ['plan', '-input=false', '-out=tfplan'],
      ['show', '-json', 'tfplan'],
    ]) {
      const run = await fixture.project.ws.terraform([chdir, ...args, '-no-color']);
      if (run.code !== 0) throw new Error(`terraform ${args.join(' ')} in ${stack}: ${run.stdout}${run.stderr}`);
      if (args[0] === 'show') {
        const file = path.join(fixture.project.ws.work, `${stack}.json`);
        fs.writeFileSync(file, run.stdout);
        return file;
      }
    }
    throw new Error('unreachable');
  }

  beforeAll(async () => {
    const { project } = fixture;
    project.setOverrides({ stack: { ptResource: 'aws' } });
    await project.succeed(['deploy', 'dev', '--auto-approve', '--skip-provider-lock']);
    project.setOverrides({ stack: { ptResource: 'aws' }, environments: { dev: { nameOverride: 'dev-support-chat-v2' } } });
    await project.succeed(['synth']);
    devJson = await terraformJsonPlan('dev');
    project.setOverrides({ stack: { ptResource: 'bedrockpt' } });
    await project.succeed(['synth']);
    prodJson = await terraformJsonPlan('prod');
  }, 600_000);

  it('writes the PR comment for both stacks: marker, summary, destroys first, commitments, other resources, details', async () => {
    const out = path.join(fixture.project.ws.work, 'comment.md');
    const run = await cli(['review', devJson, prodJson, '--out', out], { cwd: fixture.project.ws.work, env: fixture.project.ws.env });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const md = fs.readFileSync(out, 'utf8');
    expect(md.split('\n')[0]).toBe(PLAN_COMMENT_MARKER);
    expect(md).toContain('## Plan: 2 to add, 0 to change, 1 to replace, 1 to destroy');
    // The account comes from the replaced PT's ARN (dev) and the provider's one allowed account (prod's create has no ARN yet).
    expect(md).toMatch(/\| `dev` \| 111111111111 \| us-east-1 \| 1 \| 0 \| 1 \| 1 \| 0 \|/);
    expect(md).toMatch(/\| `prod` \| 333333333333 \| us-east-1 \| 1 \| 0 \| 0 \| 0 \| 0 \|/);
    const attention = md.indexOf('### ⚠️ Destroys, replacements and blocked changes');
    const details = md.indexOf('### Resource changes');
    expect(attention).toBeGreaterThan(0);
    expect(md.indexOf('`dev` `aws_bedrock_provisioned_model_throughput.support_chat`')).toBeGreaterThan(attention);
    expect(md.indexOf('`dev` `aws_bedrock_provisioned_model_throughput.support_chat`')).toBeLessThan(details);
    expect(md).toContain('forces replacement: provisioned_model_name changes');
    expect(md).toContain('commits **8,760 model-unit-hours** (2 unit(s) × SixMonths)');
    expect(md).toContain('### Other resources');
    expect(md).toMatch(/\| `prod` \| read \(data source\) \| 1 \|/);
    expect(md).toContain('read (data source): `data.aws_iam_policy_document.invoke_support_chat`');
    expect(md).toContain('<details><summary>🟢 create: <code>prod</code> <code>bedrockpt_provisioned_model_throughput.support_chat</code></summary>');
    expect(md).toContain('| `provisioned_model_name` | `dev-support-chat` | `dev-support-chat-v2` 🔁 forces replacement |');
  });

  it('stays under the comment cap, trimming details but never the call-outs', () => {
    const stacks = [
      readTerraformPlan('dev', devJson, fs.readFileSync(devJson, 'utf8')),
      readTerraformPlan('prod', prodJson, fs.readFileSync(prodJson, 'utf8')),
    ];
    const full = renderReview(stacks);
    expect(full.length).toBeLessThan(GITHUB_COMMENT_LIMIT);
    const capped = renderReview(stacks, { maxChars: Math.floor(full.length * 0.8) });
    expect(capped.length).toBeLessThanOrEqual(Math.floor(full.length * 0.8));
    expect(capped).toContain('✂️ Details were trimmed');
    expect(capped).toContain('commits **8,760 model-unit-hours**');
    expect(capped).toContain('### ⚠️ Destroys, replacements and blocked changes');
  });

  it('warns that hashicorp/aws would destroy a committed PT that Bedrock will not delete before its term ends', () => {
    const plan = JSON.parse(fs.readFileSync(devJson, 'utf8'));
    const pt = plan.resource_changes.find((r: { type: string }) => r.type === 'aws_bedrock_provisioned_model_throughput');
    pt.change.before.commitment_duration = 'OneMonth';
    const md = renderReview([readTerraformPlan('dev', devJson, JSON.stringify(plan))]);
    expect(md).toContain('destroys a PT bought with a OneMonth commitment; Bedrock refuses the delete until the term ends');
    expect(md).toContain('ends **730 model-unit-hours** of commitment');
  });

  it('refuses a file that is not a Terraform JSON plan, on stderr with exit code 1, writing nothing', async () => {
    const bogus = path.join(fixture.project.ws.work, 'cdktf.json');
    const out = path.join(fixture.project.ws.work, 'not-written.md');
    const run = await cli(['review', bogus, '--out', out], { cwd: fixture.project.ws.work, env: fixture.project.ws.env });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`bedrock-pt review ${bogus}: is not a Terraform JSON plan`);
    expect(run.stderr).toContain('terraform show -json PLANFILE');
    expect(fs.existsSync(out)).toBe(false);
  });
});
