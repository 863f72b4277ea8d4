/**
 * Terraform refreshes every resource with its own ReadResource call, many at once. Instead of a
 * Get per PT, the calls of one burst share one paginated ListProvisionedModelThroughputs: the
 * first reader starts it, concurrent readers await the same promise, and a reader within
 * `maxAgeMs` of the previous one (or of its completion) reuses it — the reads of one refresh
 * arrive over many seconds when tag reads are paced. Any change the provider makes drops the snapshot.
 */
import type { LivePt } from '../../engine/model';
import type { StackClients } from '../../engine/aws/clients';
import { listAllPts } from '../../engine/refresh/refresh';

export class SharedPtList {
  /** `doneAt`: when the List completed, then moved forward by each reader that reuses it. */
  private snapshot?: { pts: Promise<Record<string, LivePt>>; doneAt?: number };

  constructor(
    private readonly clients: StackClients,
    private readonly maxAgeMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get(): Promise<Record<string, LivePt>> {
    const current = this.snapshot;
    const fresh = current && (current.doneAt === undefined || this.now() - current.doneAt < this.maxAgeMs);
    if (fresh) {
      if (current.doneAt !== undefined) current.doneAt = this.now();
      return current.pts;
    }
    const entry: { pts: Promise<Record<string, LivePt>>; doneAt?: number } = { pts: listAllPts(this.clients, 'terraform') };
    this.snapshot = entry;
    entry.pts.then(
      () => (entry.doneAt = this.now()),
      () => {
        // A failed List is not kept: the next reader tries again.
        if (this.snapshot === entry) this.snapshot = undefined;
      },
    );
    return entry.pts;
  }

  invalidate(): void {
    this.snapshot = undefined;
  }
}
