/**
 * The emulated cloud's state and its persistence. Everything that separate CLI runs must agree
 * on lives here (PTs, custom models, idempotency tokens, quotas, the clock offset); runtime
 * knobs such as faults and latency do not.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export type PtStatus = 'Creating' | 'InService' | 'Updating' | 'Failed';
export type CommitmentDuration = 'OneMonth' | 'SixMonths';

export interface PtRecord {
  id: string;
  arn: string;
  name: string;
  account: string;
  region: string;
  modelArn: string;
  desiredModelArn: string;
  foundationModelArn: string;
  modelUnits: number;
  /** What the PT was bought for; a PT bought for a foundation model can never change model. */
  purchasedFor: 'foundation' | 'custom';
  commitmentDuration?: CommitmentDuration;
  /** Epoch ms. */
  commitmentExpirationTime?: number;
  creationTime: number;
  lastModifiedTime: number;
  /** Stored phase; the visible status is settled lazily against the clock (see lifecycle.ts). */
  status: PtStatus;
  /** Epoch ms at which the current Creating/Updating phase ends. */
  transitionEndsAt?: number;
  /** Set when the create was told to fail: the PT ends Failed with this message. */
  pendingFailureMessage?: string;
  failureMessage?: string;
  tags: Record<string, string>;
  /** Creation order, the tie-breaker for equal creation times. */
  seq: number;
}

export interface CustomModelRecord {
  id: string;
  arn: string;
  name: string;
  account: string;
  region: string;
  baseModelId: string;
  baseModelArn: string;
  customizationType: 'FINE_TUNING' | 'CONTINUED_PRE_TRAINING' | 'DISTILLATION';
  creationTime: number;
  seq: number;
}

export interface IdempotencyRecord {
  fingerprint: string;
  arn: string;
}

export interface CloudState {
  version: 1;
  /** Added to the real clock; advanced by tests and persisted so later runs agree on "now". */
  clockOffsetMs: number;
  /** When set, the clock stands still at this epoch ms (plus later advances). */
  frozenAt?: number;
  seq: number;
  pts: Record<string, PtRecord>;
  customModels: Record<string, CustomModelRecord>;
  /** Keyed by `account/region/token`. */
  idempotency: Record<string, IdempotencyRecord>;
  /** Committed model units allowed, keyed by `account/region`; missing keys use the default. */
  committedUnitsQuota: Record<string, number>;
}

export function emptyState(): CloudState {
  return { version: 1, clockOffsetMs: 0, seq: 0, pts: {}, customModels: {}, idempotency: {}, committedUnitsQuota: {} };
}

export const scopeKey = (account: string, region: string): string => `${account}/${region}`;

export function loadState(file: string): CloudState | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const parsed = JSON.parse(text) as CloudState;
  if (parsed.version !== 1) throw new Error(`Emulator state file ${file} has unsupported version ${String(parsed.version)}; delete it to start fresh.`);
  return { ...emptyState(), ...parsed };
}

/** Write-then-rename, so a crash never leaves a half-written file for the next run. */
export function saveState(file: string, state: CloudState): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(state, null, 1));
  renameSync(tmp, file);
}
