/**
 * What a file a user passed turns out to be, when it is not what the command reads: a saved
 * plan, Terraform state, a Terraform JSON or binary plan, cdktf output, or some other JSON. Every
 * reader of a user's file (state, saved plans, review) says this instead of naming a field the
 * file was never meant to have.
 */
import { PLAN_FORMAT } from './model/plan';

export type FileKind = 'bedrock-pt-plan' | 'terraform-state' | 'terraform-json-plan' | 'cdktf-manifest' | 'cdktf-synth' | 'other';

const DESCRIPTION: Record<Exclude<FileKind, 'other'>, string> = {
  'bedrock-pt-plan': 'a bedrock-pt saved plan (from `bedrock-pt plan --out`)',
  'terraform-state': 'Terraform state',
  'terraform-json-plan': 'a Terraform JSON plan (from `terraform show -json`)',
  'cdktf-manifest': 'a cdktf manifest.json',
  'cdktf-synth': 'a cdktf synth file (cdk.tf.json)',
};

export function jsonKind(raw: unknown): FileKind {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return 'other';
  const doc = raw as Record<string, unknown>;
  if (doc.format === PLAN_FORMAT) return 'bedrock-pt-plan';
  if (doc.format_version !== undefined && (doc.planned_values !== undefined || doc.resource_changes !== undefined)) return 'terraform-json-plan';
  if (doc.stacks !== undefined && doc.version !== undefined && doc.lineage === undefined) return 'cdktf-manifest';
  if ((doc.terraform !== undefined || doc.provider !== undefined || doc['//'] !== undefined) && doc.lineage === undefined) return 'cdktf-synth';
  if (typeof doc.version === 'number' && (doc.lineage !== undefined || doc.resources !== undefined)) return 'terraform-state';
  return 'other';
}

/** "a bedrock-pt saved plan", "Terraform state", "a JSON list", "a JSON object with keys a, b": what to tell the user the JSON is. */
export function describeJson(raw: unknown): string {
  const kind = jsonKind(raw);
  if (kind !== 'other') return DESCRIPTION[kind];
  if (Array.isArray(raw)) return 'a JSON list';
  if (typeof raw !== 'object' || raw === null) return `a JSON ${raw === null ? 'null' : typeof raw}`;
  const keys = Object.keys(raw);
  if (keys.length === 0) return 'an empty JSON object';
  const shown = keys
    .slice(0, 3)
    .map((k) => JSON.stringify(k))
    .join(', ');
  return `a JSON object with key${keys.length === 1 ? '' : 's'} ${shown}${keys.length > 3 ? ', …' : ''}`;
}

/** For text that is not JSON: what it looks like, when that is recognisable. */
export function describeNotJson(text: string): string | undefined {
  // Terraform's saved plan (`terraform plan -out`) is a zip archive.
  if (text.startsWith('PK\u0003\u0004')) return "a zip archive, as Terraform's binary plan file (from `terraform plan -out`) is";
  return undefined;
}
