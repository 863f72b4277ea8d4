/** What the Bedrock control plane says now: refreshed PTs and facts about models. */
import type { Commitment, Tags } from './desired';

export type PtStatus = 'Creating' | 'InService' | 'Updating' | 'Failed';

export interface LivePt {
  arn: string;
  name: string;
  modelArn: string;
  desiredModelArn: string;
  foundationModelArn: string;
  modelUnits: number;
  desiredModelUnits: number;
  status: PtStatus;
  commitment?: Commitment;
  /** ISO-8601. */
  commitmentExpirationTime?: string;
  creationTime: string;
  lastModifiedTime: string;
  failureMessage?: string;
  /** Present only for PTs whose tags were read (in state or matched by name). */
  tags?: Tags;
}

/** One model identifier as written in config or state, resolved through GetFoundationModel / GetCustomModel. */
export interface ModelFacts {
  /** The identifier that was looked up (ID or ARN as written). */
  identifier: string;
  exists: boolean;
  kind?: 'foundation' | 'custom';
  /** Canonical ARN. */
  arn?: string;
  /** For a foundation model its own ARN; for a custom model the foundation model it derives from. */
  baseModelArn?: string;
  /** Foundation: modelLifecycle.status (ACTIVE | LEGACY); custom: modelStatus mapped to ACTIVE when Active. */
  lifecycle?: 'ACTIVE' | 'LEGACY' | 'INACTIVE';
  /** Foundation model end-of-life, ISO-8601, when LEGACY. */
  endOfLifeTime?: string;
  /** inferenceTypesSupported; custom models are always provisionable. */
  supportsProvisioned?: boolean;
  /** Foundation models: the name the model has in its quota's name (rules/model-unit-quotas.ts). */
  displayName?: string;
}

/** One quota as Service Quotas lists it. */
export interface ServiceQuotaValue {
  code: string;
  name: string;
  value: number;
}

/** Bedrock's quotas of the account and region, or why they could not be read (the plan then says so). */
export type QuotaRead = { readable: true; quotas: ServiceQuotaValue[] } | { readable: false; reason: string };

/** Everything refresh learned for one stack. */
export interface LiveView {
  account: string;
  region: string;
  /**
   * The partition the refresh ran in (aws, aws-cn, …): a PT ARN of another partition is out of
   * scope even with the same account and region. When absent, scope derives it from `region`.
   */
  partition?: string;
  /** Every PT in the account/region, keyed by ARN. */
  pts: Record<string, LivePt>;
  /** Keyed by the identifier as written (config model or state model_arn), plus the base models of custom models bought. */
  models: Record<string, ModelFacts>;
  /** Read only when the plan buys model units; absent when not read. */
  quotas?: QuotaRead;
}
