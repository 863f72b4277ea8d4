/**
 * Between Terraform's objects (CtyObject, with UNKNOWN for values known only after apply) and the
 * engine's plain data (DesiredPt, ManagedPt, LivePt). Attribute names are the schema's.
 */
import { isUnknown, type CtyObject, type CtyValue } from '../contract';
import type { Commitment, DesiredPt, LivePt, ManagedPt, Tags } from '../../engine/model';
import { ownTags, sortedTags } from '../../engine/plan/attributes';
import { canonicalModelKey, servedModel } from '../../engine/pt/model-identity';
import { recordFromAttributes } from '../../engine/pt/records';
import { str, tagMap, timeoutsOf } from './cty-values';
import { PT_ATTRIBUTE_NAMES } from './pt-schema';

export type Desired = Omit<DesiredPt, 'address' | 'lifecycle'>;

function hasUnknown(value: CtyValue | undefined): boolean {
  if (isUnknown(value)) return true;
  if (Array.isArray(value)) return value.some(hasUnknown);
  if (value && typeof value === 'object') return Object.values(value).some(hasUnknown);
  return false;
}

export function mergedTags(defaultTags: Tags, tags: Tags): Tags {
  return sortedTags({ ...defaultTags, ...tags });
}

/**
 * The desired PT of a proposed object. An unknown argument takes `fallback`'s value (the prior
 * state's, or a placeholder on create) so the planner plans what can be planned; its name is
 * reported in `unknown` so the caller keeps it unknown in the planned object.
 */
export function desiredFrom(proposed: CtyObject, defaultTags: Tags, fallback?: Omit<ManagedPt, 'address'>): { desired: Desired; unknown: Set<string> } {
  const unknown = new Set<string>();
  const pick = <T>(name: string, read: (v: CtyValue | undefined) => T | undefined, placeholder: T): T => {
    const value = proposed[name];
    if (hasUnknown(value)) {
      unknown.add(name);
      return placeholder;
    }
    return read(value) ?? placeholder;
  };
  const tags = pick('tags', tagMap, fallback?.tags ?? {});
  const commitment = pick<Commitment | ''>('commitment_duration', (v) => str(v) as Commitment | undefined, fallback?.commitment ?? '');
  const desired: Desired = {
    name: pick('provisioned_model_name', str, fallback?.name ?? ''),
    model: pick('model_arn', str, fallback?.modelArn ?? ''),
    modelUnits: pick('model_units', (v) => (typeof v === 'number' ? v : undefined), fallback?.modelUnits ?? 1),
    tags,
    tagsAll: unknown.has('tags') && fallback ? { ...fallback.tagsAll } : mergedTags(defaultTags, tags),
    timeouts: timeoutsOf(proposed.timeouts),
    ...(commitment ? { commitment } : {}),
  };
  return { desired, unknown };
}

/** The record in a prior object Terraform holds (checked against the schema already; an import's has only `id`). */
export function managedFrom(prior: CtyObject): Omit<ManagedPt, 'address'> {
  return recordFromAttributes(prior, () => undefined);
}

/** Every schema attribute present, null where Terraform has nothing. */
export function completeObject(values: Partial<CtyObject>): CtyObject {
  const out: CtyObject = {};
  for (const name of PT_ATTRIBUTE_NAMES) out[name] = values[name] ?? null;
  return out;
}

/**
 * The model as Terraform should keep it: the first spelling given (the configuration's, then the
 * state's) that names the live model (an ID and its ARN are the same model), else what Bedrock
 * says now (drift).
 */
function modelAttribute(spellings: (string | undefined)[], live: LivePt, region: string): string {
  const current = servedModel(live);
  return spellings.find((written) => written && (written === current || canonicalModelKey(written, region) === current)) ?? current;
}

/**
 * The resource's own tags read back from the PT's tags: keys that differ from default_tags, plus
 * keys the resource itself sets to the default's value (so they do not flap between reads).
 */
function ownTagsOf(liveTags: Tags, defaultTags: Tags, written: Tags | undefined): Tags {
  const own = ownTags(liveTags, defaultTags);
  for (const [key, value] of Object.entries(written ?? {})) if (liveTags[key] === value) own[key] = value;
  return sortedTags(own);
}

/**
 * The state object of a live PT; `prior` supplies what only the configuration knows (model as
 * written, tags, timeouts), and `configModel` how the configuration spells the model now, when known.
 */
export function stateFromLive(live: LivePt, liveTags: Tags, defaultTags: Tags, region: string, prior?: CtyObject | null, configModel?: string): CtyObject {
  const priorTags = prior ? tagMap(prior.tags) : undefined;
  const tags = ownTagsOf(liveTags, defaultTags, priorTags);
  return completeObject({
    commitment_duration: live.commitment ?? null,
    id: live.arn,
    model_arn: modelAttribute([configModel, prior ? str(prior.model_arn) : undefined], live, region),
    model_units: live.modelUnits,
    provisioned_model_arn: live.arn,
    provisioned_model_name: live.name,
    // A resource written (or imported) without tags of its own keeps null rather than an empty map, as Terraform does.
    tags: (!prior || prior.tags === null) && Object.keys(tags).length === 0 ? null : tags,
    tags_all: sortedTags(liveTags),
    status: live.status,
    commitment_expiration_time: live.commitmentExpirationTime ?? null,
    foundation_model_arn: live.foundationModelArn || null,
    timeouts: prior?.timeouts ?? null,
  });
}
