/**
 * The seam between the Terraform plugin-protocol server (src/provider/protocol: handshake, gRPC,
 * cty/msgpack) and the provider's resources (src/provider/resources). The server knows nothing
 * about Provisioned Throughput; a resource knows nothing about gRPC. Values cross this seam as
 * plain JavaScript decoded from cty: objects hold every attribute of their type, null is cty
 * null, and UNKNOWN stands for a value Terraform does not know yet.
 */
import type { Diagnostic, PathStep } from '../engine/diagnostics';

/** A value Terraform will only know after apply (cty's unknown). */
export const UNKNOWN: unique symbol = Symbol.for('bedrock-pt.cty.unknown');
export type Unknown = typeof UNKNOWN;

export type CtyValue = null | Unknown | string | number | boolean | CtyValue[] | { [attribute: string]: CtyValue };
export type CtyObject = { [attribute: string]: CtyValue };

/** cty type constraints, written as Terraform writes them in JSON (`"string"`, `["map","string"]`, …). */
export type CtyType = 'string' | 'number' | 'bool' | 'dynamic' | ['map', CtyType] | ['list', CtyType] | ['set', CtyType] | ['object', Record<string, CtyType>];

export interface AttributeSchema {
  name: string;
  type: CtyType;
  description?: string;
  required?: boolean;
  optional?: boolean;
  computed?: boolean;
  sensitive?: boolean;
}

export interface BlockSchema {
  attributes: AttributeSchema[];
  blocks?: NestedBlockSchema[];
  description?: string;
}

export interface NestedBlockSchema {
  typeName: string;
  nesting: 'single' | 'list' | 'set' | 'map' | 'group';
  block: BlockSchema;
  minItems?: number;
  maxItems?: number;
}

export type { PathStep };
/**
 * The provider reports in the engine's one diagnostic type; the protocol server converts it to
 * tfplugin6 (a note becomes a warning; `path` is the attribute Terraform points at).
 */
export type ProviderDiagnostic = Diagnostic;

export interface PlanRequest {
  /** null when the resource is being created. */
  prior: CtyObject | null;
  /** null when the resource is being destroyed (needs plan_destroy). */
  proposed: CtyObject | null;
  config: CtyObject | null;
  priorPrivate?: Buffer;
}

export interface PlanResponse {
  planned: CtyObject | null;
  /** Attribute paths whose change forces replacement. */
  requiresReplace: PathStep[][];
  plannedPrivate?: Buffer;
  diagnostics: ProviderDiagnostic[];
}

export interface ApplyRequest {
  prior: CtyObject | null;
  /** null for a destroy. */
  planned: CtyObject | null;
  config: CtyObject | null;
  plannedPrivate?: Buffer;
}

export interface ApplyResponse {
  /** null once destroyed. On an error, what is true now (the prior state when nothing changed). */
  newState: CtyObject | null;
  private?: Buffer;
  diagnostics: ProviderDiagnostic[];
}

export interface ReadResponse {
  /** null when the object no longer exists: Terraform then plans its create. */
  newState: CtyObject | null;
  private?: Buffer;
  diagnostics: ProviderDiagnostic[];
}

export interface MoveRequest {
  sourceProviderAddress: string;
  sourceTypeName: string;
  sourceSchemaVersion: number;
  /** The source resource's state, as raw JSON attributes. */
  sourceState: Record<string, unknown>;
  sourcePrivate?: Buffer;
}

export interface ResourceType {
  /** e.g. `bedrockpt_provisioned_model_throughput`. */
  readonly typeName: string;
  readonly schemaVersion: number;
  readonly schema: BlockSchema;
  /** Source type names `moveState` accepts (e.g. `aws_bedrock_provisioned_model_throughput`). */
  readonly movableFrom?: string[];
  validate(config: CtyObject): ProviderDiagnostic[];
  plan(request: PlanRequest): Promise<PlanResponse>;
  apply(request: ApplyRequest): Promise<ApplyResponse>;
  read(current: CtyObject, priv?: Buffer): Promise<ReadResponse>;
  importState(id: string): Promise<{ imported: CtyObject[]; diagnostics: ProviderDiagnostic[] }>;
  /** Raw JSON of a state written at `version` → the current schema's object. */
  upgradeState(version: number, raw: Record<string, unknown>): { upgraded: CtyObject | null; diagnostics: ProviderDiagnostic[] };
  /** Pure: Terraform calls it during plan. */
  moveState(request: MoveRequest): { target: CtyObject | null; diagnostics: ProviderDiagnostic[] };
}

export interface ProviderImpl {
  readonly providerSchema: BlockSchema;
  readonly resources: ResourceType[];
  validateConfig(config: CtyObject): ProviderDiagnostic[];
  configure(config: CtyObject, meta: { terraformVersion: string }): Promise<ProviderDiagnostic[]>;
  /** StopProvider: cancel waits in flight and refuse new calls; resolves when they have wound down. */
  stop(): Promise<void>;
}

export function isUnknown(value: unknown): value is Unknown {
  return value === UNKNOWN;
}
