/**
 * The profiles the shared AWS files define, read the way the SDK reads them (AWS_CONFIG_FILE,
 * AWS_SHARED_CREDENTIALS_FILE, `~/.aws/…`), so a profile that does not exist can be answered with
 * the one the user probably meant.
 */
import { loadSharedConfigFiles } from '@smithy/core/config';
import leven from 'leven';

/** Profile names of the config and credentials files (sso-session and services sections left out). */
export async function knownProfiles(): Promise<string[]> {
  const { configFile, credentialsFile } = await loadSharedConfigFiles({ ignoreCache: true });
  const names = [...Object.keys(configFile ?? {}), ...Object.keys(credentialsFile ?? {})];
  return [...new Set(names.filter((n) => !/^(sso-session|services)\./.test(n)))].sort();
}

/**
 * The known profile closest to `name`: a typo (a few edits away) or the name with a prefix the
 * user left out (`dev` for `bedrock-pt-dev`). Undefined when nothing is close.
 */
export function closestProfile(name: string, known: readonly string[]): string | undefined {
  const maxEdits = Math.max(1, Math.floor(name.length / 4));
  const scored = known
    .filter((k) => k !== name)
    .map((k) => ({ k, edits: leven(k, name) }))
    .filter(({ k, edits }) => edits <= maxEdits || k.endsWith(`-${name}`) || k.endsWith(`_${name}`))
    .sort((a, b) => a.edits - b.edits || a.k.localeCompare(b.k));
  return scored[0]?.k;
}
