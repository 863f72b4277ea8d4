/** Plain values out of Terraform's objects; apart from state-object.ts so validation reads them without the engine's readers (and the SDK). */
import { isUnknown, type CtyValue } from '../contract';
import type { Tags, Timeouts } from '../../engine/model';

export function str(value: CtyValue | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function tagMap(value: CtyValue | undefined): Tags | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value) || isUnknown(value)) return undefined;
  const out: Tags = {};
  for (const [k, v] of Object.entries(value)) if (typeof v === 'string') out[k] = v;
  return out;
}

export function timeoutsOf(value: CtyValue | undefined): Timeouts {
  const out: Timeouts = {};
  if (!value || typeof value !== 'object' || Array.isArray(value) || isUnknown(value)) return out;
  for (const key of ['create', 'update', 'delete'] as const) {
    const v = str(value[key]);
    if (v) out[key] = v;
  }
  return out;
}
