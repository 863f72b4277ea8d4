/** ValidateResourceConfig: the API's own limits (shared with synth-time validation), on values known now. */
import { isUnknown, type CtyObject, type ProviderDiagnostic } from '../contract';
import { checkPtAttributes, describeViolation } from '../../engine/pt/limits';
import { str, tagMap, timeoutsOf } from './cty-values';

export function validatePtConfig(config: CtyObject): ProviderDiagnostic[] {
  const violations = checkPtAttributes(
    {
      provisioned_model_name: str(config.provisioned_model_name),
      model_arn: str(config.model_arn),
      model_units: typeof config.model_units === 'number' ? config.model_units : undefined,
      commitment_duration: str(config.commitment_duration),
      tags: tagMap(config.tags),
      timeouts: { ...timeoutsOf(config.timeouts) },
    },
    (s) => !isUnknown(s),
  );
  return violations.map((v) => {
    const attribute = v.field.split('.')[0];
    return { severity: 'error', summary: `Invalid ${attribute}`, detail: describeViolation(v), path: [{ attribute }] };
  });
}
