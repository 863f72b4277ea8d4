/** bedrock-pt's public API: the cdktf bindings, and the engine pieces for programmatic use. */
export * from './resources';
export * as engine from './engine/model';
export { planStack, ptFingerprint, summarize } from './engine/plan';
export { renderText } from './engine/render/text';
export { renderMarkdown } from './engine/render/markdown';
export { renderTerraformJson } from './engine/render/terraform-json';
export { BedrockPtError } from './engine/errors';
export { startEmulator } from './emulator';
