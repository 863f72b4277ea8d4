/**
 * Terraform state format v4, as Terraform 1.x writes it (internal/states/statefile/version4.go).
 * Only what bedrock-pt reads or writes is typed; everything else is carried through untouched.
 */
import { PT_RESOURCE_TYPE } from '../model/desired';

export const STATE_FORMAT_VERSION = 4;
/** Written into new state files; verified readable by `terraform state list` 1.11. */
export const NEW_STATE_TERRAFORM_VERSION = '1.11.4';
/** A state written by a Terraform whose major version is at least this may use semantics we do not know. */
export const FIRST_UNSUPPORTED_TERRAFORM_MAJOR = 2;
export const AWS_PROVIDER_SOURCE = 'registry.terraform.io/hashicorp/aws';
/** Top-level key for bedrock-pt's own records; Terraform's reader ignores unknown keys. */
export const BEDROCK_PT_KEY = 'bedrock_pt';

export interface TfInstance {
  index_key?: string | number;
  status?: string;
  deposed?: string;
  schema_version: number;
  attributes?: Record<string, unknown>;
  sensitive_attributes?: unknown[];
  private?: string;
  dependencies?: string[];
  create_before_destroy?: boolean;
  [key: string]: unknown;
}

export interface TfResource {
  module?: string;
  mode: 'managed' | 'data';
  type: string;
  name: string;
  each?: 'list' | 'map';
  provider: string;
  instances: TfInstance[];
  [key: string]: unknown;
}

/** Our pending-create record, snake_case like the rest of the file. */
export interface PendingCreateRecord {
  address: string;
  name: string;
  model: string;
  model_units: number;
  commitment_duration: string | null;
  tags?: Record<string, string>;
  tags_all: Record<string, string>;
  client_request_token: string;
  started_at: string;
  region?: string;
  account?: string;
  replaces?: string;
}

export interface TfStateDocument {
  version: number;
  terraform_version: string;
  serial: number;
  lineage: string;
  outputs: Record<string, unknown>;
  resources: TfResource[];
  check_results: unknown;
  [BEDROCK_PT_KEY]?: { pending_creates?: PendingCreateRecord[]; [key: string]: unknown };
  [key: string]: unknown;
}

export function providerAddress(alias?: string): string {
  return `provider["${AWS_PROVIDER_SOURCE}"]${alias ? `.${alias}` : ''}`;
}

/** Root-module managed PT resources are ours; anything else (other types, modules, data) is only carried. */
export function isPtResource(resource: TfResource): boolean {
  return resource.mode === 'managed' && resource.type === PT_RESOURCE_TYPE && !resource.module;
}

export function resourceAddress(resource: TfResource): string {
  const local = `${resource.mode === 'data' ? 'data.' : ''}${resource.type}.${resource.name}`;
  return resource.module ? `${resource.module}.${local}` : local;
}

export function ptNameFromAddress(address: string): string | undefined {
  const match = new RegExp(`^${PT_RESOURCE_TYPE}\\.([A-Za-z_][A-Za-z0-9_-]*)$`).exec(address);
  return match?.[1];
}
