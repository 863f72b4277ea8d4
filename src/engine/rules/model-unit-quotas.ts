/**
 * Bedrock's model-unit quotas for Provisioned Throughput, as one rule for the emulator (which
 * enforces them on CreateProvisionedModelThroughput) and the planner (which checks a plan
 * against them): their names in Service Quotas, and which quota a PT's units count against.
 *
 * Quota codes are opaque and differ per model, so clients find a quota by its name. A PT bought
 * with a commitment counts against "Model units per provisioned model for <its base model>"
 * (a custom model's PT against its base model's); one without a commitment counts against the
 * no-commitment quota across base models or across custom models, by the model it serves.
 */

/** Service Quotas' service code for Amazon Bedrock. */
export const SERVICE_CODE = 'bedrock';

export const NO_COMMITMENT_ACROSS_BASE = 'Model units no-commitment Provisioned Throughputs across base models';
export const NO_COMMITMENT_ACROSS_CUSTOM = 'Model units no-commitment Provisioned Throughputs across custom models';
const PER_MODEL_PREFIX = 'Model units per provisioned model for ';

/** What a PT's model units count against. */
export type QuotaKey = { kind: 'committed'; baseModelArn: string } | { kind: 'no-commitment'; across: 'base' | 'custom' };

/**
 * The name a model has in its quota's name: provider, model name and the context-length variant
 * it is sold for as PT, e.g. "Anthropic Claude 3 Haiku 200K" for anthropic.claude-3-haiku-20240307-v1:0:200k.
 */
export function modelDisplayName(model: { providerName?: string; modelName?: string; modelId: string }): string {
  const variant = /:(\d+k)$/i.exec(model.modelId)?.[1]?.toUpperCase();
  return [model.providerName, model.modelName ?? model.modelId, variant].filter(Boolean).join(' ');
}

export function perModelQuotaName(displayName: string): string {
  return `${PER_MODEL_PREFIX}${displayName}`;
}

export function isCustomModelArn(arn: string): boolean {
  return arn.includes(':custom-model/');
}

/** `modelArn` is the model the PT serves (or is moving to); `baseModelArn` the foundation model behind it. */
export function quotaKeyOf(pt: { committed: boolean; baseModelArn: string; modelArn: string }): QuotaKey {
  if (pt.committed) return { kind: 'committed', baseModelArn: pt.baseModelArn };
  return { kind: 'no-commitment', across: isCustomModelArn(pt.modelArn) ? 'custom' : 'base' };
}

/** A stable string for a key, to group and compare by. */
export function quotaKeyId(key: QuotaKey): string {
  return key.kind === 'committed' ? `committed|${key.baseModelArn}` : `no-commitment|${key.across}`;
}

/** A Failed PT holds no capacity, so its units count against no quota. */
export function holdsUnits(status: string): boolean {
  return status !== 'Failed';
}

/** Names compare as Service Quotas shows them, ignoring case and runs of spaces. */
export function sameQuotaName(a: string, b: string): boolean {
  const norm = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();
  return norm(a) === norm(b);
}

/** The AWS CLI command that asks for a quota to be raised. */
export function increaseCommand(quotaCode: string, desiredValue: number, region: string): string {
  return `aws service-quotas request-service-quota-increase --service-code ${SERVICE_CODE} --quota-code ${quotaCode} --desired-value ${desiredValue} --region ${region}`;
}
