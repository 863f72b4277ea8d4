import { canonicalJson, sha256Hex } from '../canonical';
import type { PtAttributes } from '../model';

/**
 * The clientRequestToken of one create intent. Deterministic in the state lineage, the
 * address, the desired attributes and the state serial at which the intent was recorded,
 * so every retry of that intent sends the same token (the service then returns the first
 * PT instead of buying another), while a later, separate create of the same address (after
 * a delete or a replace) gets a new one.
 */
export function createToken(lineage: string, address: string, after: PtAttributes, serial: number): string {
  const desired = {
    name: after.provisioned_model_name,
    model: after.model_arn,
    units: after.model_units,
    commitment: after.commitment_duration,
    tags: after.tags_all,
  };
  return `bpt-${sha256Hex(canonicalJson({ lineage, address, desired, serial })).slice(0, 48)}`;
}
