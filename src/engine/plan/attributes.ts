/** Terraform-named attributes (PtAttributes) of desired and live PTs, and the differences between them. */
import { canonicalJson } from '../canonical';
import { parseIgnoreEntry } from '../rules/ignore-changes';
import { PLANNED_PT_ATTRIBUTES } from '../pt/attributes';
import type { AttributeChange, DesiredPt, LivePt, PtAttributeName, PtAttributes, Tags } from '../model';

const COMPUTED: ReadonlySet<PtAttributeName> = new Set(['id', 'provisioned_model_arn']);

export function sortedTags(tags: Tags): Tags {
  const out: Tags = {};
  for (const key of Object.keys(tags).sort()) out[key] = tags[key];
  return out;
}

/**
 * The resource's own tags as the provider reads them back: live tags minus those
 * that come unchanged from default_tags. Used when state has no record (import).
 */
export function ownTags(liveTags: Tags, defaultTags: Tags): Tags {
  const out: Tags = {};
  for (const [key, value] of Object.entries(liveTags)) if (defaultTags[key] !== value) out[key] = value;
  return sortedTags(out);
}

/** The "before" side: the refreshed live PT; `tags` from state since the API only knows tags_all. */
export function liveAttributes(pt: LivePt, stateTags: Tags | undefined, stateTagsAll: Tags | undefined, defaultTags: Tags): PtAttributes {
  const tagsAll = pt.tags ?? stateTagsAll ?? {};
  return {
    provisioned_model_name: pt.name,
    model_arn: pt.modelArn,
    model_units: pt.modelUnits,
    commitment_duration: pt.commitment ?? null,
    tags: sortedTags(stateTags ?? ownTags(tagsAll, defaultTags)),
    tags_all: sortedTags(tagsAll),
    provisioned_model_arn: pt.arn,
    id: pt.arn,
  };
}

/** The "after" side from config; `arn` null for a PT yet to be created. */
export function desiredAttributes(desired: DesiredPt, modelArn: string, arn: string | null): PtAttributes {
  return {
    provisioned_model_name: desired.name,
    model_arn: modelArn,
    model_units: desired.modelUnits,
    commitment_duration: desired.commitment ?? null,
    tags: sortedTags(desired.tags),
    tags_all: sortedTags(desired.tagsAll),
    provisioned_model_arn: arn,
    id: arn,
  };
}

/**
 * `ignore_changes`: ignored attributes keep their live value. Ignoring `tags` keeps every own
 * tag as it is live but still lets default_tags reach tags_all, as in Terraform, unless
 * tags_all is ignored too. A single key (`tags["Owner"]`) keeps its live value while every
 * other key follows config.
 */
export function withIgnoredChanges(after: PtAttributes, before: PtAttributes, ignore: string[] | 'all', defaultTags: Tags): PtAttributes {
  if (ignore === 'all') return { ...before };
  const paths = ignore.map(parseIgnoreEntry).flatMap((p) => (p.ok ? [p.path] : []));
  const ignored = new Set(paths.filter((p) => p.key === undefined).map((p) => p.attribute));
  let out: PtAttributes = { ...after };
  for (const name of PLANNED_PT_ATTRIBUTES) {
    if (ignored.has(name) && !COMPUTED.has(name)) (out as unknown as Record<string, unknown>)[name] = before[name];
  }
  if (ignored.has('tags') && !ignored.has('tags_all')) {
    // Every key the resource has or had as its own (config, state, live) keeps its live value, as Terraform's refresh would.
    const keys = new Set([...Object.keys(after.tags), ...Object.keys(before.tags), ...Object.keys(ownTags(before.tags_all, defaultTags))]);
    for (const key of keys) out = withLiveTagKey(out, before, key, false, defaultTags);
  }
  for (const path of paths) {
    if (path.key !== undefined && !ignored.has(path.attribute) && !ignored.has('tags_all')) {
      out = withLiveTagKey(out, before, path.key, path.attribute === 'tags_all', defaultTags);
    }
  }
  return out;
}

/**
 * One ignored tag key. `tags["K"]` behaves as in Terraform: K keeps its live value as one of
 * the resource's own tags, and default_tags still fill tags_all[K] when it has none.
 * `tags_all["K"]` (which Terraform calls redundant, tags_all being computed) keeps K in tags_all
 * exactly as it is live, present or absent, default tag or not.
 */
function withLiveTagKey(out: PtAttributes, before: PtAttributes, key: string, exact: boolean, defaultTags: Tags): PtAttributes {
  const live = before.tags_all[key];
  // Live tags equal to a default tag come from default_tags, unless state recorded them as the resource's own.
  const own = live !== undefined && (live !== defaultTags[key] || before.tags[key] === live) ? live : undefined;
  const inTagsAll = exact ? live : (own ?? defaultTags[key]);
  return { ...out, tags: withKey(out.tags, key, own), tags_all: withKey(out.tags_all, key, inTagsAll) };
}

function withKey(tags: Tags, key: string, value: string | undefined): Tags {
  const { [key]: _dropped, ...rest } = tags;
  return sortedTags(value === undefined ? rest : { ...rest, [key]: value });
}

export function sameValue(a: unknown, b: unknown): boolean {
  return canonicalJson(a ?? null) === canonicalJson(b ?? null);
}

/**
 * Per-attribute before → after. Update/replace: only what changes. Create: every
 * known or computed attribute. Delete: every attribute the PT had.
 */
export function attributeChanges(
  before: PtAttributes | null,
  after: PtAttributes | null,
  forcing: ReadonlySet<PtAttributeName> = new Set(),
): AttributeChange[] {
  const changes: AttributeChange[] = [];
  for (const attribute of PLANNED_PT_ATTRIBUTES) {
    const b = before ? before[attribute] : null;
    const a = after ? after[attribute] : null;
    if (before && after && sameValue(a, b)) continue;
    if (!before && a === null && !COMPUTED.has(attribute)) continue;
    if (!after && b === null) continue;
    changes.push({ attribute, before: b, after: a, forcesReplacement: forcing.has(attribute) });
  }
  return changes;
}

/** Exactly the TagResource / UntagResource calls that turn `live` into `desired`. */
export function tagDelta(live: Tags, desired: Tags): { tagsToSet: Tags; tagKeysToRemove: string[] } {
  const tagsToSet: Tags = {};
  for (const key of Object.keys(desired).sort()) if (live[key] !== desired[key]) tagsToSet[key] = desired[key];
  const tagKeysToRemove = Object.keys(live)
    .filter((key) => !(key in desired))
    .sort();
  return { tagsToSet, tagKeysToRemove };
}
