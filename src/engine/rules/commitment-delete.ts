/**
 * Whether a committed Provisioned Throughput may be deleted now. One rule, two doors: the
 * planner's destroy guard and the emulator's DeleteProvisionedModelThroughput both ask it.
 *
 * Status Failed does not lift the commitment. The API reference says a PT cannot be deleted
 * before its commitment term is over and names no exception; `failureMessage` covers failures
 * "during creation, updating, or deletion", so a Failed PT may be one that served (and billed)
 * for months. Nothing documented says a failed PT is not billed, so the safe answer is to treat
 * it like any other committed PT: no delete before the term ends, and no replace that would buy
 * a second term first.
 *
 * The service judges the end on its own clock; the planner judges it on the local one, which may
 * differ. The planner therefore asks with a margin (`marginMs`) and keeps refusing until the end
 * is that far past; the emulator, standing in for Bedrock, asks with none.
 */

export interface CommitmentFacts {
  status: string;
  /** The commitment term (OneMonth, SixMonths), absent for a no-commitment PT. */
  commitment?: string;
  /** When the term ends, in epoch milliseconds; undefined when Bedrock has not reported it (yet). */
  endsAtMs?: number;
}

export type DeleteVerdict =
  | { allowed: true }
  | {
      allowed: false;
      /** Undefined when the end of the term is not known: refused until it is. */
      endsAtMs?: number;
      /** The PT is Failed: callers say so, since users expect a failed PT to be removable. */
      failed: boolean;
      /** Set when the term has ended by the caller's clock but not by `marginMs`: when a delete becomes certain. */
      safeFromMs?: number;
    };

/** `marginMs`: how far past the end `nowMs` must be before the delete is allowed (0 for the service itself). */
export function commitmentDeleteVerdict(pt: CommitmentFacts, nowMs: number, marginMs = 0): DeleteVerdict {
  if (!pt.commitment) return { allowed: true };
  const known = pt.endsAtMs !== undefined && Number.isFinite(pt.endsAtMs);
  if (known && nowMs >= (pt.endsAtMs as number) + marginMs) return { allowed: true };
  const settling = known && nowMs >= (pt.endsAtMs as number) ? { safeFromMs: (pt.endsAtMs as number) + marginMs } : {};
  return { allowed: false, ...(known ? { endsAtMs: pt.endsAtMs } : {}), failed: pt.status === 'Failed', ...settling };
}
