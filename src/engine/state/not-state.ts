/**
 * Recognises JSON that is not Terraform state at all (a saved plan, a synth file, `[]`, `{}`),
 * so the error says what the file is and what to pass instead of complaining about a version.
 */
import { PLAN_FORMAT } from '../model/plan';

const STATE_KEYS = ['version', 'lineage', 'resources'];

/** A short description of what the JSON looks like instead, or undefined when it may be state. */
export function notStateReason(raw: unknown): string | undefined {
  if (Array.isArray(raw)) return 'a JSON list';
  if (typeof raw !== 'object' || raw === null) return `a JSON ${raw === null ? 'null' : typeof raw}`;
  const doc = raw as Record<string, unknown>;
  if (doc.format === PLAN_FORMAT) return 'a bedrock-pt saved plan';
  if (doc.format_version !== undefined && (doc.planned_values !== undefined || doc.resource_changes !== undefined)) return 'a Terraform JSON plan';
  if (doc.stacks !== undefined && doc.version !== undefined && doc.lineage === undefined) return 'a cdktf manifest.json';
  if ((doc.terraform !== undefined || doc.provider !== undefined || doc['//'] !== undefined) && doc.lineage === undefined) return 'a cdktf synth file (cdk.tf.json)';
  if (STATE_KEYS.every((key) => doc[key] === undefined)) return Object.keys(doc).length === 0 ? 'an empty JSON object' : 'a JSON object';
  return undefined;
}

/** The sentence after "state file X": what it is and what to do. */
export function notStateMessage(reason: string): string {
  return (
    `is JSON but not Terraform state (it is ${reason}, with no "version"/"lineage"/"resources"); ` +
    "check the stack's local backend path: it must name the stack's Terraform state (e.g. terraform.<stack>.tfstate) or a file that does not exist yet"
  );
}
