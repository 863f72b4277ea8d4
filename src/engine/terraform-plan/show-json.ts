/**
 * Reads Terraform's JSON plan (`terraform show -json PLANFILE`) into the plan model the PR
 * comment renders, so one comment serves both paths: `bedrock-pt plan` and `cdktf plan` /
 * Terraform with either PT resource type. PT changes (hashicorp/aws's
 * `aws_bedrock_provisioned_model_throughput` or bedrock-pt's
 * `bedrockpt_provisioned_model_throughput`) become full `ResourceChange`s; every other
 * resource is kept as its address and action only.
 */
import { BedrockPtError } from '../errors';
import {
  type AttributeChange,
  type ChangeAction,
  type Diagnostic,
  type DriftEntry,
  type PtAttributeName,
  type PtAttributes,
  type ResourceChange,
  type StackPlan,
} from '../model';
import { createsPt, deletesPt } from '../model';
import { PT_RESOURCE_TYPES, type Commitment, type Tags } from '../model/desired';
import { createdCommitment } from '../plan/commitment';
import { errorDiagnostic, warningDiagnostic } from '../plan/diagnostics';
import { describeJson, describeNotJson, jsonKind } from '../json-kind';

/** A non-PT resource in the plan: what Terraform will do to it, nothing more. */
export interface OtherResourceChange {
  address: string;
  action: ChangeAction | 'read';
}

/** One Terraform plan (one cdktf stack) ready to render. */
export interface ReviewedStack {
  plan: StackPlan;
  others: OtherResourceChange[];
}

interface TfChange {
  actions?: string[];
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  after_unknown?: Record<string, unknown>;
  replace_paths?: unknown[][];
  importing?: { id?: string };
}

interface TfResourceChange {
  address?: string;
  mode?: string;
  type?: string;
  previous_address?: string;
  action_reason?: string;
  change?: TfChange;
}

interface TfPlan {
  format_version?: string;
  errored?: boolean;
  resource_changes?: TfResourceChange[];
  resource_drift?: TfResourceChange[];
  prior_state?: { values?: { root_module?: { resources?: { type?: string; values?: Record<string, unknown> }[] } } };
  configuration?: { provider_config?: Record<string, { name?: string; expressions?: Record<string, { constant_value?: unknown }> }> };
}

/** What an errored plan says when the errors themselves are not at hand (`terraform plan -json` has them). */
export const COULD_NOT_FINISH: Diagnostic = errorDiagnostic('other-resources', 'Terraform could not finish this plan', {
  detail:
    'see the errors in the terraform plan output (pass `terraform plan -json` output to bedrock-pt review to show them here); nothing from it can be applied',
});

const ATTRIBUTES: PtAttributeName[] = [
  'provisioned_model_name',
  'model_arn',
  'model_units',
  'commitment_duration',
  'tags',
  'tags_all',
  'provisioned_model_arn',
  'id',
];

const ACTIONS: Record<string, ChangeAction | 'read'> = {
  create: 'create',
  update: 'update',
  'delete,create': 'delete-then-create',
  'create,delete': 'create-then-delete',
  delete: 'delete',
  'no-op': 'no-op',
  read: 'read',
};

export const isPtType = (type: string | undefined) => (PT_RESOURCE_TYPES as readonly string[]).includes(type ?? '');

function attributes(values: Record<string, unknown> | null | undefined, unknown: Record<string, unknown> = {}): PtAttributes | null {
  if (!values) return null;
  const text = (name: string) => (unknown[name] === true || values[name] === undefined || values[name] === null ? null : String(values[name]));
  const tags = (name: string): Tags => (values[name] && typeof values[name] === 'object' ? (values[name] as Tags) : {});
  return {
    provisioned_model_name: String(values.provisioned_model_name ?? ''),
    model_arn: String(values.model_arn ?? ''),
    model_units: Number(values.model_units ?? 0),
    commitment_duration: text('commitment_duration') as Commitment | null,
    tags: tags('tags'),
    tags_all: tags('tags_all'),
    provisioned_model_arn: text('provisioned_model_arn'),
    id: text('id'),
  };
}

