/** One sentence per reason code, so a reviewer reads why without knowing the codes. */
import type { LivePt, ReasonCode } from '../model';

export interface Reason {
  code: ReasonCode;
  explanation: string;
}

export const reasons = {
  newInConfig: (): Reason => ({
    code: 'new-in-config',
    explanation: 'create: the resource is in the configuration but not in state',
  }),
  removedFromConfig: (): Reason => ({
    code: 'removed-from-config',
    explanation: 'destroy: the resource is in state but no longer in the configuration',
  }),
  goneOutside: (arn: string, thenWhat: 'create' | 'forget'): Reason => ({
    code: 'gone-outside',
    explanation:
      thenWhat === 'create'
        ? `create: ${arn} was deleted outside bedrock-pt; apply drops it from state and creates a new one`
        : `${arn} was deleted outside bedrock-pt; apply drops it from state`,
  }),
  rename: (from: string, to: string): Reason => ({
    code: 'rename',
    explanation: `update in place: the name changes from "${from}" to "${to}" without replacing the Provisioned Throughput`,
  }),
  tags: (): Reason => ({
    code: 'tags',
    explanation: 'update in place: tags change with TagResource / UntagResource',
  }),
  customModelSwap: (): Reason => ({
    code: 'custom-model-swap',
    explanation: 'update in place: a Provisioned Throughput bought for a custom model can switch to its base model or another custom model of the same base',
  }),
  modelUnits: (): Reason => ({
    code: 'cannot-update-model-units',
    explanation: 'forces replacement: model units cannot be changed on an existing Provisioned Throughput',
  }),
  commitment: (): Reason => ({
    code: 'cannot-update-commitment',
    explanation: 'forces replacement: the commitment term cannot be changed on an existing Provisioned Throughput',
  }),
  modelOfFoundationPt: (): Reason => ({
    code: 'cannot-update-model',
    explanation: 'forces replacement: a Provisioned Throughput bought for a foundation model cannot change its model',
  }),
  modelOfOtherBase: (): Reason => ({
    code: 'cannot-update-model',
    explanation: 'forces replacement: the new model does not derive from the same base model, so the Provisioned Throughput cannot switch to it',
  }),
  failed: (pt: LivePt): Reason => ({
    code: 'failed-status',
    explanation: `forces replacement: the Provisioned Throughput is in status Failed${pt.failureMessage ? ` (${pt.failureMessage})` : ''}`,
  }),
  replaceRequested: (): Reason => ({
    code: 'replace-requested',
    explanation: 'forces replacement: a replacement was requested (terraform apply -replace, or Terraform is replacing it)',
  }),
  importing: (id: string): Reason => ({
    code: 'import',
    explanation: `import: the existing Provisioned Throughput "${id}" is adopted into state`,
  }),
  moved: (from: string): Reason => ({
    code: 'moved',
    explanation: `moved: the state record moves from ${from} to this address, with no API call`,
  }),
};
