/**
 * The CI recipe must keep working with the CLI it documents: it parses as a GitHub Actions
 * workflow, posts the plan comment under the marker the Markdown renderer writes, gates prod
 * behind an environment, and every `bedrock-pt` command and flag it uses exists.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import type { Command } from 'commander';
import { buildProgram } from '../../src/cli/main';
import { PLAN_COMMENT_MARKER } from '../../src/engine/render/markdown';

const WORKFLOW = path.resolve(__dirname, '..', '..', 'examples', 'ci', 'bedrock-pt.yml');

interface Step {
  name?: string;
  run?: string;
  uses?: string;
  with?: Record<string, unknown>;
  if?: string;
  'continue-on-error'?: boolean;
}
interface Job {
  steps: Step[];
  environment?: string;
  if?: string;
  needs?: string | string[];
}
interface Workflow {
  on: Record<string, unknown>;
  jobs: Record<string, Job>;
}

const workflow = parse(fs.readFileSync(WORKFLOW, 'utf8')) as Workflow;
const allSteps = Object.values(workflow.jobs).flatMap((j) => j.steps);

/** Every `bedrock-pt …` invocation in the workflow's shell steps, as argument lists. */
function invocations(steps: Step[]): string[][] {
  return steps
    .flatMap((s) => (s.run ?? '').split('\n'))
    .map((line) => line.match(/bedrock-pt\s+(.*)$/)?.[1])
    .filter((rest): rest is string => !!rest)
    .map((rest) => rest.split(/\s+/).filter((t) => t && !t.startsWith('#')));
}

function findCommand(program: Command, args: string[]): { command: Command; rest: string[] } | undefined {
  let command = program;
  let rest = args;
  while (rest.length > 0) {
    const sub = command.commands.find((c) => c.name() === rest[0]);
    if (!sub) break;
    command = sub;
    rest = rest.slice(1);
  }
  return command === program ? undefined : { command, rest };
}

/** The problems with one invocation: an unknown subcommand or flag. */
function problems(program: Command, args: string[]): string[] {
  const found = findCommand(program, args);
  if (!found) return [`unknown command: bedrock-pt ${args.join(' ')}`];
  const known = new Set(found.command.options.flatMap((o) => [o.long, o.short].filter(Boolean) as string[]));
  return found.rest.filter((t) => t.startsWith('-') && !known.has(t.split('=')[0])).map((flag) => `unknown flag ${flag} for ${found.command.name()}`);
}

describe('the GitHub Actions recipe', () => {
  it('plans on pull requests and applies on pushes to main', () => {
    expect(Object.keys(workflow.on).sort()).toEqual(['pull_request', 'push']);
    expect(workflow.on.push).toEqual({ branches: ['main'] });
    expect(workflow.jobs.plan.if).toContain('pull_request');
    expect(workflow.jobs['apply-nonprod'].if).toContain('push');
  });

  it('writes the saved plan and the Markdown, and posts the comment even when the plan is blocked', () => {
    const plan = workflow.jobs.plan.steps.find((s) => s.run?.includes('bedrock-pt plan'))!;
    expect(plan.run).toContain('--all');
    expect(plan.run).toContain('--out plan.json');
    expect(plan.run).toContain('--markdown plan.md');
    expect(plan['continue-on-error']).toBe(true);
    const comment = workflow.jobs.plan.steps.find((s) => s.uses?.startsWith('actions/github-script'))!;
    expect(comment.if).toContain('always()');
    expect(String(comment.with?.script)).toContain(PLAN_COMMENT_MARKER);
    const last = workflow.jobs.plan.steps[workflow.jobs.plan.steps.length - 1];
    expect(last.if).toContain("steps.plan.outcome != 'success'");
  });

  it('applies the reviewed plan file, and prod only behind an environment approval', () => {
    const applies = invocations(allSteps).filter((a) => a[0] === 'apply');
    expect(applies.length).toBeGreaterThanOrEqual(3);
    expect(applies.every((a) => a[1] === 'reviewed/plan.json')).toBe(true);
    const prod = workflow.jobs['apply-prod'];
    expect(prod.environment).toBe('production');
    expect(prod.needs).toBe('apply-nonprod');
    expect(invocations(prod.steps)).toEqual([['apply', 'reviewed/plan.json', '--stack', 'prod']]);
  });

  it('uses only commands and flags the CLI has', () => {
    const program = buildProgram();
    const found = invocations(allSteps);
    expect(found.length).toBeGreaterThanOrEqual(4);
    expect(found.flatMap((args) => problems(program, args))).toEqual([]);
  });

  it('would notice a command or flag the CLI does not have', () => {
    const program = buildProgram();
    expect(problems(program, ['plan', '--all', '--out-file', 'x'])).toEqual(['unknown flag --out-file for plan']);
    expect(problems(program, ['deploy', '--all'])).toEqual(['unknown command: bedrock-pt deploy --all']);
  });

  it('signs plans with a key from the repository secrets', () => {
    const text = fs.readFileSync(WORKFLOW, 'utf8');
    expect(text).toMatch(/BEDROCK_PT_PLAN_KEY: \$\{\{ secrets\.BEDROCK_PT_PLAN_KEY \}\}/);
  });
});