function changedAttributes(before: PtAttributes | null, after: PtAttributes | null, replacePaths: unknown[][]): AttributeChange[] {
  if (!before || !after) return [];
  const forcing = new Set(replacePaths.map((p) => String(p[0])));
  return ATTRIBUTES.filter(
    (a) => JSON.stringify(before[a]) !== JSON.stringify(after[a]) && !(after[a] === null && (a === 'id' || a === 'provisioned_model_arn')),
  ).map((attribute) => ({ attribute, before: before[attribute], after: after[attribute], forcesReplacement: forcing.has(attribute) }));
}

/** A term's model-unit-hours, by the planner's own rule (a plan read from Terraform has no live term end for the hours left). */
const unitHours = (a: PtAttributes | null) => (a ? createdCommitment(a.model_units, a.commitment_duration).addedUnitHours : 0);

function ptChange(rc: TfResourceChange, action: ChangeAction): ResourceChange {
  const change = rc.change ?? {};
  const before = attributes(change.before);
  const after = attributes(change.after, change.after_unknown);
  const attrs = changedAttributes(before, after, change.replace_paths ?? []);
  const creates = createsPt(action);
  const deletes = deletesPt(action);
  const explanations = attrs.filter((a) => a.forcesReplacement).map((a) => `forces replacement: ${a.attribute} changes`);
  if (rc.action_reason) explanations.push(`Terraform's reason: ${rc.action_reason.replace(/_/g, ' ')}`);
  const termEnd = change.before?.commitment_expiration_time;
  return {
    address: rc.address ?? '',
    action,
    reasons: [],
    explanations,
    before,
    after,
    attributes: attrs,
    arn: before?.provisioned_model_arn ?? undefined,
    ...(change.importing ? { importing: { id: String(change.importing.id ?? '') } } : {}),
    ...(rc.previous_address ? { movedFrom: rc.previous_address } : {}),
    blocked: false,
    commitment: {
      addedUnitHours: creates ? unitHours(after) : 0,
      endedUnitHours: deletes ? unitHours(before) : 0,
      ...(deletes && typeof termEnd === 'string' ? { termEnd } : {}),
    },
    timeouts: {},
  };
}

/** hashicorp/aws knows nothing of commitments: say what Bedrock will do with its destroy. */
function awsCommitmentWarning(c: ResourceChange, type: string | undefined): Diagnostic[] {
  if (type !== PT_RESOURCE_TYPES[0] || !c.before?.commitment_duration || !deletesPt(c.action)) return [];
  return [
    warningDiagnostic(
      'commitment-not-expired',
      `destroys a PT bought with a ${c.before.commitment_duration} commitment; Bedrock refuses the delete until the term ends, so the apply fails part-way${c.action === 'create-then-delete' ? ' after the new PT is bought' : ''}`,
      {
        address: c.address,
        detail:
          'hashicorp/aws does not check the term at plan time; move the resource to bedrockpt_provisioned_model_throughput (bedrock-pt migrate) to have such changes refused with the end date',
      },
    ),
  ];
}

function drift(rc: TfResourceChange): DriftEntry | undefined {
  if (!isPtType(rc.type) || rc.mode === 'data') return undefined;
  const before = attributes(rc.change?.before);
  const after = attributes(rc.change?.after);
  const arn = before?.provisioned_model_arn ?? '';
  if (!after) return { address: rc.address ?? '', kind: 'gone', arn, attributes: [] };
  return { address: rc.address ?? '', kind: 'changed', arn, attributes: changedAttributes(before, after, []) };
}

function providerRegion(plan: TfPlan): string {
  for (const p of Object.values(plan.configuration?.provider_config ?? {})) {
    const region = p.expressions?.region?.constant_value;
    if ((p.name === 'bedrockpt' || p.name === 'aws') && typeof region === 'string') return region;
  }
  return '—';
}

const PT_ARN = /^arn:aws(?:-[a-z-]+)?:bedrock:([a-z0-9-]+):(\d{12}):provisioned-model\//;

