/**
 * What an apply did, counted half by half so the summary never under-reports money: the
 * delete of a replace happened even when its create then failed, and a PT whose create was
 * answered and recorded is added — still Creating when the run stopped or timed out before
 * it was InService — not a failed create. One counting function feeds every view.
 */
import type { ApplyContext } from './context';
import { readPt } from './steps';

/** Filled in by a change as each of its steps completes. */
export interface ChangeOutcome {
  added: boolean;
  /** Added, but not InService when the run stopped waiting for it. */
  stillCreating: boolean;
  changed: boolean;
  destroyed: boolean;
}

export function noOutcome(): ChangeOutcome {
  return { added: false, stillCreating: false, changed: false, destroyed: false };
}

/**
 * After a create step threw: whether it had bought a PT that is still on its way to InService
 * (recorded at `address` under a new ARN, neither Failed nor gone). A read that fails leaves
 * the answer at "bought": the ARN was returned and is in state, so the next plan picks it up.
 */
export async function boughtAndStillCreating(ctx: ApplyContext, address: string, priorArn: string | undefined): Promise<boolean> {
  const recorded = ctx.state.managed.pts[address];
  if (!recorded || recorded.arn === priorArn) return false;
  const live = await readPt(ctx, recorded.arn).then(
    (pt) => pt?.status ?? 'gone',
    () => 'unknown',
  );
  return live !== 'Failed' && live !== 'gone';
}

export interface ApplyCounts {
  added: number;
  /** Of `added`: not InService yet. */
  stillCreating: number;
  changed: number;
  destroyed: number;
  failed: number;
  notStarted: number;
}

export interface CountedResult {
  added: number;
  changed: number;
  destroyed: number;
  stillCreating: string[];
  failed: unknown[];
  notStarted: string[];
}

export function countApplied(results: CountedResult[]): ApplyCounts {
  const counts: ApplyCounts = { added: 0, stillCreating: 0, changed: 0, destroyed: 0, failed: 0, notStarted: 0 };
  for (const r of results) {
    counts.added += r.added;
    counts.stillCreating += r.stillCreating.length;
    counts.changed += r.changed;
    counts.destroyed += r.destroyed;
    counts.failed += r.failed.length;
    counts.notStarted += r.notStarted.length;
  }
  return counts;
}

/** Adds one change's outcome to its stack's result. */
export function tally(result: CountedResult, address: string, outcome: ChangeOutcome): void {
  if (outcome.added) result.added++;
  if (outcome.stillCreating) result.stillCreating.push(address);
  if (outcome.changed) result.changed++;
  if (outcome.destroyed) result.destroyed++;
}
