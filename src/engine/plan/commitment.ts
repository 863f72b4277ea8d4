/** Model-unit-hours a change commits to or gives up, for cost review. */
import { HOURS_PER_TERM, type Commitment, type CommitmentEffect, type LivePt } from '../model';

const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

export const NO_COMMITMENT: CommitmentEffect = { addedUnitHours: 0, endedUnitHours: 0 };

/** A committed PT whose term end is not reported (yet) counts as unexpired: when in doubt, refuse. */
export function isUnexpiredCommitment(pt: LivePt, now: Date): boolean {
  if (!pt.commitment) return false;
  if (!pt.commitmentExpirationTime) return true;
  return Date.parse(pt.commitmentExpirationTime) > now.getTime();
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
