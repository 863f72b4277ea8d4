/** Differences between state and the live PT that were made outside bedrock-pt. */
import type { AttributeChange, DriftEntry, LivePt, ManagedPt } from '../model';
import { servedModel } from '../pt/model-identity';
import { sameValue, sortedTags } from './attributes';
import type { ModelCatalog } from './models';

export function goneDrift(address: string, recorded: ManagedPt): DriftEntry {
  return {
    address,
    kind: 'gone',
    arn: recorded.arn,
    attributes: [
      { attribute: 'provisioned_model_arn', before: recorded.arn, after: null, forcesReplacement: false },
      { attribute: 'provisioned_model_name', before: recorded.name, after: null, forcesReplacement: false },
    ],
  };
}

/** State says `recorded`; the API says `live`. Undefined when they agree. */
export function changedDrift(address: string, recorded: ManagedPt, live: LivePt, catalog: ModelCatalog): DriftEntry | undefined {
  const attributes: AttributeChange[] = [];
  const note = (attribute: AttributeChange['attribute'], before: unknown, after: unknown) =>
    attributes.push({ attribute, before, after, forcesReplacement: false });
  // A swap still Updating is drift already: it is where the PT is going.
  const liveModel = servedModel(live);
  if (catalog.canonical(recorded.modelArn) !== catalog.canonical(liveModel)) note('model_arn', recorded.modelArn, liveModel);
  if (recorded.modelUnits !== live.modelUnits) note('model_units', recorded.modelUnits, live.modelUnits);
  if ((recorded.commitment ?? null) !== (live.commitment ?? null)) note('commitment_duration', recorded.commitment ?? null, live.commitment ?? null);
  if (recorded.name !== live.name) note('provisioned_model_name', recorded.name, live.name);
  if (live.tags && !sameValue(sortedTags(recorded.tagsAll), sortedTags(live.tags))) {
    note('tags_all', sortedTags(recorded.tagsAll), sortedTags(live.tags));
  }
  return attributes.length ? { address, kind: 'changed', arn: live.arn, attributes } : undefined;
}
