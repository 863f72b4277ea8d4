import { writeFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { ClientPool } from '../../engine/aws/clients';
import { loadStacks } from '../../engine/run/inputs';
import { planStacks, type StackPlanResult } from '../../engine/run/plan-stacks';
import { refuseRemoteState } from '../../engine/run/remote-state';
import { loadPricing, renderMarkdown } from '../../engine/render/markdown';
import { buildPlanFile, planKeyFromEnv, writePlanFile } from '../../engine/planfile';
import type { StackPlan } from '../../engine/model';
import { doesSomething } from '../../engine/model';
import { addInputOptions, ExitCode, inputOption, inputOptions, positiveInt, type InputFlags } from '../io';
import { assertWritablePath } from '../output-path';
import { planView } from '../views';
import { VERSION } from '../../version';

interface PlanFlags extends InputFlags {
  out?: string;
  markdown?: string;
  pricing?: string;
  detailedExitcode?: boolean;
  json?: boolean;
  parallelism: string;
}

export function hasChanges(plans: StackPlan[]): boolean {
  return plans.some((p) => p.changes.some(doesSomething));
}

/** Plan the selected stacks; shared by `plan` and `apply` without a plan file. */
export async function runPlan(flags: InputFlags & { parallelism?: string }, command: 'plan' | 'apply'): Promise<StackPlanResult[]> {
  const { stacks, source } = await loadStacks(inputOptions(flags));
  refuseRemoteState(stacks, command);
  const pool = new ClientPool();
  try {
    const concurrency = flags.parallelism ? positiveInt(flags.parallelism, '--parallelism') : 10;
    return await planStacks(stacks, { pool, now: new Date(), concurrency, source });
  } finally {
    pool.destroy();
  }
}

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
    .action(async (flags: PlanFlags) => {
      if (flags.out) assertWritablePath(flags.out, '--out');
      if (flags.markdown) assertWritablePath(flags.markdown, '--markdown');
      const pricing = flags.pricing ? loadPricing(flags.pricing) : undefined;
      const view = planView(flags);
      const results = await runPlan(flags, 'plan');
      const plans = results.map((r) => r.plan);
      view.plan(results);
      if (flags.out) {
        writePlanFile(flags.out, buildPlanFile(plans, { key: planKeyFromEnv(), tool: `bedrock-pt ${VERSION}` }));
        view.savedPlan(flags.out, plans);
      }
      if (flags.markdown) {
        writeFileSync(flags.markdown, renderMarkdown(plans, { pricing, planFileName: flags.out, fullPlanHint: flags.out ? `run \`bedrock-pt show ${flags.out}\`` : undefined }));
        view.wroteMarkdown(flags.markdown);
      }
      if (plans.some((p) => !p.applyable)) throw new ExitCode(1);
      if (flags.detailedExitcode && hasChanges(plans)) throw new ExitCode(2);
    });
}
