import { Command, Option } from 'commander';
import { addInputOptions, inputOption } from '../io';
import type { PlanFlags } from '../actions/plan';

export function registerPlan(program: Command): void {
  addInputOptions(
    program
      .command('plan')
      .description(
        'Show what apply would do: create, update in place, replace, delete — and what is blocked and why. ' +
          'Exit codes: 0 success, 1 error or blocked plan; with --detailed-exitcode 2 means changes are present.',
      ),
  )
    .option('-o, --out <file>', 'save the plan for `bedrock-pt apply <file>` (signed when BEDROCK_PT_PLAN_KEY is set)')
    .option('--markdown <file>', 'also write the plan as GitHub-flavoured Markdown for a pull-request comment')
    .option('--pricing <file>', 'JSON with hourly rates per model and commitment, for the Markdown cost delta')
    .option('--detailed-exitcode', 'exit 2 when the plan has changes, 0 when it has none')
    .option('--json', "stream the plan as JSON lines on stdout, in the shape of Terraform's machine-readable UI (`terraform plan -json`)")
    .addOption(new Option('--parallelism <n>', 'concurrent AWS reads per stack').default('10'))
    .addOption(inputOption())
    .action(async (flags: PlanFlags) => (await import('../actions/plan')).plan(flags));
}
