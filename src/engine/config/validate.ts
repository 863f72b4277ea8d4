/** API limits on synthesized PTs, checked with the same rules the constructs use at synth time. */
import {
  checkModelIdentifier,
  checkModelUnits,
  checkPtName,
  checkTagCount,
  checkTags,
  checkTimeout,
  describeViolation,
} from '../pt/limits';
import { BedrockPtError } from '../errors';
import type { DesiredPt } from '../model/desired';
import { oneLine } from './fail';

/** Throws one 'validation' error listing every broken rule of every PT in the stack. */
export function validateStackPts(stack: string, pts: DesiredPt[]): void {
  const problems: { address: string; field: string; text: string }[] = [];
  for (const pt of pts) {
    const violations = [
      ...checkPtName(pt.name, 'provisioned_model_name'),
      ...checkModelIdentifier(pt.model, 'model_arn'),
      ...checkModelUnits(pt.modelUnits, 'model_units'),
      ...checkTags(pt.tagsAll, 'tags_all'),
      ...checkTagCount(pt.tagsAll, 'tags_all', 'tags (default_tags included)'),
      ...Object.entries(pt.timeouts).flatMap(([key, value]) => checkTimeout(value as string, `timeouts.${key}`)),
    ];
    for (const v of violations) problems.push({ address: pt.address, field: v.field, text: describeViolation(v) });
  }
  if (problems.length === 0) return;
  const first = problems[0];
  const message = problems.map((p) => `${stack}/${p.address} ${p.text}`).join('; ');
  throw new BedrockPtError('validation', oneLine(message), { stack, address: first.address, field: first.field });
}
