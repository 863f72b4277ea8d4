/** What users write: Provisioned Throughputs and the per-environment stacks that hold them. */
export { ProvisionedThroughput, PT_ATTRIBUTES } from './provisioned-throughput';
export type { ProvisionedThroughputProps, ProvisionedThroughputTimeouts } from './provisioned-throughput';
export { Model, partitionOf } from './model';
export type { ModelKind } from './model';
export { EnvironmentStack } from './environment-stack';
export type { EnvironmentStackProps, EnvironmentBackend } from './environment-stack';
export { collectValidationErrors, synthApp, AppValidationError } from './validation';
export * as limits from './limits';
