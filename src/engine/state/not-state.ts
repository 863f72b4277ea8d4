/**
 * Recognises JSON that is not Terraform state at all (a saved plan, a synth file, `[]`, `{}`),
 * so the error says what the file is and what to pass instead of complaining about a version.
 */
import { describeJson, jsonKind } from '../json-kind';

const STATE_KEYS = ['version', 'lineage', 'resources'];

/** A short description of what the JSON looks like instead, or undefined when it may be state. */
export function notStateReason(raw: unknown): string | undefined {
  const kind = jsonKind(raw);
  if (kind === 'terraform-state') return undefined;
  const doc = (typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? raw : {}) as Record<string, unknown>;
  const mayBeState = kind === 'other' && typeof raw === 'object' && raw !== null && !Array.isArray(raw) && STATE_KEYS.some((key) => doc[key] !== undefined);
  return mayBeState ? undefined : describeJson(raw);
}

/** The sentence after "state file X": what it is and what to do. */
export function notStateMessage(reason: string): string {
  return (
    `is JSON but not Terraform state (it is ${reason}, with no "version"/"lineage"/"resources"); ` +
    "check the stack's local backend path: it must name the stack's Terraform state (e.g. terraform.<stack>.tfstate) or a file that does not exist yet"
  );
}
