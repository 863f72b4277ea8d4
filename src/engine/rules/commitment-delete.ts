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
    };

export function commitmentDeleteVerdict(pt: CommitmentFacts, nowMs: number): DeleteVerdict {
  if (!pt.commitment) return { allowed: true };
  const known = pt.endsAtMs !== undefined && Number.isFinite(pt.endsAtMs);
  if (known && nowMs >= (pt.endsAtMs as number)) return { allowed: true };
  return { allowed: false, ...(known ? { endsAtMs: pt.endsAtMs } : {}), failed: pt.status === 'Failed' };
}
