/** Small builders for the synthetic stacks, states and desired PTs the benchmarks feed the engine. */
import type { Commitment, DesiredPt, ManagedPt, ManagedState, ProviderConfig, StackConfig, Tags } from '../src/engine/model';
import { PT_RESOURCE_TYPE } from '../src/engine/model';

export const addressOf = (logicalId: string): string => `${PT_RESOURCE_TYPE}.${logicalId}`;

export function provider(url: string, region: string, defaultTags: Tags = {}): ProviderConfig {
  return { region, bedrockEndpoint: url, stsEndpoint: url, serviceQuotasEndpoint: url, defaultTags };
}

export interface DesiredSpec {
  logicalId: string;
  name: string;
  model: string;
  modelUnits: number;
  commitment?: Commitment;
  tags?: Tags;
  defaultTags?: Tags;
  preventDestroy?: boolean;
}

export function desired(spec: DesiredSpec): DesiredPt {
  const tags = spec.tags ?? {};
  return {
    address: addressOf(spec.logicalId),
    name: spec.name,
    model: spec.model,
    modelUnits: spec.modelUnits,
    ...(spec.commitment ? { commitment: spec.commitment } : {}),
    tags,
    tagsAll: { ...(spec.defaultTags ?? {}), ...tags },
    lifecycle: { preventDestroy: spec.preventDestroy ?? false, createBeforeDestroy: false, ignoreChanges: [] },
    timeouts: {},
  };
}

export function managed(d: DesiredPt, arn: string, modelArn: string, region: string): ManagedPt {
  return {
    address: d.address,
    arn,
    name: d.name,
    modelArn,
    modelUnits: d.modelUnits,
    ...(d.commitment ? { commitment: d.commitment } : {}),
    tags: { ...d.tags },
    tagsAll: { ...d.tagsAll },
    region,
  };
}

export function stack(name: string, prov: ProviderConfig, resources: DesiredPt[], statePath?: string): StackConfig {
  return {
    name,
    provider: prov,
    backend: { type: 'local', path: statePath ?? `terraform.${name}.tfstate` },
    ...(statePath ? { statePath } : {}),
    resources,
    moved: [],
    imports: [],
    otherResourceCount: 0,
    fingerprint: `bench-${name}`,
  };
}

export function managedState(pts: ManagedPt[]): ManagedState {
  return {
    lineage: '00000000-0000-4000-8000-00000000bench',
    serial: 1,
    pts: Object.fromEntries(pts.map((p) => [p.address, p])),
    pending: {},
  };
}
