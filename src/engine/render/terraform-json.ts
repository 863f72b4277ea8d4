/**
 * Terraform's machine-readable plan (`terraform show -json`, format 1.2), so
 * policy tools written for Terraform plans (OPA/conftest, Sentinel, checkov)
 * read bedrock-pt plans unchanged. Layout and which parts are filled are
 * documented in docs/terraform-json.md. Reads StackPlan only.
 */
import { PT_RESOURCE_TYPE, type ChangeAction, type DriftEntry, type PtAttributes, type ReasonCode, type ResourceChange, type StackPlan } from '../model';
import { createsPt, isReplace } from '../model';

export const TF_PLAN_FORMAT_VERSION = '1.2';
export const TF_STATE_FORMAT_VERSION = '1.0';
export const AWS_PROVIDER_NAME = 'registry.terraform.io/hashicorp/aws';
/** The Terraform release whose JSON plan format this output follows; override with `terraformVersion`. */
export const DEFAULT_TERRAFORM_VERSION = '1.9.0';

export interface TerraformJsonOptions {
  terraformVersion?: string;
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonObject = { [k: string]: Json };

export interface TfResource {
  address: string;
  mode: 'managed';
  type: string;
  name: string;
  provider_name: string;
  schema_version: number;
  values: JsonObject;
  sensitive_values: JsonObject;
  deposed_key?: string;
}

export interface TfModule {
  address?: string;
  resources: TfResource[];
  child_modules?: TfModule[];
}

export interface TfChange {
  actions: string[];
  before: JsonObject | null;
  after: JsonObject | null;
  after_unknown: JsonObject;
  before_sensitive: JsonObject | false;
  after_sensitive: JsonObject | false;
  replace_paths?: string[][];
  importing?: { id: string };
}

export interface TfResourceChange {
  address: string;
  previous_address?: string;
  module_address?: string;
  mode: 'managed';
  type: string;
  name: string;
  provider_name: string;
  /** Set when the change acts on a deposed object (left by an interrupted create-then-delete): its ARN. */
  deposed?: string;
  change: TfChange;
  action_reason?: string;
}

export interface TfPlan {
  format_version: string;
  terraform_version: string;
  planned_values: { root_module: TfModule };
  resource_drift?: TfResourceChange[];
  resource_changes: TfResourceChange[];
  prior_state: { format_version: string; terraform_version: string; values: { root_module: TfModule } };
  configuration: { provider_config: Record<string, JsonObject>; root_module: JsonObject };
  applyable: boolean;
  complete: boolean;
  errored: boolean;
}

const ACTIONS: Record<ChangeAction, string[]> = {
  create: ['create'],
  update: ['update'],
  'delete-then-create': ['delete', 'create'],
  'create-then-delete': ['create', 'delete'],
  delete: ['delete'],
  'no-op': ['no-op'],
};

/** Terraform's action_reason keywords; our finer reasons stay in the native plan. */
function actionReason(c: ResourceChange): string | undefined {
  const has = (r: ReasonCode) => c.reasons.includes(r);
  if (c.action === 'delete' && !c.deposed && has('removed-from-config')) return 'delete_because_no_resource_config';
  if (!isReplace(c.action)) return undefined;
  // A Failed PT is replaced the way Terraform replaces a tainted object.
  if (has('failed-status') && !c.reasons.some((r) => r.startsWith('cannot-update'))) return 'replace_because_tainted';
  return 'replace_because_cannot_update';
}

const COMPUTED_UNTIL_CREATED = ['provisioned_model_arn', 'id'] as const;

/** Attribute values under the provider schema's names, including the `timeouts` block. */
function values(a: PtAttributes | Record<string, unknown>, c?: ResourceChange): JsonObject {
  const out = { ...(a as JsonObject) };
  out.timeouts = c?.timeouts.create ? { create: c.timeouts.create } : null;
  return out;
}

/** Every attribute except maps and non-null blocks is non-sensitive, which Terraform writes as omitted leaves. */
function sensitiveShape(v: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [k, x] of Object.entries(v)) if (x && typeof x === 'object') out[k] = Array.isArray(x) ? [] : {};
  return out;
}