/** Account and region named by a PT's ARN. */
export function scopeOfPtArn(value: unknown): { account: string; region: string } | undefined {
  const match = typeof value === 'string' ? PT_ARN.exec(value) : null;
  return match ? { region: match[1], account: match[2] } : undefined;
}

/** The account a plan acts in, where it can be known: a PT's ARN in the plan or its prior state, or the one account the provider block allows. */
function planAccount(plan: TfPlan): string {
  const values = [
    ...(plan.resource_changes ?? []).flatMap((rc) => [rc.change?.before, rc.change?.after]),
    ...(plan.prior_state?.values?.root_module?.resources ?? []).map((r) => r.values),
  ];
  for (const v of values) {
    const scope = scopeOfPtArn(v?.provisioned_model_arn) ?? scopeOfPtArn(v?.id);
    if (scope) return scope.account;
  }
  for (const p of Object.values(plan.configuration?.provider_config ?? {})) {
    const allowed = p.expressions?.allowed_account_ids?.constant_value;
    if ((p.name === 'bedrockpt' || p.name === 'aws') && Array.isArray(allowed) && allowed.length === 1 && typeof allowed[0] === 'string') return allowed[0];
  }
  return '—';
}

function notAPlan(file: string, why: string): BedrockPtError {
  return new BedrockPtError(
    'usage',
    `bedrock-pt review ${file}: ${why}. Pass the output of \`terraform show -json PLANFILE\` (Terraform's JSON plan) or of \`terraform plan -json\`, at most one of each per stack.`,
    { field: 'PLAN' },
  );
}

/** Turns one `terraform show -json` document into a stack plan; refuses anything else. */
export function readTerraformPlan(stack: string, file: string, text: string): ReviewedStack {
  let json: TfPlan;
  try {
    json = JSON.parse(text) as TfPlan;
  } catch (err) {
    const looksLike = describeNotJson(text);
    // Terraform's binary plan is one step short: `terraform show -json` turns it into the JSON review reads.
    throw notAPlan(file, looksLike ? `is not JSON: it is ${looksLike}` : `is not JSON (${(err as Error).message})`);
  }
  if (jsonKind(json) === 'bedrock-pt-plan') {
    throw notAPlan(
      file,
      `is ${describeJson(json)}, not a Terraform JSON plan; \`bedrock-pt show ${file}\` prints it, and \`bedrock-pt plan --markdown FILE\` writes its PR comment`,
    );
  }
  if (!json || typeof json !== 'object' || typeof json.format_version !== 'string' || (!Array.isArray(json.resource_changes) && !('planned_values' in json))) {
    throw notAPlan(file, `is not a Terraform JSON plan: it is ${describeJson(json)}`);
  }
  const changes: ResourceChange[] = [];
  const others: OtherResourceChange[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const rc of json.resource_changes ?? []) {
    const action = ACTIONS[(rc.change?.actions ?? []).join(',')];
    if (!action) throw notAPlan(file, `has actions ${JSON.stringify(rc.change?.actions)} for ${rc.address}, which Terraform does not write`);
    if (isPtType(rc.type) && rc.mode !== 'data' && action !== 'read') {
      const c = ptChange(rc, action);
      changes.push(c);
      diagnostics.push(...awsCommitmentWarning(c, rc.type));
    } else if (action !== 'no-op') {
      others.push({ address: rc.address ?? '', action });
    }
  }
  if (json.errored) diagnostics.push(COULD_NOT_FINISH);
  const plan: StackPlan = {
    stack,
    account: planAccount(json),
    region: providerRegion(json),
    state: { lineage: '', serial: 0 },
    configFingerprint: '',
    ptFingerprints: {},
    changes,
    drift: (json.resource_drift ?? []).map(drift).filter((d): d is DriftEntry => d !== undefined),
    diagnostics,
    commitment: {
      addedUnitHours: changes.reduce((n, c) => n + c.commitment.addedUnitHours, 0),
      endedUnitHours: changes.reduce((n, c) => n + c.commitment.endedUnitHours, 0),
    },
    applyable: !json.errored,
  };
  return { plan, others };
}
