/**
 * The Bedrock API's limits for a Provisioned Throughput, as plain rules with no cdktf
 * dependency, so the constructs (at synth) and the engine (on synthesized config) check
 * values the same way. Limits come from the Bedrock API model (2023-04-20) and the AWS
 * tagging limit of 50 tags per resource.
 */
import { COMMITMENTS, type Commitment, type Tags } from '../model/desired';

export const PT_NAME_MIN_LENGTH = 1;
export const PT_NAME_MAX_LENGTH = 63;
export const PT_NAME_PATTERN = /^([0-9a-zA-Z][_-]?)+$/;

export const MODEL_UNITS_MIN = 1;

export const MODEL_IDENTIFIER_MIN_LENGTH = 1;
export const MODEL_IDENTIFIER_MAX_LENGTH = 2048;
export const MODEL_IDENTIFIER_PATTERN =
  /^(arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:(([0-9]{12}:custom-model\/((imported)|([a-z0-9-]{1,63}[.]{1}[a-z0-9-]{1,63}))(([:][a-z0-9-]{1,63}){0,2})?\/[a-z0-9]{12})|(:foundation-model\/([a-z0-9-]{1,63}[.]{1}[a-z0-9-]{1,63}([.]?[a-z0-9-]{1,63})([:][a-z0-9-]{1,63}){0,2})))|(([a-z0-9-]{1,63}[.]{1}[a-z0-9-]{1,63}([.]?[a-z0-9-]{1,63})([:][a-z0-9-]{1,63}){0,2}))|(([0-9a-zA-Z][_-]?)+))$/;

/** AWS allows 50 tags per resource; Terraform sends `tags_all` (defaults merged with resource tags). */
export const MAX_TAGS_PER_RESOURCE = 50;
export const TAG_KEY_MIN_LENGTH = 1;
export const TAG_KEY_MAX_LENGTH = 128;
export const TAG_VALUE_MIN_LENGTH = 0;
export const TAG_VALUE_MAX_LENGTH = 256;
export const TAG_CHARACTERS_PATTERN = /^[a-zA-Z0-9\s._:/=+@-]*$/;
export const RESERVED_TAG_KEY_PREFIX = 'aws:';

