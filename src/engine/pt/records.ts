/**
 * The state record (ManagedPt) of a PT, from what the service says (LivePt) or from a change's
 * attributes. Every writer of a record builds it here, so a record means the same thing whoever
 * wrote it: the PT's facts as Bedrock reports them, the model it serves (a swap still Updating
 * counts as done), and the tags the writer knows (own tags come only from configuration or the
 * request; all tags are as read, else as asked).
 */
import type { LivePt, ManagedPt, PtAttributes, Tags, Timeouts } from '../model';
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
export function managedWithAttributes(record: ManagedPt, attributes: Pick<PtAttributes, 'provisioned_model_name' | 'model_arn' | 'model_units' | 'commitment_duration'>, tags: RecordTags): ManagedPt {
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
