/**
 * The emulated cloud's state and its persistence. Everything that separate CLI runs must agree
 * on lives here (PTs, custom models, idempotency tokens, quotas, the clock offset); runtime
 * knobs such as faults and latency do not.
 */
import { readFileSync } from 'node:fs';
import { BedrockPtError } from '../engine/errors';
import { writeFileAtomicSync } from '../engine/fs/atomic-write';
import { firstSchemaIssue } from '../engine/schema-issue';
import { cloudStateSchema } from './store-schema';

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
  /** Committed model units allowed per model, keyed by `account/region`; missing keys use the default. */
  committedUnitsQuota: Record<string, number>;
  /** Model-unit quotas set for one target (model ID or no-commitment-base/custom), keyed `account/region/target`. */
  modelUnitsQuotas: Record<string, number>;
}

export function emptyState(): CloudState {
  return { version: 1, clockOffsetMs: 0, seq: 0, pts: {}, customModels: {}, idempotency: {}, committedUnitsQuota: {}, modelUnitsQuotas: {} };
}

export const scopeKey = (account: string, region: string): string => `${account}/${region}`;

/** The saved cloud, or undefined when there is none yet; a file that is not one is refused, never replaced. */
export function loadState(file: string): CloudState | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw badStateFile(file, `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`, error);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw badStateFile(file, `is not valid JSON (${(error as Error).message})`, error);
  }
  const parsed = cloudStateSchema.safeParse(raw);
  if (!parsed.success) throw badStateFile(file, `is not an emulator state (${firstSchemaIssue(parsed.error)})`);
  return parsed.data;
}

function badStateFile(file: string, problem: string, cause?: unknown): BedrockPtError {
  return new BedrockPtError(
    'state',
    `emulator state file ${file} ${problem}; fix it, or move it away to start the emulator with an empty cloud`,
    { field: '--state-file' },
    { cause },
  );
}

/** Through the shared atomic write, so a crash never leaves a half-written file for the next run. */
export function saveState(file: string, state: CloudState): void {
  writeFileAtomicSync(file, JSON.stringify(state, null, 1));
}
