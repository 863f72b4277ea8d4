/**
 * The plan model: plain data, computed by one pure function (plan/) and read by
 * the renderers (render/) and the applier (apply/). Vocabulary follows Terraform's
 * plans package so the JSON renderer maps one to one.
 */
import type { Commitment, ProviderConfig, Tags, Timeouts } from './desired';
import type { PlanDiagnostic } from '../diagnostics';

export type ChangeAction = 'create' | 'update' | 'delete-then-create' | 'create-then-delete' | 'delete' | 'no-op';

/** Why an action was chosen; enumerated so renderers and policy tools need not parse prose. */
export type ReasonCode =
  | 'new-in-config' // create: in config, not in state
  | 'removed-from-config' // delete: in state, not in config
  | 'gone-outside' // create: in state, but the PT no longer exists
  | 'rename' // update: provisioned_model_name
  | 'tags' // update: tags / tags_all
  | 'custom-model-swap' // update: custom model -> its base or a sibling custom model
  | 'cannot-update-model-units'
  | 'cannot-update-commitment'
  | 'cannot-update-model' // base-model PT, or a move to another base model
  | 'failed-status' // replace: live status Failed
  | 'replace-requested' // replace: asked for outside the configuration (Terraform's -replace, or the create half of a replace)
  | 'import'
  | 'moved'
  | 'resume-create'; // create: re-sends an interrupted create with its recorded token

export type { BlockedChange, DiagnosticCode } from '../diagnostics';
/** A plan's diagnostic: the one diagnostic type (engine/diagnostics), always with the planner's code. */
export type Diagnostic = PlanDiagnostic;

/** The resource's attributes under Terraform's names (the provider schema). */
export interface PtAttributes {
  provisioned_model_name: string;
  model_arn: string;
  model_units: number;
  commitment_duration: Commitment | null;
  tags: Tags;
  tags_all: Tags;
  /** Unknown until created. */
  provisioned_model_arn: string | null;
  id: string | null;
}

export type PtAttributeName = keyof PtAttributes;

export interface AttributeChange {
  attribute: PtAttributeName;
  before: unknown;
  after: unknown;
  forcesReplacement: boolean;
}

/** The API calls an in-place update needs. */
export interface UpdateOps {
  /** desiredProvisionedModelName */
  rename?: string;
  /** desiredModelId */
  modelId?: string;
  /** TagResource with exactly these (added or changed values). */
  tagsToSet: Tags;
  /** UntagResource with exactly these keys. */
  tagKeysToRemove: string[];
}

/** Model-unit-hours a change commits to or releases; term hours use AWS's 730 h month. */
export interface CommitmentEffect {
  addedUnitHours: number;
  endedUnitHours: number;
  /** For ended commitments: the live commitmentExpirationTime (ISO-8601). */
  termEnd?: string;
}

export interface ResourceChange {
  address: string;
  action: ChangeAction;
  reasons: ReasonCode[];
  /** One sentence per reason, e.g. "forces replacement: model units cannot be changed on an existing Provisioned Throughput". */
  explanations: string[];
  before: PtAttributes | null;
  after: PtAttributes | null;
  /** Only attributes whose value changes. */
  attributes: AttributeChange[];
  /** For update (and the update half of an import). */
  update?: UpdateOps;
  /** ARN of the existing PT acted on (update, delete, replace). */
  arn?: string;
  /** Model to pass as modelId on create (canonical ARN when known, else as written). */
  createModelId?: string;
  importing?: { id: string };
  movedFrom?: string;
  /** Set on a create that resumes an interrupted one: apply re-sends it with this recorded token. */
  resumesCreate?: { clientRequestToken: string; startedAt: string };
  /**
   * Set when the change acts on a deposed object (the old PT of a create_before_destroy replace
   * whose new PT was recorded): its ARN. A delete deletes it; a no-op drops its record (it is gone).
   */
  deposed?: string;
  /**
   * Addresses whose changes free the name this change takes: the applier starts taking it only
   * after they did (a delete, a rename away, the delete half of a replace). Absent when none.
   */
  runsAfter?: string[];
  /**
   * Set on one rename of a cycle of renames (a swap, a rotation): it first moves to this
   * temporary name, freeing its old name for the next in the cycle, then takes its new name.
   */
  viaTemporaryName?: string;
  /** True when an error diagnostic on this address blocks it. */
  blocked: boolean;
  commitment: CommitmentEffect;
  timeouts: Timeouts;
}

/** A difference between state and the live PT made outside bedrock-pt. */
export interface DriftEntry {
  address: string;
  kind: 'changed' | 'gone';
  arn: string;
  attributes: AttributeChange[];
}

/**
 * Where a stack's configuration was read when it was planned (absolute paths). A saved plan is
 * checked against the config read again from here, not from whatever the current directory holds.
 */
export type ConfigSource = { kind: 'app'; projectDir: string; app: string } | { kind: 'synth-dir'; synthDir: string };

/** Where a stack's plan is applied: enough to apply a saved plan without the app. Never holds credentials. */
export interface StackTarget {
  provider: ProviderConfig;
  /** Absolute path of the local state file. */
  statePath: string;
  /** Absent only in plans made in process without a source (tests, benchmarks). */
  config?: ConfigSource;
}

export interface StackPlan {
  stack: string;
  /** Filled by the run layer (not the pure planner). */
  target?: StackTarget;
  account: string;
  region: string;
  state: { lineage: string; serial: number };
  configFingerprint: string;
  /** Keyed by ARN: fingerprint of each refreshed PT this plan relies on. */
  ptFingerprints: Record<string, string>;
  changes: ResourceChange[];
  drift: DriftEntry[];
  diagnostics: Diagnostic[];
  commitment: { addedUnitHours: number; endedUnitHours: number };
  /** No error diagnostics. */
  applyable: boolean;
}

export const PLAN_FORMAT = 'bedrock-pt-plan';
/** 2: targets record their config source (version 1 plans cannot be checked against their config). */
export const PLAN_FORMAT_VERSION = 2;

export interface PlanFile {
  format: typeof PLAN_FORMAT;
  formatVersion: number;
  /** bedrock-pt version that wrote it. */
  tool: string;
  stacks: StackPlan[];
  /** SHA-256 (hex) over the canonical JSON of everything but sha256 and signature. */
  sha256: string;
  /** HMAC-SHA256 (hex) with BEDROCK_PT_PLAN_KEY over the same content as sha256, when a key was set. */
  signature?: string;
}

export const HOURS_PER_TERM: Record<Commitment, number> = { OneMonth: 730, SixMonths: 4380 };
