/** Model-unit-hours a change commits to or gives up, for cost review. */
import { HOURS_PER_TERM, type Commitment, type CommitmentEffect, type LivePt } from '../model';
import { commitmentDeleteVerdict, type DeleteVerdict } from '../rules/commitment-delete';
import { CLOCK_SKEW_MS } from '../pt/adoption';

const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

export const NO_COMMITMENT: CommitmentEffect = { addedUnitHours: 0, endedUnitHours: 0 };

/**
 * The shared delete rule on a refreshed PT; a term end not reported (yet) refuses: when in doubt,
 * refuse. `now` is this machine's clock, and Bedrock judges the end on its own: a plan made a few
 * minutes after the end by a clock running ahead would pass and its delete be refused at apply.
 * So the end must be CLOCK_SKEW_MS past — the SigV4 window: a clock further off than that has its
 * signed requests refused, so the service's clock cannot be further behind ours than that.
 */
export function commitmentVerdict(pt: LivePt, now: Date): DeleteVerdict {
  const endsAtMs = pt.commitmentExpirationTime ? Date.parse(pt.commitmentExpirationTime) : undefined;
  return commitmentDeleteVerdict({ status: pt.status, commitment: pt.commitment, endsAtMs }, now.getTime(), CLOCK_SKEW_MS);
}

export function isUnexpiredCommitment(pt: LivePt, now: Date): boolean {
  return !commitmentVerdict(pt, now).allowed;
}

export function createdCommitment(modelUnits: number, commitment: Commitment | null | undefined): CommitmentEffect {
  return { addedUnitHours: commitment ? modelUnits * HOURS_PER_TERM[commitment] : 0, endedUnitHours: 0 };
}

/** Whole hours left in the term (billing is hourly); 0 once it has expired. */
export function endedCommitment(pt: LivePt, now: Date): CommitmentEffect {
  if (!pt.commitment || !pt.commitmentExpirationTime) return { ...NO_COMMITMENT };
  const hoursLeft = Math.max(0, Math.ceil((Date.parse(pt.commitmentExpirationTime) - now.getTime()) / HOUR_MS));
  return { addedUnitHours: 0, endedUnitHours: pt.modelUnits * hoursLeft, termEnd: pt.commitmentExpirationTime };
}

export function combine(a: CommitmentEffect, b: CommitmentEffect): CommitmentEffect {
  const termEnd = a.termEnd ?? b.termEnd;
  return {
    addedUnitHours: a.addedUnitHours + b.addedUnitHours,
    endedUnitHours: a.endedUnitHours + b.endedUnitHours,
    ...(termEnd ? { termEnd } : {}),
  };
}
