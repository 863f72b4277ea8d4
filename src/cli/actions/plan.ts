/** What `bedrock-pt plan` does once its arguments are parsed; loaded only when plan or apply runs. */
import { writeFileSync } from 'node:fs';
import { ClientPool } from '../../engine/aws/clients';
import { loadStacks } from '../../engine/run/inputs';
import { planStacks, type StackPlanResult } from '../../engine/run/plan-stacks';
import { refuseRemoteState } from '../../engine/run/remote-state';
import { loadPricing, renderMarkdown } from '../../engine/render/markdown';
import { buildPlanFile, planKeyFromEnv, writePlanFile } from '../../engine/planfile';
import type { StackPlan } from '../../engine/model';
import { doesSomething } from '../../engine/model';
import { ExitCode, inputOptions, positiveInt, type InputFlags } from '../io';
import { assertWritablePath } from '../output-path';
import { planView } from '../views';
import { VERSION } from '../../version';

export interface PlanFlags extends InputFlags {
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
    return await planStacks(stacks, { pool, now: new Date(), concurrency, source, lockTimeoutMs: flags.lockTimeout });
  } finally {
    pool.destroy();
  }
}

export async function plan(flags: PlanFlags): Promise<void> {
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
    writeFileSync(
      flags.markdown,
      renderMarkdown(plans, { pricing, planFileName: flags.out, fullPlanHint: flags.out ? `run \`bedrock-pt show ${flags.out}\`` : undefined }),
    );
    view.wroteMarkdown(flags.markdown);
  }
  if (plans.some((p) => !p.applyable)) throw new ExitCode(1);
  if (flags.detailedExitcode && hasChanges(plans)) throw new ExitCode(2);
}
