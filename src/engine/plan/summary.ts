import type { StackPlan } from '../model';

/**
 * Counts as Terraform's "Plan:" line counts them: a replace is one to add and one
 * to destroy (and also counted under `replace`). Blocked changes are counted too,
 * and separately under `blocked`.
 */
export interface PlanCounts {
  add: number;
  change: number;
  destroy: number;
  replace: number;
  import: number;
  blocked: number;
}

export interface PlanSummary {
  stacks: { stack: string; counts: PlanCounts }[];
  total: PlanCounts;
}

export function emptyCounts(): PlanCounts {
  return { add: 0, change: 0, destroy: 0, replace: 0, import: 0, blocked: 0 };
}

export function countChanges(plan: StackPlan): PlanCounts {
  const counts = emptyCounts();
  for (const change of plan.changes) {
    if (change.importing) counts.import++;
    if (change.blocked) counts.blocked++;
    switch (change.action) {
      case 'create':
        counts.add++;
        break;
      case 'update':
        counts.change++;
        break;
      case 'delete':
        counts.destroy++;
        break;
      case 'delete-then-create':
      case 'create-then-delete':
        counts.add++;
        counts.destroy++;
        counts.replace++;
        break;
      case 'no-op':
        break;
    }
  }
  return counts;
}

export function summarize(plans: StackPlan[]): PlanSummary {
  const stacks = plans.map((plan) => ({ stack: plan.stack, counts: countChanges(plan) }));
  const total = emptyCounts();
  for (const { counts } of stacks) {
    for (const key of Object.keys(total) as (keyof PlanCounts)[]) total[key] += counts[key];
  }
  return { stacks, total };
}
