/**
 * The Terraform-path CI recipe: plans every stack on a pull request into a saved plan and its
 * JSON, writes one comment with `bedrock-pt review` under the marker the renderer writes, and on
 * merge applies each stack's saved plan, prod behind the production environment.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { buildProgram } from '../../src/cli/main';
import { PLAN_COMMENT_MARKER } from '../../src/engine/render/markdown';
import { stateBackendFromEnv } from '../../examples/terraform-app/main';

const WORKFLOW = path.resolve(__dirname, '../../examples/ci/terraform-path.yml');

interface Step {
  name?: string;
  run?: string;
  uses?: string;
  with?: Record<string, unknown>;
  if?: string;
}
interface Job {
  steps: Step[];
  if?: string;
  needs?: string;
  environment?: string;
  strategy?: { matrix?: { stack?: string[] } };
}

const workflow = parse(fs.readFileSync(WORKFLOW, 'utf8')) as { on: Record<string, unknown>; env: Record<string, string>; jobs: Record<string, Job> };
const runOf = (job: string) => workflow.jobs[job].steps.map((s) => s.run ?? '').join('\n');

describe('the Terraform-path GitHub Actions recipe', () => {
  it('plans every stack into a saved plan and its terraform show -json on pull requests', () => {
    expect(workflow.jobs.plan.if).toContain('pull_request');
    expect(workflow.jobs.plan.strategy?.matrix?.stack).toEqual(['dev', 'staging', 'prod']);
    expect(runOf('plan')).toContain('bedrock-pt provider install');
    expect(runOf('plan')).toContain('terraform plan -input=false -lock-timeout=10m -out=tfplan -json > ${{ matrix.stack }}.jsonl');
    expect(runOf('plan')).toContain('terraform show -json tfplan');
    // A refused plan still hands its reasons to the comment job.
    const upload = workflow.jobs.plan.steps.find((s) => s.uses?.startsWith('actions/upload-artifact'))!;
    expect(upload.if).toBe('always()');
    expect(String(upload.with?.path)).toContain('${{ matrix.stack }}.jsonl');
  });

  it('writes one comment for all stacks with bedrock-pt review, using flags the CLI has', () => {
    const comment = workflow.jobs.comment;
    expect(comment.if).toContain('always()');
    const review = runOf('comment')
      .split('\n')
      .find((l) => l.includes('bedrock-pt review'))!;
    const flags = review.split(/\s+/).filter((t) => t.startsWith('-'));
    const command = buildProgram().commands.find((c) => c.name() === 'review')!;
    const known = command.options.flatMap((o) => [o.long, o.short]);
    expect(flags.filter((f) => !known.includes(f))).toEqual([]);
    expect(review).toContain('--out plan.md');
    expect(review).toContain('plans/*.jsonl');
    const post = comment.steps.find((s) => s.uses?.startsWith('actions/github-script'))!;
    expect(String(post.with?.script)).toContain(PLAN_COMMENT_MARKER);
  });

  it("keeps every stack in the shared S3 state with the example's flag, with the backend's profile in every job", () => {
    expect(workflow.env.BEDROCK_PT_STATE_BUCKET).toBe('${{ vars.TF_STATE_BUCKET }}');
    expect(workflow.env).toHaveProperty('BEDROCK_PT_LOCK_TABLE');
    const profile = stateBackendFromEnv({ BEDROCK_PT_STATE_BUCKET: 'b' })!.profile!;
    for (const job of ['plan', 'apply']) expect(runOf(job)).toContain(profile);
  });

  it('applies exactly the saved plan on merge, prod behind the production environment', () => {
    expect(workflow.jobs.apply.if).toContain('push');
    expect(runOf('apply')).toContain('terraform apply -input=false -lock-timeout=10m "$GITHUB_WORKSPACE/reviewed/tfplan"');
    expect(runOf('apply')).not.toMatch(/terraform apply[^\n]*-auto-approve/);
    expect(workflow.jobs.apply.environment).toContain("matrix.stack == 'prod' && 'production'");
  });
});
