/**
 * While many PTs of a stack wait for InService, polling each with its own Get spends the read
 * quota N times per step. Instead every waiter reads from one shared List of the account's PTs,
 * fetched at most once per `maxAgeMs` (concurrent readers share a fetch in flight). A PT the
 * List does not show (just created, or gone) and a Failed one (for its failureMessage) are
 * confirmed with a Get.
 */
import type { LivePt } from '../model';
import type { StackClients } from '../aws/clients';
import { listAllPts } from '../refresh/refresh';
import { getPt } from './wait';

export class BatchedStatusReader {
  private snapshot?: { at: number; pts: Promise<Record<string, LivePt>> };

  constructor(
    private readonly clients: StackClients,
    private readonly stack: string,
    private readonly maxAgeMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  readonly read = async (arn: string): Promise<LivePt | undefined> => {
    const pt = (await this.list())[arn];
    if (pt && pt.status !== 'Failed') return pt;
    return getPt(this.clients.bedrock, arn);
  };

  private list(): Promise<Record<string, LivePt>> {
    const fresh = this.snapshot && this.now() - this.snapshot.at < this.maxAgeMs;
    if (!fresh) {
      const pts = listAllPts(this.clients, this.stack);
      this.snapshot = { at: this.now(), pts };
      // A failed List is not cached: the next reader tries again.
      pts.catch(() => {
        if (this.snapshot?.pts === pts) this.snapshot = undefined;
      });
    }
    return this.snapshot!.pts;
  }
}