/** Terraform timeouts are Go durations (time.ParseDuration). */
export const GO_DURATION_PATTERN = /^([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$/;

/** One broken rule: reads as `<field> <problem>; <rule>`, e.g. `modelUnits is 0; must be an integer >= 1`. */
export interface Violation {
  field: string;
  problem: string;
  rule: string;
}

export function describeViolation(v: Violation): string {
  return `${v.field} ${v.problem}; ${v.rule}`;
}

/** Quote a value for a message, shortening very long ones so the line stays readable. */
export function showValue(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 120 ? `${text.slice(0, 100)}…" (${String(value).length} characters)` : text;
}

export function checkPtName(name: string, field = 'name'): Violation[] {
  const ok = name.length >= PT_NAME_MIN_LENGTH && name.length <= PT_NAME_MAX_LENGTH && PT_NAME_PATTERN.test(name);
  if (ok) return [];
  return [
    {
      field,
      problem: `is ${showValue(name)}`,
      rule: `must be ${PT_NAME_MIN_LENGTH}-${PT_NAME_MAX_LENGTH} characters matching ${PT_NAME_PATTERN.source}`,
    },
  ];
}

export function checkModelUnits(units: number, field = 'modelUnits'): Violation[] {
  if (Number.isInteger(units) && units >= MODEL_UNITS_MIN) return [];
  return [{ field, problem: `is ${units}`, rule: `must be an integer >= ${MODEL_UNITS_MIN}` }];
}

export function checkCommitment(commitment: string, field = 'commitment'): Violation[] {
  if ((COMMITMENTS as readonly string[]).includes(commitment)) return [];
  return [
    {
      field,
      problem: `is ${showValue(commitment)}`,
      rule: `must be one of ${COMMITMENTS.map((c) => `"${c}"`).join(', ')} (omit it for no commitment)`,
    },
  ];
}

export function isCommitment(value: string): value is Commitment {
  return (COMMITMENTS as readonly string[]).includes(value);
}

export function checkModelIdentifier(model: string, field = 'model'): Violation[] {
  // Length first: it bounds the regex's work on hostile input.
  const ok = model.length >= MODEL_IDENTIFIER_MIN_LENGTH && model.length <= MODEL_IDENTIFIER_MAX_LENGTH && MODEL_IDENTIFIER_PATTERN.test(model);
  if (ok) return [];
  return [
    {
      field,
      problem: `is ${showValue(model)}`,
      rule:
        `must be ${MODEL_IDENTIFIER_MIN_LENGTH}-${MODEL_IDENTIFIER_MAX_LENGTH} characters matching the Bedrock ModelIdentifier pattern ` +
        '(a foundation-model ID such as "anthropic.claude-3-haiku-20240307-v1:0:200k", a foundation-model ARN, or a custom-model ARN)',
    },
  ];
}

/**
 * Check one tag. `isResolved` lets callers skip parts that are unresolved tokens
 * (e.g. a Terraform variable) whose value is only known at apply time.
 */
export function checkTag(key: string, value: string, field = 'tags', isResolved: (s: string) => boolean = () => true): Violation[] {
  const out: Violation[] = [];
  if (isResolved(key)) {
    if (key.length < TAG_KEY_MIN_LENGTH || key.length > TAG_KEY_MAX_LENGTH || !TAG_CHARACTERS_PATTERN.test(key)) {
      out.push({
        field,
        problem: `has key ${showValue(key)}`,
        rule: `a tag key must be ${TAG_KEY_MIN_LENGTH}-${TAG_KEY_MAX_LENGTH} characters of ${TAG_CHARACTERS_PATTERN.source}`,
      });
    }
    if (key.toLowerCase().startsWith(RESERVED_TAG_KEY_PREFIX)) {
      out.push({
        field,
        problem: `has key ${showValue(key)}`,
        rule: `a tag key must not start with "${RESERVED_TAG_KEY_PREFIX}" (reserved for AWS)`,
      });
    }
  }
  if (isResolved(value)) {
    if (value.length < TAG_VALUE_MIN_LENGTH || value.length > TAG_VALUE_MAX_LENGTH || !TAG_CHARACTERS_PATTERN.test(value)) {
      out.push({
        field,
        problem: `has value ${showValue(value)} for key ${showValue(key)}`,
        rule: `a tag value must be ${TAG_VALUE_MIN_LENGTH}-${TAG_VALUE_MAX_LENGTH} characters of ${TAG_CHARACTERS_PATTERN.source}`,
      });
    }
  }
  return out;
}

/** Check every tag's key and value. */
export function checkTags(tags: Tags, field = 'tags', isResolved: (s: string) => boolean = () => true): Violation[] {
  return Object.entries(tags).flatMap(([k, v]) => checkTag(k, v, field, isResolved));
}

/**
 * Check how many tags a resource ends up with. Pass the merged map (Terraform's
 * `tags_all`: provider default tags overlaid by resource tags) so defaults count too.
 */
export function checkTagCount(tagsAll: Tags, field = 'tags', what = 'tags'): Violation[] {
  const count = Object.keys(tagsAll).length;
  if (count <= MAX_TAGS_PER_RESOURCE) return [];
  return [{ field, problem: `gives ${count} ${what}`, rule: `must be at most ${MAX_TAGS_PER_RESOURCE} per resource` }];
}

export function checkTimeout(duration: string, field: string): Violation[] {
  if (GO_DURATION_PATTERN.test(duration)) return [];
  return [{ field, problem: `is ${showValue(duration)}`, rule: 'must be a duration such as "30s", "60m" or "2h45m"' }];
}

/** A PT's values under the Terraform attribute names; an absent value is not checked. */
export interface PtAttributeValues {
  provisioned_model_name?: string;
  model_arn?: string;
  model_units?: number;
  commitment_duration?: string;
  /** The resource's own tags. */
  tags?: Tags;
  /** The tags the PT gets (default_tags merged in), checked against the per-resource count too. */
  tags_all?: Tags;
  timeouts?: Record<string, string>;
}

/** What each door calls an attribute in its messages (cdktf's property names on the construct); Terraform's name where none is given. */
export type PtFieldNames = { readonly [K in keyof PtAttributeValues]?: string };

/**
 * Every API rule a PT's attributes break, in schema order: the one list the constructs, the
 * config reader and the provider check, each naming the fields in its users' words (`names`).
 * `isResolved` skips tag keys and values known only at apply time.
 */
export function checkPtAttributes(values: PtAttributeValues, isResolved: (s: string) => boolean = () => true, names: PtFieldNames = {}): Violation[] {
  const v = values;
  const field = (attribute: keyof PtAttributeValues) => names[attribute] ?? attribute;
  return [
    ...(v.provisioned_model_name !== undefined ? checkPtName(v.provisioned_model_name, field('provisioned_model_name')) : []),
    ...(v.model_arn !== undefined ? checkModelIdentifier(v.model_arn, field('model_arn')) : []),
    ...(v.model_units !== undefined ? checkModelUnits(v.model_units, field('model_units')) : []),
    ...(v.commitment_duration !== undefined ? checkCommitment(v.commitment_duration, field('commitment_duration')) : []),
    ...(v.tags ? checkTags(v.tags, field('tags'), isResolved) : []),
    ...(v.tags_all
      ? [...checkTags(v.tags_all, field('tags_all'), isResolved), ...checkTagCount(v.tags_all, field('tags_all'), 'tags (default_tags included)')]
      : []),
    ...Object.entries(v.timeouts ?? {}).flatMap(([kind, text]) => checkTimeout(text, `${field('timeouts')}.${kind}`)),
  ];
}
