export { readCdktfJson, synthesizeApp, type SynthesizeOptions } from './synthesize';
export { readSynthDir, type ReadSynthOptions } from './read-synth-dir';
export { readStackConfig, type SynthesizedStack } from './stack';
export { stackFingerprint } from './fingerprint';
