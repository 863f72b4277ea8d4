/** API limits on synthesized PTs, checked with the same rules the constructs use at synth time. */
import { checkPtAttributes, describeViolation } from '../pt/limits';
import { BedrockPtError } from '../errors';
import type { DesiredPt } from '../model/desired';
import { oneLine } from './fail';

/** Throws one 'validation' error listing every broken rule of every PT in the stack. */
export function validateStackPts(stack: string, pts: DesiredPt[]): void {
  const problems: { address: string; field: string; text: string }[] = [];
  for (const pt of pts) {
    const violations = checkPtAttributes({
      provisioned_model_name: pt.name,
      model_arn: pt.model,
      model_units: pt.modelUnits,
      tags_all: pt.tagsAll,
      timeouts: { ...pt.timeouts },
    });
    for (const v of violations) problems.push({ address: pt.address, field: v.field, text: describeViolation(v) });
  }
  if (problems.length === 0) return;
  const first = problems[0];
  const message = problems.map((p) => `${stack}/${p.address} ${p.text}`).join('; ');
  throw new BedrockPtError('validation', oneLine(message), { stack, address: first.address, field: first.field });
}
