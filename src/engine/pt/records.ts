/**
 * The state record (ManagedPt) of a PT, from what the service says (LivePt) or from a change's
 * attributes. Every writer of a record builds it here, so a record means the same thing whoever
 * wrote it: the PT's facts as Bedrock reports them, the model it serves (a swap still Updating
 * counts as done), and the tags the writer knows (own tags come only from configuration or the
 * request; all tags are as read, else as asked).
 */
import { COMMITMENTS, type Commitment, type LivePt, type ManagedPt, type PtAttributes, type Tags, type Timeouts } from '../model';
import { servedModel } from './model-identity';

export interface RecordTags {
  /** The resource's own tags (without provider default tags). */
  tags: Tags;
  /** Every tag on the PT. */
  tagsAll: Tags;
}

export interface RecordPlace {
  region?: string;
  timeouts?: Timeouts;
}

export function managedFromLive(address: string, pt: LivePt, tags: RecordTags, place: RecordPlace = {}): ManagedPt {
  return {
    address,
    arn: pt.arn,
    name: pt.name,
    modelArn: servedModel(pt),
    modelUnits: pt.modelUnits,
    ...(pt.commitment ? { commitment: pt.commitment } : {}),
    tags: { ...tags.tags },
    tagsAll: { ...tags.tagsAll },
    ...(place.region ? { region: place.region } : {}),
    ...(place.timeouts ? { timeouts: place.timeouts } : {}),
  };
}

/** `record` with the attributes a change reports (its ARN, address, region and timeouts kept). */
export function managedWithAttributes(
  record: ManagedPt,
  attributes: Pick<PtAttributes, 'provisioned_model_name' | 'model_arn' | 'model_units' | 'commitment_duration'>,
  tags: RecordTags,
): ManagedPt {
  return {
    ...record,
    name: attributes.provisioned_model_name,
    modelArn: attributes.model_arn,
    modelUnits: attributes.model_units,
    commitment: attributes.commitment_duration ?? undefined,
    tags: { ...tags.tags },
    tagsAll: { ...tags.tagsAll },
  };
}

/** Told of a value a record cannot be read from: its attribute (none for the object itself) and why. */
export type AttributeProblem = (field: string | undefined, message: string) => void;

/**
 * The record held in a PT's Terraform attributes (a state file instance's `attributes`, or the
 * provider's decoded prior object; the two are one shape, cty's). This is the one place that knows
 * which attribute holds what. `problem` hears of a value missing or of the wrong type: the state
 * file reader stops there; the provider, whose objects Terraform has already checked against the
 * schema and whose imported object holds only `id`, reads on with what is there.
 */
export function recordFromAttributes(attributes: Readonly<Record<string, unknown>>, problem: AttributeProblem): Omit<ManagedPt, 'address'> {
  const str = (field: string, required: boolean): string | undefined => {
    const value = attributes[field];
    if (typeof value === 'string') return value;
    if (value === undefined || value === null) {
      if (required) problem(field, 'is missing');
    } else problem(field, `expected a string, got ${JSON.stringify(value)}`);
    return undefined;
  };
  const arn = str('provisioned_model_arn', false) ?? str('id', true) ?? '';
  const units = attributes.model_units;
  if (typeof units !== 'number' || !Number.isInteger(units)) problem('model_units', `expected a whole number, got ${JSON.stringify(units)}`);
  const record: Omit<ManagedPt, 'address'> = {
    arn,
    name: str('provisioned_model_name', true) ?? '',
    modelArn: str('model_arn', true) ?? '',
    modelUnits: typeof units === 'number' ? units : 0,
    tags: tagsFrom('tags', attributes.tags, problem),
    tagsAll: tagsFrom('tags_all', attributes.tags_all, problem),
  };
  const commitment = str('commitment_duration', false);
  if (commitment !== undefined) {
    if ((COMMITMENTS as readonly string[]).includes(commitment)) record.commitment = commitment as Commitment;
    else problem('commitment_duration', `unknown value "${commitment}"`);
  }
  const region = str('region', false);
  if (region) record.region = region;
  const timeouts = timeoutsFrom(attributes.timeouts, problem);
  if (timeouts) record.timeouts = timeouts;
  return record;
}

function tagsFrom(field: string, value: unknown, problem: AttributeProblem): Tags {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    problem(field, 'expected a map of strings');
    return {};
  }
  const tags: Tags = {};
  for (const [key, v] of Object.entries(value)) {
    if (typeof v === 'string') tags[key] = v;
    else problem(field, `value of "${key}" is not a string`);
  }
  return tags;
}

function timeoutsFrom(value: unknown, problem: AttributeProblem): Timeouts | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) {
    problem('timeouts', 'expected an object');
    return undefined;
  }
  const timeouts: Timeouts = {};
  for (const key of ['create', 'update', 'delete'] as const) {
    const v = (value as Record<string, unknown>)[key];
    if (typeof v === 'string') timeouts[key] = v;
  }
  return timeouts;
}
