/** One `aws_bedrock_provisioned_model_throughput` resource block → DesiredPt. */
import { COMMITMENTS, PT_RESOURCE_TYPE, type Commitment, type DesiredPt, type Lifecycle, type Timeouts } from '../model/desired';
import { configError, describe, isPlainObject, optionalBool, optionalString, requiredNumber, requiredString, stringMap, type ConfigSubject } from './fail';
import { formatIgnorePath, parseIgnoreEntry } from '../rules/ignore-changes';
import type { VariableResolver } from './variables';

/** Keys the resource block may carry that do not change what bedrock-pt does. */
const IGNORED_KEYS = new Set(['//', 'depends_on', 'provisioner', 'connection']);
const HANDLED_KEYS = new Set([
  'provisioned_model_name',
  'model_arn',
  'model_units',
  'commitment_duration',
  'tags',
  'timeouts',
  'provider',
  'lifecycle',
  'region',
]);
/** Meta-arguments whose Terraform semantics bedrock-pt does not reproduce; refusing beats acting differently from Terraform. */
const UNSUPPORTED_KEYS: Record<string, string> = {
  count: 'count is not supported on a Provisioned Throughput; declare one resource per PT',
  for_each: 'for_each is not supported on a Provisioned Throughput; declare one resource per PT',
};

export interface ParsedPt {
  pt: DesiredPt;
  /** Alias of the provider block the resource selects ('' = default). */
  providerRef: unknown;
  /** Resource-level `region` (aws provider 6), if written. */
  region?: string;
}

export function readPtResource(logicalId: string, raw: unknown, vars: VariableResolver, stack: string): ParsedPt {
  const address = `${PT_RESOURCE_TYPE}.${logicalId}`;
  const at = (field: string): ConfigSubject => ({ stack, address, field });
  if (!isPlainObject(raw)) configError({ stack, address }, `expected a resource block (object), got ${describe(raw)}`);
  for (const key of Object.keys(raw)) {
    if (UNSUPPORTED_KEYS[key]) configError(at(key), UNSUPPORTED_KEYS[key]);
    if (!HANDLED_KEYS.has(key) && !IGNORED_KEYS.has(key)) configError(at(key), 'unsupported attribute for this resource type');
  }
  const value = (field: string): unknown => vars.resolve(raw[field], at(field));

  const modelUnits = requiredNumber(value('model_units'), at('model_units'));
  if (!Number.isInteger(modelUnits)) configError(at('model_units'), `must be a whole number, got ${modelUnits}`);

  const pt: DesiredPt = {
    address,
    name: requiredString(value('provisioned_model_name'), at('provisioned_model_name')),
    model: requiredString(value('model_arn'), at('model_arn')),
    modelUnits,
    tags: stringMap(value('tags'), at('tags')),
    // Filled by the stack reader once the provider's default_tags are known.
    tagsAll: {},
    lifecycle: readLifecycle(raw.lifecycle, at),
    timeouts: readTimeouts(value('timeouts'), at),
  };
  const commitment = readCommitment(value('commitment_duration'), at('commitment_duration'));
  if (commitment) pt.commitment = commitment;
  const region = optionalString(value('region'), at('region'));
  return { pt, providerRef: raw.provider, ...(region ? { region } : {}) };
}

function readCommitment(value: unknown, subject: ConfigSubject): Commitment | undefined {
  const text = optionalString(value, subject);
  if (text === undefined) return undefined;
  if (!(COMMITMENTS as readonly string[]).includes(text)) {
    configError(subject, `must be one of ${COMMITMENTS.join(', ')} (or omitted for no commitment), got "${text}"`);
  }
  return text as Commitment;
}

function readTimeouts(value: unknown, at: (field: string) => ConfigSubject): Timeouts {
  if (value === undefined || value === null) return {};
  const block = Array.isArray(value) && value.length === 1 ? value[0] : value;
  if (!isPlainObject(block)) configError(at('timeouts'), `expected a block (object), got ${describe(value)}`);
  const timeouts: Timeouts = {};
  for (const [key, v] of Object.entries(block)) {
    if (key !== 'create' && key !== 'update' && key !== 'delete') configError(at(`timeouts.${key}`), 'unsupported timeout');
    const text = optionalString(v, at(`timeouts.${key}`));
    if (text === undefined) continue;
    if (!/^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/.test(text)) {
      configError(at(`timeouts.${key}`), `expected a duration such as "60m" or "1h30m", got "${text}"`);
    }
    timeouts[key] = text;
  }
  return timeouts;
}

/** cdktf writes lifecycle as a plain object; Terraform JSON also allows a one-element list. Expressions are not allowed here by Terraform either. */
function readLifecycle(value: unknown, at: (field: string) => ConfigSubject): Lifecycle {
  const lifecycle: Lifecycle = { preventDestroy: false, createBeforeDestroy: false, ignoreChanges: [] };
  if (value === undefined || value === null) return lifecycle;
  const block = Array.isArray(value) && value.length === 1 ? value[0] : value;
  if (!isPlainObject(block)) configError(at('lifecycle'), `expected a block (object), got ${describe(value)}`);
  for (const key of Object.keys(block)) {
    if (!['prevent_destroy', 'create_before_destroy', 'ignore_changes'].includes(key)) {
      configError(at(`lifecycle.${key}`), 'is not supported by bedrock-pt; remove it or manage this resource with Terraform');
    }
  }
  lifecycle.preventDestroy = optionalBool(block.prevent_destroy, at('lifecycle.prevent_destroy'));
  lifecycle.createBeforeDestroy = optionalBool(block.create_before_destroy, at('lifecycle.create_before_destroy'));
  lifecycle.ignoreChanges = readIgnoreChanges(block.ignore_changes, at('lifecycle.ignore_changes'));
  return lifecycle;
}

function readIgnoreChanges(value: unknown, subject: ConfigSubject): string[] | 'all' {
  if (value === undefined || value === null) return [];
  if (value === 'all') return 'all';
  if (!Array.isArray(value)) configError(subject, `expected "all" or a list of attribute names, got ${describe(value)}`);
  const names: string[] = [];
  for (const item of value) {
    if (typeof item !== 'string') configError(subject, `expected attribute names, got ${describe(item)}`);
    // Older cdktf/Terraform spellings wrap the name in ${...}; the attribute is what matters.
    const entry = item.replace(/^\$\{(.*)\}$/, '$1').trim();
    if (entry === 'all') return 'all';
    const parsed = parseIgnoreEntry(entry);
    if (!parsed.ok) configError(subject, `entry "${entry}" cannot be honoured: ${parsed.rule}`);
    const name = formatIgnorePath(parsed.path);
    if (!names.includes(name)) names.push(name);
  }
  return names.sort();
}
