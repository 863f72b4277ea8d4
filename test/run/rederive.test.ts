/**
 * planDifference compares a saved stack plan with the plan derived again at apply, on what
 * would be sent only. A table of edits to the saved plan: each one that changes a call is named,
 * and edits to what is only shown are not.
 */
import type { StackPlan } from '../../src/engine/model';
import { planDifference } from '../../src/engine/run/rederive';
import { loadRecordedConfigs } from '../../src/engine/run/recorded-config';
import { BedrockPtError } from '../../src/engine/errors';
import { PT_ADDRESS, createChange, deleteChange, deposedDeleteChange, plannedAttrs, stackPlan, tagUpdateChange } from '../render/plan-builders';

const derived = (): StackPlan =>
  stackPlan('dev', { changes: [tagUpdateChange(), createChange(plannedAttrs(), { address: 'aws_bedrock_provisioned_model_throughput.fresh' })] });
const FRESH = 'aws_bedrock_provisioned_model_throughput.fresh';

describe('planDifference', () => {
  it('finds none between a plan and itself', () => {
    expect(planDifference(derived(), derived())).toBeUndefined();
  });

  it.each<[string, (p: StackPlan) => void, RegExp]>([
    [
      'a create with other model units',
      (p) => (p.changes[1].after!.model_units = 9),
      new RegExp(`^${FRESH} after\\.model_units is 9 in the saved plan but 2 from`),
    ],
    ['an update turned into a delete', (p) => (p.changes[0].action = 'delete'), new RegExp(`^${PT_ADDRESS} action is "delete" in the saved plan but "update"`)],
    ['an extra tag to set', (p) => (p.changes[0].update!.tagsToSet.Owner = 'me'), /update\.tagsToSet\.Owner is "me" in the saved plan but absent from/],
    [
      'another ARN acted on',
      (p) => (p.changes[0].arn = 'arn:aws:bedrock:us-east-1:333333333333:provisioned-model/other'),
      /arn is "arn:.*other" in the saved plan but "arn:.*abc123"/,
    ],
    ['another model to create with', (p) => (p.changes[1].createModelId = 'amazon.titan-text-express-v1:0:8k'), /createModelId is "amazon\.titan/],
    [
      'a change the config no longer gives',
      (p) => p.changes.push(deleteChange(undefined, { address: 'aws_bedrock_provisioned_model_throughput.gone' })),
      /\.gone: the saved plan has a delete that the config, state and live PTs no longer give/,
    ],
    [
      'a change dropped',
      (p) => p.changes.splice(1, 1),
      new RegExp(`^${FRESH}: the config, state and live PTs now give a create that the saved plan does not have`),
    ],
    ['a deposed delete added beside the live resource', (p) => p.changes.push(deposedDeleteChange()), /\(deposed arn:.*old999\): the saved plan has a delete/],
    ['a change blocked in one plan only', (p) => (p.changes[1].blocked = true), /blocked is true in the saved plan but false/],
  ])('names %s', (_what, edit, expected) => {
    const saved = derived();
    edit(saved);
    expect(planDifference(saved, derived())?.what).toMatch(expected);
  });

  it('ignores what is only shown: explanations, reasons, drift and notes', () => {
    const saved = derived();
    saved.changes[0].explanations = ['edited prose'];
    saved.changes[0].reasons = ['rename'];
    saved.drift = [];
    saved.diagnostics = [{ severity: 'note', code: 'other-resources', summary: 'something' }];
    expect(planDifference(saved, derived())).toBeUndefined();
  });

  it('compares changes by address, whatever their order', () => {
    const saved = derived();
    saved.changes.reverse();
    expect(planDifference(saved, derived())).toBeUndefined();
  });
});

describe('loadRecordedConfigs', () => {
  it('refuses a plan that does not record its config source, naming the way to skip the check', async () => {
    const plan = stackPlan('dev', { target: { provider: { region: 'us-east-1', defaultTags: {} }, statePath: '/tmp/terraform.dev.tfstate' } });
    const error = await loadRecordedConfigs([plan]).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(BedrockPtError);
    expect((error as BedrockPtError).message).toBe(
      'saved plan for dev does not record where its configuration came from, so it cannot be checked against it; plan again with bedrock-pt plan --out, or pass --skip-config-check to apply it unchecked',
    );
  });
});