function splitUnknowns(after: JsonObject, action: ChangeAction): { known: JsonObject; unknown: JsonObject } {
  const known = { ...after };
  const unknown: JsonObject = {};
  if (createsPt(action)) {
    for (const k of COMPUTED_UNTIL_CREATED) {
      if (known[k] === null || known[k] === undefined) {
        delete known[k];
        unknown[k] = true;
      }
    }
  }
  return { known, unknown };
}

interface Naming {
  prefix: string;
  moduleAddress?: string;
}

function resourceBase(address: string, naming: Naming) {
  const [type, ...rest] = address.split('.');
  return {
    address: naming.prefix + address,
    ...(naming.moduleAddress ? { module_address: naming.moduleAddress } : {}),
    mode: 'managed' as const,
    type: type || PT_RESOURCE_TYPE,
    name: rest.join('.'),
    provider_name: AWS_PROVIDER_NAME,
  };
}

function resourceChange(c: ResourceChange, naming: Naming): TfResourceChange {
  const before = c.before ? values(c.before, c) : null;
  const split = c.after ? splitUnknowns(values(c.after, c), c.action) : null;
  const replacePaths = c.attributes.filter((a) => a.forcesReplacement).map((a) => [a.attribute]);
  const change: TfChange = {
    actions: ACTIONS[c.action],
    before,
    after: split ? split.known : null,
    after_unknown: split ? split.unknown : {},
    before_sensitive: before ? sensitiveShape(before) : false,
    after_sensitive: split ? sensitiveShape(split.known) : false,
  };
  if (replacePaths.length && !ACTIONS[c.action].includes('no-op')) change.replace_paths = replacePaths;
  if (c.importing) change.importing = { id: c.importing.id };
  const out: TfResourceChange = { ...resourceBase(c.address, naming), change };
  if (c.deposed) out.deposed = c.deposed;
  if (c.movedFrom) out.previous_address = naming.prefix + c.movedFrom;
  const reason = actionReason(c);
  if (reason) out.action_reason = reason;
  return out;
}

function driftChange(d: DriftEntry, plan: StackPlan, naming: Naming): TfResourceChange {
  // The plan's `before` is the refreshed object; drift attributes say what state held before that.
  const refreshed = plan.changes.find((c) => c.address === d.address)?.before;
  const fromState: JsonObject = { ...((refreshed ?? {}) as JsonObject) };
  const live: JsonObject = { ...fromState };
  for (const a of d.attributes) {
    fromState[a.attribute] = a.before as Json;
    live[a.attribute] = a.after as Json;
  }
  const before = values(fromState);
  const after = d.kind === 'gone' ? null : values(live);
  return {
    ...resourceBase(d.address, naming),
    change: {
      actions: d.kind === 'gone' ? ['delete'] : ['update'],
      before,
      after,
      after_unknown: {},
      before_sensitive: sensitiveShape(before),
      after_sensitive: after ? sensitiveShape(after) : false,
    },
  };
}

function plannedResource(c: ResourceChange, naming: Naming): TfResource | undefined {
  if (!c.after || c.action === 'delete') return undefined;
  const { known } = splitUnknowns(values(c.after, c), c.action);
  return { ...stateResource(c.address, naming), values: known, sensitive_values: sensitiveShape(known) };
}

function priorResource(c: ResourceChange, naming: Naming): TfResource | undefined {
  if (!c.before || c.importing) return undefined;
  const v = values(c.before, c);
  const r: TfResource = { ...stateResource(c.movedFrom ?? c.address, naming), values: v, sensitive_values: sensitiveShape(v) };
  if (c.deposed) r.deposed_key = c.deposed;
  return r;
}

function stateResource(address: string, naming: Naming) {
  const { module_address: _m, ...base } = resourceBase(address, naming);
  return { ...base, schema_version: 0 };
}

function configResource(c: ResourceChange, providerKey: string, naming: Naming): JsonObject | undefined {
  if (!c.after || c.action === 'delete') return undefined;
  const { module_address: _m, provider_name: _p, ...base } = resourceBase(c.address, naming);
  const expressions: JsonObject = {};
  for (const k of ['provisioned_model_name', 'model_arn', 'model_units', 'commitment_duration', 'tags'] as const) {
    const v = c.after[k];
    if (v !== null && v !== undefined) expressions[k] = { constant_value: v as Json };
  }
  return { ...base, address: c.address, provider_config_key: providerKey, expressions, schema_version: 0 };
}

