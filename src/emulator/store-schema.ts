/**
 * The shape of the emulator's state file, checked on load: a hand-edited or truncated file must
 * stop the emulator with the field named, not fail later inside a request handler, and must not
 * be overwritten by a fresh state (it may hold PTs a test or a person still needs).
 */
import { z } from 'zod';
import type { CloudState } from './store';

const epochMs = z.number().finite();
const tags = z.record(z.string(), z.string());

const ptRecord = z.object({
  id: z.string(),
  arn: z.string(),
  name: z.string(),
  account: z.string(),
  region: z.string(),
  modelArn: z.string(),
  desiredModelArn: z.string(),
  foundationModelArn: z.string(),
  modelUnits: z.number().int().positive(),
  purchasedFor: z.enum(['foundation', 'custom']),
  commitmentDuration: z.enum(['OneMonth', 'SixMonths']).optional(),
  commitmentExpirationTime: epochMs.optional(),
  creationTime: epochMs,
  lastModifiedTime: epochMs,
  status: z.enum(['Creating', 'InService', 'Updating', 'Failed']),
  transitionEndsAt: epochMs.optional(),
  pendingFailureMessage: z.string().optional(),
  failureMessage: z.string().optional(),
  tags,
  seq: z.number().int(),
});

const customModelRecord = z.object({
  id: z.string(),
  arn: z.string(),
  name: z.string(),
  account: z.string(),
  region: z.string(),
  baseModelId: z.string(),
  baseModelArn: z.string(),
  customizationType: z.enum(['FINE_TUNING', 'CONTINUED_PRE_TRAINING', 'DISTILLATION']),
  creationTime: epochMs,
  seq: z.number().int(),
});

/** Sections a file written by an older emulator may lack default to empty. */
export const cloudStateSchema: z.ZodType<CloudState> = z.object({
  version: z.literal(1),
  clockOffsetMs: z.number().finite().default(0),
  frozenAt: epochMs.optional(),
  seq: z.number().int().nonnegative().default(0),
  pts: z.record(z.string(), ptRecord).default({}),
  customModels: z.record(z.string(), customModelRecord).default({}),
  idempotency: z.record(z.string(), z.object({ fingerprint: z.string(), arn: z.string() })).default({}),
  committedUnitsQuota: z.record(z.string(), z.number().int().nonnegative()).default({}),
  modelUnitsQuotas: z.record(z.string(), z.number().int().nonnegative()).default({}),
});
