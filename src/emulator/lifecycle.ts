/**
 * A PT's life as a function of the clock: Creating → InService (or Failed), Updating → InService.
 * Phases end lazily when someone looks, so real time and an advanced clock behave the same.
 */
import { randomBytes } from 'node:crypto';
import { isoTime } from './protocol';
import { partitionOf } from '../engine/aws/partition';
import type { CommitmentDuration, PtRecord } from './store';

/** Brings a PT's stored phase up to date with `now`. Returns true if anything changed. */
export function settle(pt: PtRecord, now: number): boolean {
  if (pt.transitionEndsAt === undefined || now < pt.transitionEndsAt) return false;
  const endedAt = pt.transitionEndsAt;
  if (pt.status === 'Creating' && pt.pendingFailureMessage !== undefined) {
    pt.status = 'Failed';
    pt.failureMessage = pt.pendingFailureMessage;
  } else {
    pt.status = 'InService';
    pt.modelArn = pt.desiredModelArn;
  }
  pt.pendingFailureMessage = undefined;
  pt.transitionEndsAt = undefined;
  pt.lastModifiedTime = endedAt;
  return true;
}

export const isTransitioning = (pt: PtRecord): boolean => pt.status === 'Creating' || pt.status === 'Updating';

const MONTHS: Record<CommitmentDuration, number> = { OneMonth: 1, SixMonths: 6 };

/** Calendar months in UTC; a day that does not exist in the target month clamps to its last day (Jan 31 + 1 month = Feb 28/29). */
export function commitmentExpiry(creationMs: number, duration: CommitmentDuration): number {
  const start = new Date(creationMs);
  const targetMonth = start.getUTCMonth() + MONTHS[duration];
  const lastDay = new Date(Date.UTC(start.getUTCFullYear(), targetMonth + 1, 0)).getUTCDate();
  const end = new Date(creationMs);
  end.setUTCDate(1);
  end.setUTCMonth(targetMonth);
  end.setUTCDate(Math.min(start.getUTCDate(), lastDay));
  return end.getTime();
}

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** 12 lowercase alphanumerics, the id format of provisioned-model ARNs. */
export function newResourceId(taken: (id: string) => boolean): string {
  for (;;) {
    const bytes = randomBytes(12);
    const id = Array.from(bytes, (b) => ID_ALPHABET[b % ID_ALPHABET.length]).join('');
    if (!taken(id)) return id;
  }
}

export function ptArn(region: string, account: string, id: string): string {
  return `arn:${partitionOf(region)}:bedrock:${region}:${account}:provisioned-model/${id}`;
}

/** The members shared by GetProvisionedModelThroughput and ProvisionedModelSummary. */
function ptCommon(pt: PtRecord): Record<string, unknown> {
  return {
    provisionedModelName: pt.name,
    provisionedModelArn: pt.arn,
    modelArn: pt.modelArn,
    desiredModelArn: pt.desiredModelArn,
    foundationModelArn: pt.foundationModelArn,
    modelUnits: pt.modelUnits,
    desiredModelUnits: pt.modelUnits,
    status: pt.status,
    ...(pt.commitmentDuration ? { commitmentDuration: pt.commitmentDuration } : {}),
    ...(pt.commitmentExpirationTime !== undefined ? { commitmentExpirationTime: isoTime(pt.commitmentExpirationTime) } : {}),
    creationTime: isoTime(pt.creationTime),
    lastModifiedTime: isoTime(pt.lastModifiedTime),
  };
}

export function ptDetails(pt: PtRecord): Record<string, unknown> {
  return { ...ptCommon(pt), ...(pt.failureMessage !== undefined ? { failureMessage: pt.failureMessage } : {}) };
}

export const ptSummary = ptCommon;
