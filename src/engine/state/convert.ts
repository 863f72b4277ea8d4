/** Between Terraform's resource instances (provider attribute names) and bedrock-pt's ManagedState. */
import { createHash } from 'node:crypto';
import { BedrockPtError } from '../errors';
import { carrySource } from './as-written';
import { PT_RESOURCE_TYPE, type Commitment } from '../model/desired';
import { recordFromAttributes } from '../pt/records';
import type { ManagedPt, ManagedState, PendingCreate } from '../model/managed';
import {
  BEDROCK_PT_KEY,
  isPtResource,
  providerAddress,
  ptNameFromAddress,
  resourceAddress,
  type PendingCreateRecord,
  type TfInstance,
  type TfResource,
  type TfStateDocument,
} from './format';

function stateError(address: string, field: string | undefined, message: string): never {
  throw new BedrockPtError('state', `state ${address}${field ? ` ${field}` : ''}: ${message}`, { address, field });
}

export function managedFromDocument(doc: TfStateDocument): ManagedState {
  const managed: ManagedState = { lineage: doc.lineage, serial: doc.serial, pts: {}, pending: {}, deposed: {} };
  for (const resource of doc.resources) {
    if (!isPtResource(resource)) continue;
    const address = resourceAddress(resource);
    if (managed.pts[address] || Object.values(managed.deposed!).some((d) => d.address === address)) {
      stateError(address, undefined, 'appears twice in the state file');
    }
    if (resource.each !== undefined) stateError(address, undefined, 'uses count/for_each, which bedrock-pt does not manage');
    for (const instance of resource.instances) {
      if (instance.index_key !== undefined) stateError(address, undefined, 'has indexed instances (count/for_each), which bedrock-pt does not manage');
      const pt = ptFromAttributes(address, instance.attributes);
      if (instance.deposed) managed.deposed![pt.arn] = pt;
      else managed.pts[address] = pt;
    }
  }
  for (const record of doc[BEDROCK_PT_KEY]?.pending_creates ?? []) {
    const pending = pendingFromRecord(record);
    managed.pending[pending.address] = pending;
  }
  return managed;
}

function ptFromAttributes(address: string, attributes: Record<string, unknown> | undefined): ManagedPt {
  if (!attributes || typeof attributes !== 'object') stateError(address, undefined, 'instance has no attributes');
  return { address, ...recordFromAttributes(attributes, (field, message) => stateError(address, field, message)) };
}

function pendingFromRecord(record: unknown): PendingCreate {
  const r = (record ?? {}) as Partial<PendingCreateRecord>;
  const address = typeof r.address === 'string' ? r.address : '(unknown address)';
  for (const field of ['address', 'name', 'model', 'client_request_token', 'started_at'] as const) {
    if (typeof r[field] !== 'string') stateError(address, `${BEDROCK_PT_KEY}.pending_creates.${field}`, 'missing or not a string');
  }
  if (typeof r.model_units !== 'number') stateError(address, `${BEDROCK_PT_KEY}.pending_creates.model_units`, 'missing or not a number');
  const pending: PendingCreate = {
    address: r.address!,
    name: r.name!,
    model: r.model!,
    modelUnits: r.model_units,
    tagsAll: { ...(r.tags_all ?? {}) },
    clientRequestToken: r.client_request_token!,
    startedAt: r.started_at!,
  };
  if (r.commitment_duration) pending.commitment = r.commitment_duration as Commitment;
  if (r.tags) pending.tags = { ...r.tags };
  if (typeof r.region === 'string') pending.region = r.region;
  if (typeof r.account === 'string') pending.account = r.account;
  if (typeof r.replaces === 'string') pending.replaces = r.replaces;
  return pending;
}

function pendingToRecord(p: PendingCreate): PendingCreateRecord {
  return {
    address: p.address,
    name: p.name,
    model: p.model,
    model_units: p.modelUnits,
    commitment_duration: p.commitment ?? null,
    ...(p.tags ? { tags: p.tags } : {}),
    tags_all: p.tagsAll,
    client_request_token: p.clientRequestToken,
    started_at: p.startedAt,
    ...(p.region ? { region: p.region } : {}),
    ...(p.account ? { account: p.account } : {}),
    ...(p.replaces ? { replaces: p.replaces } : {}),
  };
}

export interface WriteDefaults {
  /** Alias of the aws provider for PT resources not yet in state ('' = default); unset = as the state's existing PTs. */
  providerAlias?: string;
  /** Region recorded for PTs that do not carry one (the provider's region). */
  region?: string;
}

