import { fingerprint } from '../canonical';
import type { StackConfig } from '../model/desired';

/**
 * SHA-256 over what decides a plan for this stack: the PTs, where they live (account
 * identity and region, not endpoints, which differ between emulator and AWS for the same
 * intent) and the moved/import blocks. Lists are sorted so declaration order does not matter.
 */
export function stackFingerprint(config: Omit<StackConfig, 'fingerprint'>): string {
  const byKey =
    <T>(key: (t: T) => string) =>
    (a: T, b: T) =>
      key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
  return fingerprint({
    stack: config.name,
    provider: {
      alias: config.provider.alias,
      region: config.provider.region,
      profile: config.provider.profile,
      assumeRole: config.provider.assumeRole,
    },
    resources: [...config.resources].sort(byKey((r) => r.address)),
    moved: [...config.moved].sort(byKey((m) => `${m.from}\u0000${m.to}`)),
    imports: [...config.imports].sort(byKey((m) => `${m.to}\u0000${m.id}`)),
  });
}
