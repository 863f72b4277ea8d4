import type { StackPlan } from '../model';

/**
 * The one counting model every renderer reads (text, Markdown, Terraform JSON, `--json`).
 *
 * The rule, as Terraform's "Plan:" line counts: a create is one to add, an update one to change,
 * a delete one to destroy, and a replace (either order) one to add and one to destroy — and also
 * one under `replace`. An import or a move is counted under `import` / `move` besides its action
 * (an import or move that changes nothing else has action no-op and adds nothing else).
 * A blocked change is still a planned change: it counts under its action like any other and,
 * separately, under `blocked`, so the numbers say both what the plan holds and how much of it
 * cannot be applied. Commitment totals are the sum over every change, blocked ones included.
 */
export interface PlanCounts {
  add: number;
  change: number;
  destroy: number;
  replace: number;
  import: number;
  move: number;
  blocked: number;
}

export interface CommitmentTotals {
  addedUnitHours: number;
  endedUnitHours: number;
}

export interface PlanSummary {
  stacks: { stack: string; counts: PlanCounts; commitment: CommitmentTotals }[];
  total: PlanCounts;
  commitment: CommitmentTotals;
  /** Error diagnostics over all stacks. */
  errors: number;
  /** Every stack's plan can be applied. */
  applyable: boolean;
}

export function emptyCounts(): PlanCounts {
  return { add: 0, change: 0, destroy: 0, replace: 0, import: 0, move: 0, blocked: 0 };
}

export function countChanges(plan: StackPlan): PlanCounts {
  const counts = emptyCounts();
  for (const change of plan.changes) {
    if (change.importing) counts.import++;
    if (change.movedFrom) counts.move++;
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

/** Model-unit-hours the stack's changes commit to and give up: the planner's own totals, so no renderer sums them again. */
export function commitmentTotals(plan: StackPlan): CommitmentTotals {
  return { addedUnitHours: plan.commitment.addedUnitHours, endedUnitHours: plan.commitment.endedUnitHours };
}

export function summarize(plans: StackPlan[]): PlanSummary {
  const stacks = plans.map((plan) => ({ stack: plan.stack, counts: countChanges(plan), commitment: commitmentTotals(plan) }));
  const total = emptyCounts();
  const commitment: CommitmentTotals = { addedUnitHours: 0, endedUnitHours: 0 };
  for (const s of stacks) {
    for (const key of Object.keys(total) as (keyof PlanCounts)[]) total[key] += s.counts[key];
    commitment.addedUnitHours += s.commitment.addedUnitHours;
    commitment.endedUnitHours += s.commitment.endedUnitHours;
  }
  const errors = plans.reduce((n, p) => n + p.diagnostics.filter((d) => d.severity === 'error').length, 0);
  return { stacks, total, commitment, errors, applyable: plans.every((p) => p.applyable) };
}
