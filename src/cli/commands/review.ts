import * as fs from 'node:fs';
import * as path from 'node:path';
import { Command } from 'commander';
import { BedrockPtError } from '../../engine/errors';
import { loadPricing } from '../../engine/render/markdown';
import { renderReview } from '../../engine/render/review';
import { readTerraformPlan, type ReviewedStack } from '../../engine/render/terraform-plan-input';

interface ReviewFlags {
  out?: string;
  pricing?: string;
}

/** `STACK=FILE`, or FILE whose stack is its base name without `.json` (and a `.plan`/`.tfplan` suffix). */
function stackAndFile(arg: string): { stack: string; file: string } {
  const eq = arg.indexOf('=');
  if (eq > 0 && !fs.existsSync(arg)) return { stack: arg.slice(0, eq), file: arg.slice(eq + 1) };
  return { stack: path.basename(arg).replace(/\.json$/, '').replace(/\.(tf)?plan$/, ''), file: arg };
}

function readPlans(args: string[]): ReviewedStack[] {
  const seen = new Set<string>();
  return args.map((arg) => {
    const { stack, file } = stackAndFile(arg);
    if (seen.has(stack)) throw new BedrockPtError('usage', `bedrock-pt review: two plans are named stack ${stack}; name them with STACK=FILE.`, { stack, field: 'PLAN' });
    seen.add(stack);
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (err) {
      throw new BedrockPtError('usage', `bedrock-pt review: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}). Pass the file \`terraform show -json PLANFILE\` wrote.`, { stack, field: 'PLAN' });
    }
    return readTerraformPlan(stack, file, text);
  });
}

export function registerReview(program: Command): void {
  program
    .command('review <plan...>')
    .description(
      "Write the PR comment for Terraform's own plans: pass `terraform show -json PLANFILE` output, one file per stack " +
        '(STACK=FILE, or FILE named after its stack). PT changes of aws_bedrock_provisioned_model_throughput and ' +
        'bedrockpt_provisioned_model_throughput are shown in full, with commitments; every other resource is listed by action.',
    )
    .option('-o, --out <file>', 'write the Markdown here instead of stdout')
    .option('--pricing <file>', 'hourly rates for the monthly cost delta')
    .action((plans: string[], flags: ReviewFlags) => {
      const stacks = readPlans(plans);
      const markdown = renderReview(stacks, { pricing: flags.pricing ? loadPricing(flags.pricing) : undefined });
      if (flags.out) fs.writeFileSync(flags.out, markdown);
      else process.stdout.write(markdown);
    });
}
