/** bedrock-pt's view of one stack's Terraform state: the PTs it manages. */
import type { Commitment, Tags, Timeouts } from './desired';

export interface ManagedPt {
  address: string;
  arn: string;
  name: string;
  modelArn: string;
  modelUnits: number;
  commitment?: Commitment;
  tags: Tags;
  tagsAll: Tags;
  region?: string;
  timeouts?: Timeouts;
}

/**
 * A create whose call may have been sent but whose result is not yet recorded.
 * Written to state before CreateProvisionedModelThroughput is sent; kept until it is resolved
 * for certain: its PT found and recorded, or the service's answer to a re-sent Create.
 */
export interface PendingCreate {
  address: string;
  name: string;
  model: string;
  modelUnits: number;
  commitment?: Commitment;
  tagsAll: Tags;
  /** The resource's own tags (without provider default tags), for the state record. */
  tags?: Tags;
  clientRequestToken: string;
  /** ISO-8601, when the intent was written. */
  startedAt: string;
  /** Where the create was sent (tokens are scoped per account and region). */
  region?: string;
  account?: string;
  /** The ARN the service answered the token with, once known (the PT may still not be certainly this intent's). */
  arn?: string;
  /**
   * Set on the create half of a create_before_destroy replace: the ARN of the current PT it
   * replaces. Only then may its result take the address while another PT is current there
   * (that one becomes deposed); for any other create the address must be free.
   */
  replaces?: string;
}

export interface ManagedState {
  lineage: string;
  serial: number;
  /** Keyed by address. */
  pts: Record<string, ManagedPt>;
  pending: Record<string, PendingCreate>;
  /**
   * PTs replaced under create_before_destroy whose new PT exists but whose delete has not
   * been confirmed yet (Terraform's "deposed" objects), keyed by ARN. The next apply deletes them.
   */
  deposed?: Record<string, ManagedPt>;
}
