import { Command, Option } from 'commander';
import { SKIP_CONFIG_CHECK_FLAG } from '../../engine/run/skip-config-check';
import { addInputOptions, inputOption } from '../io';
import type { ApplyFlags } from '../actions/apply';

export function registerApply(program: Command): void {
  addInputOptions(
    program
      .command('apply [planfile]')
      .description(
        'Carry out a plan. With PLANFILE (from `plan --out`) it applies exactly that reviewed plan after ' +
          'checking it is not stale: the state, account, region and live PTs, and the config read again from where ' +
          'the plan was made (the plan is derived again and must match); without one it plans, shows the plan and asks for "yes". ' +
          'Creates use idempotency tokens recorded in state before the call, so a retry never buys twice.',
      ),
  )
    .option('--auto-approve', 'do not ask for confirmation (read from the terminal or a pipe: echo yes | bedrock-pt apply)')
    .addOption(inputOption())
    .option('--json', "stream the plan and the apply progress as JSON lines on stdout (Terraform's machine-readable UI); needs --auto-approve or PLANFILE")
    .addOption(new Option('--parallelism <n>', 'API steps in flight at once per stack (waiting for InService does not count)').default('10'))
    .option(
      SKIP_CONFIG_CHECK_FLAG,
      'with PLANFILE: apply it without reading its configuration again (use only when the config it was made from is gone). ' +
        'Skips the config fingerprint check and the re-derivation of the plan, so a plan edited by hand or made from other config is applied as written',
    )
    .action(async (planfile: string | undefined, flags: ApplyFlags, command: Command) => (await import('../actions/apply')).apply(planfile, flags, command));
}
