/** ValidateResourceConfig: the API's own limits (shared with synth-time validation), on values known now. */
import { isUnknown, type CtyObject, type ProviderDiagnostic } from '../contract';
import { checkCommitment, checkModelIdentifier, checkModelUnits, checkPtName, checkTags, checkTimeout, describeViolation, type Violation } from '../../resources/limits';
import { str, tagMap, timeoutsOf } from './cty-values';

export function validatePtConfig(config: CtyObject): ProviderDiagnostic[] {
  const out: ProviderDiagnostic[] = [];
  const add = (attribute: string, violations: Violation[]) => {
    for (const v of violations) out.push({ severity: 'error', summary: `Invalid ${attribute}`, detail: describeViolation(v), path: [{ attribute }] });
  };
  const name = str(config.provisioned_model_name);
  if (name !== undefined) add('provisioned_model_name', checkPtName(name, 'provisioned_model_name'));
  const model = str(config.model_arn);
  if (model !== undefined) add('model_arn', checkModelIdentifier(model, 'model_arn'));
  if (typeof config.model_units === 'number') add('model_units', checkModelUnits(config.model_units, 'model_units'));
  const commitment = str(config.commitment_duration);
  if (commitment !== undefined) add('commitment_duration', checkCommitment(commitment, 'commitment_duration'));
  const tags = tagMap(config.tags);
  if (tags) add('tags', checkTags(tags, 'tags', (s) => !isUnknown(s)));
  for (const [kind, text] of Object.entries(timeoutsOf(config.timeouts))) add('timeouts', checkTimeout(text, `timeouts.${kind}`));
  return out;
}
