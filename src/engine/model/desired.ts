/** What the synthesized cdktf config asks for, per stack. Plain data, read from cdk.tf.json. */

export type Commitment = 'OneMonth' | 'SixMonths';
export const COMMITMENTS: readonly Commitment[] = ['OneMonth', 'SixMonths'];

export const PT_RESOURCE_TYPE = 'aws_bedrock_provisioned_model_throughput';
/** Every resource type a PT can be declared with: hashicorp/aws's, and the bedrock-pt provider's. */
export const PT_RESOURCE_TYPES = [PT_RESOURCE_TYPE, 'bedrockpt_provisioned_model_throughput'] as const;

/** Attribute names of the provider's resource schema (AWS provider 6.x); the table is engine/pt/attributes. */
export { AWS_PT_ATTRIBUTES as PT_SCHEMA_ATTRIBUTES } from '../pt/attributes';

export type Tags = Record<string, string>;

export interface Lifecycle {
  preventDestroy: boolean;
  createBeforeDestroy: boolean;
  /** Terraform attribute names to ignore, or 'all'. */
  ignoreChanges: string[] | 'all';
}

/** Terraform `timeouts` block values, e.g. "60m". */
export interface Timeouts {
  create?: string;
  update?: string;
  delete?: string;
}

export interface DesiredPt {
  /** Terraform address: `aws_bedrock_provisioned_model_throughput.<logical id>`. */
  address: string;
  name: string;
  /** As written in config: a foundation-model ID or ARN, or a custom-model ARN. Resolved by model facts. */
  model: string;
  modelUnits: number;
  commitment?: Commitment;
  /** The resource's own `tags`. */
  tags: Tags;
  /** `tags` merged over the provider's `default_tags`, as Terraform's `tags_all`. */
  tagsAll: Tags;
  lifecycle: Lifecycle;
  timeouts: Timeouts;
}

export interface AssumeRole {
  roleArn: string;
  sessionName?: string;
  externalId?: string;
}

export interface ProviderConfig {
  /** Alias of the `aws` provider block the stack's PTs use; absent for the default block. */
  alias?: string;
  region: string;
  profile?: string;
  assumeRole?: AssumeRole;
  /** `endpoints[].bedrock`; when unset the AWS_ENDPOINT_URL_BEDROCK / default chain applies. */
  bedrockEndpoint?: string;
  /** `endpoints[].sts`. */
  stsEndpoint?: string;
  /** `endpoints[].servicequotas`; when unset AWS_ENDPOINT_URL_SERVICE_QUOTAS / the default chain applies. */
  serviceQuotasEndpoint?: string;
  defaultTags: Tags;
}

export type Backend = { type: 'local'; path: string } | { type: 's3'; bucket: string; key: string; region?: string } | { type: string; [k: string]: unknown };

/** A stack whose state Terraform keeps somewhere other than a local file: what a refusal names. */
export interface RemoteState {
  /** The backend type as written (`s3`, `gcs`, `remote`, ...), or `cloud` for a `cloud` block. */
  type: string;
  /** Where in it the state lives, when the settings say (`bucket "b", key "k"` for s3). */
  location?: string;
  /** Absolute directory Terraform runs in for this stack. */
  workingDirectory: string;
  /** Which PT resource type the stack declares, if any: it decides how the stack reaches the Terraform path. */
  ptResourceType?: (typeof PT_RESOURCE_TYPES)[number];
}

export interface MovedBlock {
  from: string;
  to: string;
}

export interface ImportBlock {
  to: string;
  /** ARN or name of an existing PT. */
  id: string;
}

export interface StackConfig {
  name: string;
  provider: ProviderConfig;
  backend: Backend;
  /** Absolute path of the local state file (resolved from the backend and the stack's working dir). */
  statePath?: string;
  /** Set instead of `statePath` when the backend is not local. */
  remoteState?: RemoteState;
  resources: DesiredPt[];
  moved: MovedBlock[];
  imports: ImportBlock[];
  /** Resources of other types, left to Terraform; reported in one note. */
  otherResourceCount: number;
  /** SHA-256 over the canonical JSON of the PT-relevant config. */
  fingerprint: string;
}