/** The provider's attribute set for one PT, keys sorted as Terraform writes them. */
export function attributesFor(pt: ManagedPt, defaults: WriteDefaults): Record<string, unknown> {
  const region = pt.region ?? defaults.region;
  return {
    commitment_duration: pt.commitment ?? null,
    id: pt.arn,
    model_arn: pt.modelArn,
    model_units: pt.modelUnits,
    provisioned_model_arn: pt.arn,
    provisioned_model_name: pt.name,
    region: region ?? null,
    // The provider writes null when the configuration has no tags.
    tags: Object.keys(pt.tags).length > 0 ? { ...pt.tags } : null,
    tags_all: { ...pt.tagsAll },
    // The provider's timeouts block has only `create`.
    timeouts: pt.timeouts?.create ? { create: pt.timeouts.create } : null,
  };
}

/**
 * Returns a copy of `doc` whose PT resources and pending creates match `managed`.
 * Other resources, outputs and unknown keys are carried over unchanged.
 */
export function documentWithManaged(doc: TfStateDocument, managed: ManagedState, defaults: WriteDefaults): TfStateDocument {
  const next: TfStateDocument = structuredClone(doc);
  const wanted = new Map<string, { current?: ManagedPt; deposed: ManagedPt[] }>();
  const slot = (address: string) => {
    if (!ptNameFromAddress(address)) {
      throw new BedrockPtError('state', `cannot record "${address}": not a ${PT_RESOURCE_TYPE}.<name> address`, { address });
    }
    if (!wanted.has(address)) wanted.set(address, { deposed: [] });
    return wanted.get(address)!;
  };
  for (const [address, pt] of Object.entries(managed.pts)) slot(address).current = { ...pt, address };
  for (const pt of Object.values(managed.deposed ?? {})) slot(pt.address).deposed.push(pt);

  const resources: TfResource[] = [];
  for (const resource of next.resources) {
    if (!isPtResource(resource)) {
      resources.push(resource);
      continue;
    }
    const want = wanted.get(resourceAddress(resource));
    wanted.delete(resourceAddress(resource));
    if (want) resources.push({ ...resource, instances: instancesFor(want, resource.instances, defaults) });
  }
  // Without an explicit alias, new PTs join the provider the state's other PTs already use.
  const provider =
    defaults.providerAlias !== undefined ? providerAddress(defaults.providerAlias) : (doc.resources.find(isPtResource)?.provider ?? providerAddress());
  for (const [address, want] of wanted) {
    resources.push({
      mode: 'managed',
      type: PT_RESOURCE_TYPE,
      name: ptNameFromAddress(address)!,
      provider,
      instances: instancesFor(want, [], defaults),
    });
  }
  next.resources = sortLikeTerraform(resources);

  const pending = Object.values(managed.pending).sort((a, b) => compare(a.address, b.address));
  const { pending_creates: _old, ...restOfOurs } = next[BEDROCK_PT_KEY] ?? {};
  if (pending.length > 0) next[BEDROCK_PT_KEY] = { ...restOfOurs, pending_creates: pending.map(pendingToRecord) };
  else if (Object.keys(restOfOurs).length > 0) next[BEDROCK_PT_KEY] = restOfOurs;
  else delete next[BEDROCK_PT_KEY];
  return carrySource(doc, next);
}

/** Keeps an existing instance's extra fields (dependencies, private data) while its object is the same PT. */
function instancesFor(want: { current?: ManagedPt; deposed: ManagedPt[] }, existing: TfInstance[], defaults: WriteDefaults): TfInstance[] {
  const byArn = new Map(existing.map((i) => [String(i.attributes?.provisioned_model_arn ?? i.attributes?.id), i]));
  const instance = (pt: ManagedPt, deposed?: string): TfInstance => {
    const previous = byArn.get(pt.arn);
    const base: TfInstance = previous ? { ...previous } : { schema_version: 0 };
    if (deposed) base.deposed = deposed;
    else delete base.deposed;
    return {
      ...base,
      schema_version: previous?.schema_version ?? 0,
      attributes: { ...previous?.attributes, ...attributesFor(pt, defaults) },
      sensitive_attributes: previous?.sensitive_attributes ?? [],
    };
  };
  const out: TfInstance[] = [];
  if (want.current) out.push(instance(want.current));
  for (const pt of [...want.deposed].sort((a, b) => compare(a.arn, b.arn))) {
    const kept = byArn.get(pt.arn)?.deposed;
    out.push(instance(pt, kept ?? deposedKeyFor(pt.arn)));
  }
  return out;
}

/** Terraform's deposed keys are 8 hex digits; derive ours from the ARN so rewrites are stable. */
function deposedKeyFor(arn: string): string {
  return createHash('sha256').update(arn).digest('hex').slice(0, 8);
}

/** Terraform sorts resources by module, mode, type and name (plain string order) when it writes state. */
function sortLikeTerraform(resources: TfResource[]): TfResource[] {
  const key = (r: TfResource) => [r.module ?? '', r.mode, r.type, r.name];
  return [...resources].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return compare(ka[i], kb[i]);
    return 0;
  });
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
