export { loadState, stateFromText, emptyStateDocument, parseStateDocument, type LoadedState } from './load';
export { writeState, writeFileAtomic } from './write';
export { acquireLock, forceUnlock, lockPathFor, readLockInfo, type LockInfo, type LockRequest, type StateLock } from './lock';
export { openStateSession, removeFromState, recordImport, type SessionOptions, type StateSession } from './session';
export { documentWithManaged, managedFromDocument, attributesFor, type WriteDefaults } from './convert';
export { AWS_PROVIDER_SOURCE, BEDROCK_PT_KEY, providerAddress, type TfInstance, type TfResource, type TfStateDocument } from './format';
