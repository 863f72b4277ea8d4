/**
 * Runs in its own process so its peak RSS is the planner's: builds the synthetic input, plans it,
 * prints one JSON line. Usage: node planner-child.js <count>
 */
import { planStack } from '../src/engine/plan';
import { syntheticPlanInput } from './synthetic';

function main(): void {
  const count = Number(process.argv[2] ?? 10_000);
  const rssBeforeInput = process.memoryUsage.rss();
  const input = syntheticPlanInput(count);
  const rssBeforePlan = process.memoryUsage.rss();
  const start = process.hrtime.bigint();
  const plan = planStack(input);
  const planMs = Number(process.hrtime.bigint() - start) / 1e6;
  const actions: Record<string, number> = {};
  for (const c of plan.changes) {
    const key = c.blocked ? `${c.action} (blocked)` : c.action;
    actions[key] = (actions[key] ?? 0) + 1;
  }
  const out = {
    count,
    planMs,
    changes: plan.changes.length,
    actions,
    diagnostics: plan.diagnostics.length,
    applyable: plan.applyable,
    rssBeforeInputMb: rssBeforeInput / 1048576,
    rssBeforePlanMb: rssBeforePlan / 1048576,
    // resourceUsage().maxRSS is in kilobytes: the process's peak, input building included.
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

main();
