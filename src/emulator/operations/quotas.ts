/**
 * Bedrock's model-unit quotas per account and region, as Service Quotas lists them and as
 * CreateProvisionedModelThroughput enforces them: committed model units per base model (AWS
 * default 0, raised through a quota increase) and no-commitment model units across base models
 * and across custom models (AWS default 2 each). Which quota a PT counts against is the shared
 * rule in engine/rules/model-unit-quotas.ts, the one the planner checks plans with.
 */
import { createHash } from 'node:crypto';
import {
  holdsUnits,
  modelDisplayName,
  NO_COMMITMENT_ACROSS_BASE,
  NO_COMMITMENT_ACROSS_CUSTOM,
  perModelQuotaName,
  quotaKeyId,
  quotaKeyOf,
  type QuotaKey,
} from '../../engine/rules/model-unit-quotas';
import { foundationModelArn, type FoundationModelSeed } from '../catalog';
import type { Caller, Cloud } from '../context';
import { ApiError } from '../protocol';
import { scopeKey, type PtRecord } from '../store';
import type { ResolvedModel } from './models';

/** Quota targets that are not a model ID. */
export const NO_COMMITMENT_TARGETS = { base: 'no-commitment-base', custom: 'no-commitment-custom' } as const;
export const DEFAULT_NO_COMMITMENT_UNITS = 2;

export interface ModelUnitQuota {
  code: string;
  name: string;
  value: number;
  /** A foundation model ID, or one of NO_COMMITMENT_TARGETS. */
  target: string;
  key: QuotaKey;
}

/** The real codes of the two account-wide quotas; per-model codes are opaque, so a hash of the name stands in. */
const FIXED_CODES: Record<string, string> = { [NO_COMMITMENT_ACROSS_BASE]: 'L-FE44174A', [NO_COMMITMENT_ACROSS_CUSTOM]: 'L-BE77399C' };

function quotaCode(name: string): string {
  return FIXED_CODES[name] ?? `L-${createHash('sha256').update(name).digest('hex').slice(0, 8).toUpperCase()}`;
}

/**
 * Most specific first: set for this account, region and target (control API or flag), set for the
 * target everywhere (flag), then the committed default of the scope (setCommittedUnitsQuota) or of
 * every scope (--committed-units-quota), or AWS's no-commitment default.
 */
export function quotaValue(cloud: Cloud, account: string, region: string, target: string): number {
  const scoped = `${scopeKey(account, region)}/${target}`;
  const state = cloud.state.current;
  const set = state.modelUnitsQuotas[scoped] ?? cloud.settings.modelUnitsQuotas[scoped] ?? cloud.settings.modelUnitsQuotas[target];
  if (set !== undefined) return set;
  if (target === NO_COMMITMENT_TARGETS.base || target === NO_COMMITMENT_TARGETS.custom) return DEFAULT_NO_COMMITMENT_UNITS;
  return state.committedUnitsQuota[scopeKey(account, region)] ?? cloud.settings.defaultCommittedUnitsQuota;
}

/** Every model-unit quota of the scope: one per model sold as PT, then the two no-commitment ones. */
export function modelUnitQuotas(cloud: Cloud, account: string, region: string): ModelUnitQuota[] {
  const quota = (name: string, target: string, key: QuotaKey): ModelUnitQuota => ({
    code: quotaCode(name),
    name,
    value: quotaValue(cloud, account, region, target),
    target,
    key,
  });
  const perModel = cloud.catalog
    .filter((m) => m.inferenceTypesSupported.includes('PROVISIONED'))
    .map((m) => quota(perModelQuotaName(modelDisplayName(m)), m.modelId, { kind: 'committed', baseModelArn: foundationModelArn(region, m.modelId) }));
  return [
    ...perModel,
    quota(NO_COMMITMENT_ACROSS_BASE, NO_COMMITMENT_TARGETS.base, { kind: 'no-commitment', across: 'base' }),
    quota(NO_COMMITMENT_ACROSS_CUSTOM, NO_COMMITMENT_TARGETS.custom, { kind: 'no-commitment', across: 'custom' }),
  ];
}

/** What a quota can be set for: each model sold as PT, and the two no-commitment quotas. */
export function quotaTargets(catalog: FoundationModelSeed[]): string[] {
  return [...catalog.filter((m) => m.inferenceTypesSupported.includes('PROVISIONED')).map((m) => m.modelId), ...Object.values(NO_COMMITMENT_TARGETS)];
}

/** Refuses a quota target there is no quota for, naming the ones there are. */
export function assertQuotaTarget(cloud: Cloud, target: string): void {
  const targets = quotaTargets(cloud.catalog);
  if (!targets.includes(target)) throw new Error(`No model-unit quota for ${target}; known: ${targets.join(', ')}`);
}

function keyOfPt(pt: PtRecord): QuotaKey {
  return quotaKeyOf({ committed: pt.commitmentDuration !== undefined, baseModelArn: pt.foundationModelArn, modelArn: pt.desiredModelArn });
}

/** Worded as Bedrock words it: the model the units are for, not the quota. */
export function checkQuotas(cloud: Cloud, caller: Caller, pts: PtRecord[], request: { modelUnits: number; committed: boolean; model: ResolvedModel }): void {
  const key = quotaKeyOf({ committed: request.committed, baseModelArn: request.model.foundationModelArn, modelArn: request.model.arn });
  const quota = modelUnitQuotas(cloud, caller.account, caller.region).find((q) => quotaKeyId(q.key) === quotaKeyId(key));
  const inUse = pts.filter((pt) => holdsUnits(pt.status) && quotaKeyId(keyOfPt(pt)) === quotaKeyId(key)).reduce((sum, pt) => sum + pt.modelUnits, 0);
  const value = quota?.value ?? 0;
  if (inUse + request.modelUnits <= value) return;
  const baseModelId = request.model.foundationModelArn.split('/').pop();
  const kind = request.committed ? 'model units' : 'no commitment model units';
  const free = Math.max(0, value - inUse);
  throw new ApiError(
    'ServiceQuotaExceededException',
    free === 0
      ? `Your account does not currently have any ${kind} reserved for ${baseModelId}.`
      : `Your account has only ${free} ${kind} available for ${baseModelId}; the request asks for ${request.modelUnits}.`,
  );
}
