/** What `bedrock-pt apply` does once its arguments are parsed; loaded only when apply runs. */
import type { Command } from 'commander';
import { BedrockPtError } from '../../engine/errors';
import { diagnosticLine } from '../../engine/render/diagnostic';
import { ClientPool } from '../../engine/aws/clients';
import { readPlanFile, planKeyFromEnv } from '../../engine/planfile';
import { applyPlans } from '../../engine/run/apply-plans';
import { loadRecordedConfigs, SKIP_CONFIG_CHECK_FLAG } from '../../engine/run/recorded-config';
import type { StackApplyResult } from '../../engine/apply/apply-stack';
import type { StackConfig, StackPlan } from '../../engine/model';
import { confirm, ExitCode, inputAllowed, positiveInt, type InputFlags } from '../io';
import { handleInterrupts } from '../interrupt';
import { ProgressReporter } from '../progress';
import { hasChanges, runPlan } from './plan';
import { applyView } from '../views';

export interface ApplyFlags extends InputFlags {
  autoApprove?: boolean;
  input?: boolean;
  parallelism: string;
  skipConfigCheck?: boolean;
  json?: boolean;
}

/** The config each saved stack plan is checked against, from the source it recorded; none when the user skips the check. */
async function recordedConfigs(flags: ApplyFlags, command: Command, plans: StackPlan[]): Promise<Map<string, StackConfig> | undefined> {
  if (flags.skipConfigCheck) {
    const summary = `${SKIP_CONFIG_CHECK_FLAG}: the plan is applied without checking it against its configuration; state, account, region and live PTs are still checked.`;
    process.stderr.write(diagnosticLine({ severity: 'warning', summary }));
    return undefined;
  }
  const projectGiven = command.getOptionValueSource('project') === 'cli';
  return loadRecordedConfigs(plans, { given: { synthDir: flags.synthDir, projectDir: projectGiven ? flags.project : undefined } });
}

export async function apply(planfile: string | undefined, flags: ApplyFlags, command: Command): Promise<void> {
  const parallelism = positiveInt(flags.parallelism, '--parallelism');
  // As Terraform's `-json requires -auto-approve`: JSON lines leave no place for a question.
  if (flags.json && !planfile && !flags.autoApprove)
    throw new BedrockPtError('usage', '--json needs --auto-approve (or a saved plan: apply PLANFILE --json), since there is no prompt to confirm on');
  if (!inputAllowed(flags) && !planfile && !flags.autoApprove) {
    throw new BedrockPtError(
      'usage',
      `input is disabled (${flags.input === false ? '--input=false' : 'TF_INPUT'}), so apply cannot ask for its "yes": pass --auto-approve, or save the plan with \`plan --out FILE\` and apply that file`,
    );
  }
  const view = applyView(flags);
  let plans: StackPlan[];
  let configs: Map<string, StackConfig> | undefined;
  if (planfile) {
    if (flags.all) throw new BedrockPtError('usage', '--all does not apply to a saved plan; it applies the stacks it was made for (narrow with --stack)');
    const pf = readPlanFile(planfile, { key: planKeyFromEnv() });
    plans = flags.stack?.length ? pf.stacks.filter((p) => flags.stack!.includes(p.stack)) : pf.stacks;
    const unknown = (flags.stack ?? []).filter((s) => !pf.stacks.some((p) => p.stack === s));
    if (unknown.length)
      throw new BedrockPtError('usage', `the plan has no stack ${unknown.join(', ')}; it covers: ${pf.stacks.map((p) => p.stack).join(', ')}`);
    configs = await recordedConfigs(flags, command, plans);
  } else {
    if (flags.skipConfigCheck)
      throw new BedrockPtError(
        'usage',
        `${SKIP_CONFIG_CHECK_FLAG} applies only to a saved plan (apply PLANFILE); without one, apply plans from the config itself`,
      );
    const results = await runPlan(flags, 'apply');
    plans = results.map((r) => r.plan);
    view.plan(results);
    if (plans.some((p) => !p.applyable)) throw new BedrockPtError('plan-file', 'the plan has blocking errors (above) and cannot be applied');
    // A recovered interrupted create is still to be written, and only apply writes.
    if (!hasChanges(plans) && !results.some((r) => r.recovery.recorded.length)) return;
    if (!flags.autoApprove) {
      if (!(await confirm('\nDo you want to perform these actions?'))) {
        view.cancelled();
        throw new ExitCode(1);
      }
    }
  }
  if (!plans.some((p) => p.changes.length > 0)) {
    view.noChanges();
    return;
  }
  const stop = new AbortController();
  const progress = new ProgressReporter(view.progressOut);
  const applyIsOver = handleInterrupts({ stop, progress });
  const pool = new ClientPool();
  let results: StackApplyResult[];
  try {
    results = await applyPlans(plans, {
      pool,
      signal: stop.signal,
      report: view.withProgress(progress.report),
      parallelism,
      configs,
      lockTimeoutMs: flags.lockTimeout,
    });
  } finally {
    progress.stop();
    pool.destroy();
    applyIsOver();
  }
  if (view.applied(results)) return;
  throw new ExitCode(1);
}