/** Terraform's order: by address, the current object before its deposed ones. */
const sortKey = (x: { address: string; deposed?: string; deposed_key?: string }) => `${x.address}\u0000${x.deposed ?? x.deposed_key ?? ''}`;
const byAddress = <T extends { address: string }>(xs: (T | undefined)[]): T[] =>
  xs.filter((x): x is T => !!x).sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0));

interface StackParts {
  planned: TfResource[];
  prior: TfResource[];
  changes: TfResourceChange[];
  drift: TfResourceChange[];
  config: JsonObject[];
  providerKey: string;
}

function stackParts(plan: StackPlan, naming: Naming, providerKey: string): StackParts {
  return {
    planned: byAddress(plan.changes.map((c) => plannedResource(c, naming))),
    prior: byAddress(plan.changes.map((c) => priorResource(c, naming))),
    changes: byAddress(plan.changes.map((c) => resourceChange(c, naming))),
    drift: byAddress(plan.drift.map((d) => driftChange(d, plan, naming))),
    config: plan.changes.map((c) => configResource(c, providerKey, naming)).filter((x): x is JsonObject => !!x),
    providerKey,
  };
}

const providerConfig = (plan: StackPlan, moduleAddress?: string): JsonObject => ({
  name: 'aws',
  full_name: AWS_PROVIDER_NAME,
  ...(moduleAddress ? { module_address: moduleAddress } : {}),
  expressions: { region: { constant_value: plan.region } },
});

function document(
  plans: StackPlan[],
  parts: StackParts[],
  root: (pick: (p: StackParts) => TfResource[]) => TfModule,
  configuration: TfPlan['configuration'],
  opts: TerraformJsonOptions,
): TfPlan {
  const terraformVersion = opts.terraformVersion ?? DEFAULT_TERRAFORM_VERSION;
  const errored = plans.some((p) => p.diagnostics.some((d) => d.severity === 'error'));
  const drift = parts.flatMap((p) => p.drift);
  return {
    format_version: TF_PLAN_FORMAT_VERSION,
    terraform_version: terraformVersion,
    planned_values: { root_module: root((p) => p.planned) },
    ...(drift.length ? { resource_drift: drift } : {}),
    resource_changes: parts.flatMap((p) => p.changes),
    prior_state: {
      format_version: TF_STATE_FORMAT_VERSION,
      terraform_version: terraformVersion,
      values: { root_module: root((p) => p.prior) },
    },
    configuration,
    applyable: !errored && plans.every((p) => p.applyable),
    complete: !errored,
    errored,
  };
}

/** One stack as a pure Terraform plan document: its PTs in the root module. */
export function renderTerraformJsonForStack(plan: StackPlan, opts: TerraformJsonOptions = {}): TfPlan {
  const parts = stackParts(plan, { prefix: '' }, 'aws');
  return document(
    [plan],
    [parts],
    (pick) => ({ resources: pick(parts) }),
    {
      provider_config: { aws: providerConfig(plan) },
      root_module: { resources: parts.config },
    },
    opts,
  );
}

/**
 * One document for any number of stacks. A single stack is rendered as by
 * renderTerraformJsonForStack; several stacks become child modules
 * `module.<stack>` of one root module, so every resource has one address.
 */
export function renderTerraformJson(plans: StackPlan[], opts: TerraformJsonOptions = {}): TfPlan {
  if (plans.length === 1) return renderTerraformJsonForStack(plans[0], opts);
  const sorted = [...plans].sort((a, b) => (a.stack < b.stack ? -1 : a.stack > b.stack ? 1 : 0));
  const parts = sorted.map((p) => stackParts(p, { prefix: `module.${p.stack}.`, moduleAddress: `module.${p.stack}` }, `${p.stack}:aws`));
  const moduleCalls: JsonObject = {};
  const providers: Record<string, JsonObject> = {};
  sorted.forEach((p, i) => {
    moduleCalls[p.stack] = { source: `./stacks/${p.stack}`, module: { resources: parts[i].config } };
    providers[parts[i].providerKey] = providerConfig(p, `module.${p.stack}`);
  });
  const root = (pick: (p: StackParts) => TfResource[]): TfModule => ({
    resources: [],
    child_modules: sorted.map((p, i) => ({ address: `module.${p.stack}`, resources: pick(parts[i]) })),
  });
  return document(sorted, parts, root, { provider_config: providers, root_module: { module_calls: moduleCalls } }, opts);
}
