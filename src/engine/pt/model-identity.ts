/**
 * Which model a PT serves, and when two spellings name the same model. A foundation model is
 * written by ID (`anthropic.claude-3-haiku-20240307-v1:0:200k`) or by its ARN in the region's
 * partition; both name one model. Custom models are named by ARN (or bare name) only.
 */
import type { LivePt } from '../model';
import { partitionOf } from '../aws/partition';

/** The ARN of a foundation model given by ID, in `region`'s partition. */
export function foundationModelArn(id: string, region: string): string {
  return `arn:${partitionOf(region)}:bedrock:${region}::foundation-model/${id}`;
}

/** Custom models are named by custom-model ARNs or bare names; foundation-model IDs always hold a dot. */
export function isCustomModelIdentifier(identifier: string): boolean {
  if (identifier.includes(':custom-model/')) return true;
  if (identifier.includes(':foundation-model/')) return false;
  return !identifier.startsWith('arn:') && !identifier.includes('.');
}

/** One key per model: a foundation-model ID becomes its ARN in `region`; ARNs and custom names stay as written. */
export function canonicalModelKey(identifier: string, region: string): string {
  if (identifier.startsWith('arn:') || isCustomModelIdentifier(identifier)) return identifier;
  return foundationModelArn(identifier, region);
}

/** The model a PT serves once its current update (if any) ends: a swap still Updating is where it is going. */
export function servedModel(pt: LivePt): string {
  return pt.desiredModelArn || pt.modelArn;
}

/** Whether `model` (as a create sent it: ID or ARN) names the model `pt` serves or is switching to. */
export function ptHasModel(pt: LivePt, model: string): boolean {
  if (pt.modelArn === model || pt.desiredModelArn === model) return true;
  // A foundation model sent by ID: the PT reports its ARN, which ends with that ID.
  return !model.startsWith('arn:') && (pt.modelArn.endsWith(`/${model}`) || pt.desiredModelArn.endsWith(`/${model}`));
}
