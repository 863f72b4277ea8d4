/** What `bedrock-pt review` does once its arguments are parsed; loaded only when review runs. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BedrockPtError } from '../../engine/errors';
import { loadPricing } from '../../engine/render/markdown';
import { renderReview } from '../../engine/render/review';
import { readTerraformPlan, type ReviewedStack } from '../../engine/terraform-plan/show-json';
import { isPlanLog, readPlanLog, withPlanLog } from '../../engine/terraform-plan/plan-log';

export interface ReviewFlags {
  out?: string;
  pricing?: string;
}

/** `STACK=FILE`, or FILE whose stack is its base name without `.json`/`.jsonl` (and a `.plan`/`.tfplan` suffix); `-` is stdin. */
function stackAndFile(arg: string): { stack: string; file: string } {
  const eq = arg.indexOf('=');
  if (eq > 0 && !fs.existsSync(arg)) return { stack: arg.slice(0, eq), file: arg.slice(eq + 1) };
  if (arg === '-') return { stack: 'default', file: arg };
  return {
    stack: path
      .basename(arg)
      .replace(/\.jsonl?$/, '')
      .replace(/\.(tf)?plan$/, ''),
    file: arg,
  };
}

function readInput(stack: string, file: string): string {
  try {
    return fs.readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (err) {
    throw new BedrockPtError(
      'usage',
      `bedrock-pt review: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}). Pass the file \`terraform show -json PLANFILE\` or \`terraform plan -json\` wrote.`,
      { stack, field: 'PLAN' },
    );
  }
}

/** Per stack, at most one JSON plan and one plan log; given both, they are read as one. */
function readPlans(args: string[]): ReviewedStack[] {
  const byStack = new Map<string, { shown?: ReviewedStack; log?: ReviewedStack }>();
  for (const arg of args) {
    const { stack, file } = stackAndFile(arg);
    const text = readInput(stack, file);
    const kind = isPlanLog(text) ? 'log' : 'shown';
    const entry = byStack.get(stack) ?? {};
    if (entry[kind]) {
      const what = kind === 'log' ? '`terraform plan -json` outputs' : 'JSON plans';
      throw new BedrockPtError('usage', `bedrock-pt review: two ${what} are named stack ${stack}; name them with STACK=FILE.`, { stack, field: 'PLAN' });
    }
    entry[kind] = kind === 'log' ? readPlanLog(stack, file, text) : readTerraformPlan(stack, file, text);
    byStack.set(stack, entry);
  }
  return [...byStack.values()].map(({ shown, log }) => (shown && log ? withPlanLog(shown, log) : (shown ?? log)!));
}

export function review(plans: string[], flags: ReviewFlags): void {
  const stacks = readPlans(plans);
  const markdown = renderReview(stacks, { pricing: flags.pricing ? loadPricing(flags.pricing) : undefined });
  if (flags.out) fs.writeFileSync(flags.out, markdown);
  else process.stdout.write(markdown);
}
