/**
 * Where a door keeps its create intents. The purchase protocol (buy.ts) is the same on both
 * doors; what differs is where an intent lives while its Create is in doubt and who else may
 * own a PT. The CLI keeps intents in the stack's state (a pending create written before the
 * call); the Terraform provider, which cannot write Terraform's state before a call returns,
 * keeps them in a journal beside Terraform's working directory.
 */
import type { LivePt, PendingCreate } from '../model';

export interface IntentLedger {
  /** Makes the intent durable before its first Create is sent; a failure here means nothing is sent. */
  record(intent: PendingCreate): Promise<void>;
  /** The service answered the intent's token with this ARN; kept with the intent until it is settled. */
  answered(intent: PendingCreate, arn: string): Promise<void>;
  /** The service refused the request, or the token was spent on an earlier PT: the intent can buy nothing more. */
  drop(intent: PendingCreate): Promise<void>;
  /** The PT is certainly the intent's purchase: record it as the intent's result. */
  bought(intent: PendingCreate, pt: LivePt): Promise<void>;
  /** Who else owns `arn` (another address or resource instance), in the door's words; undefined when nobody. */
  ownerOf(arn: string, intent: PendingCreate): string | undefined;
  /** The command that adopts a PT that is not the answer, in the door's words. */
  importHint(arn: string, intent: PendingCreate): string;
}
