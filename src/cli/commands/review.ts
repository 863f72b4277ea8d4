import { Command } from 'commander';
import type { ReviewFlags } from '../actions/review';

export function registerReview(program: Command): void {
  program
    .command('review <plan...>')
    .description(
      "Write the PR comment for Terraform's own plans: pass `terraform show -json PLANFILE` output and/or what " +
        '`terraform plan -json` printed (a file, or - for stdin), per stack (STACK=FILE, or FILE named after its stack). ' +
        'PT changes of aws_bedrock_provisioned_model_throughput and bedrockpt_provisioned_model_throughput are shown in full, ' +
        "with commitments; the provider's refusals in a failed plan are shown as blocked changes, with their reasons; " +
        'every other resource is listed by action.',
    )
    .option('-o, --out <file>', 'write the Markdown here instead of stdout')
    .option('--pricing <file>', 'hourly rates for the monthly cost delta')
    .action(async (plans: string[], flags: ReviewFlags) => (await import('../actions/review')).review(plans, flags));
}
