/** The local Bedrock control-plane emulator: see README.md in this folder. */
export { startEmulator, Emulator } from './start';
export { EmulatorCore, DEFAULT_ACCOUNT, CONTROL_METHODS } from './emulator';
export type { EmulatorOptions, EmulatorControl, CustomModelInput, InventoryPt } from './emulator';
export { connectEmulator } from './controlHttp';
export type { RemoteEmulatorControl } from './controlHttp';
export type { FaultSpec, FaultKind, RateLimit, EmulatedOperation } from './faults';
export type { RequestLogEntry } from './requestLog';
export { DEFAULT_FOUNDATION_MODELS, foundationModelArn } from './catalog';
export type { FoundationModelSeed, InferenceType } from './catalog';
export { customModelArn } from './operations/models';
export { commitmentExpiry } from './lifecycle';
export { BEDROCK_API_CONSTRAINTS } from './constraints';
export type { OperationName } from './constraints';
export { registerEmulatorCommand } from './command';
