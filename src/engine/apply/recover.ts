/**
 * Before anything is planned: settle what an interrupted apply left in the state. A pending
 * create is recorded only when a live PT of its name is certainly its result (the whole
 * request matches, it was created after the intent, no other address tracks it). Every other
 * pending create is kept: its request may still be in flight, and the plan resumes it with
 * its token. (Deposed PTs are planned by plan/deposed.)
 */
import type { LivePt, ManagedPt, PendingCreate } from '../model';
import { adoptionRefusal, stateOwners } from '../plan/adoption';
import type { StateWriter } from './context';

export interface Recovery {
  /** Addresses whose interrupted create had succeeded and is now recorded in state. */
  recorded: string[];
}

function recordOf(p: PendingCreate, pt: LivePt, region: string): ManagedPt {
  return {
    address: p.address,
    arn: pt.arn,
    name: pt.name,
    modelArn: pt.desiredModelArn || pt.modelArn,
    modelUnits: pt.modelUnits,
    commitment: pt.commitment,
    tags: { ...(p.tags ?? p.tagsAll) },
    tagsAll: { ...(pt.tags ?? p.tagsAll) },
    region,
  };
}

/**
 * `live` is every PT in the stack's account and region, keyed by ARN, with tags read for
 * those named by a pending create (refresh reads them).
 */
export async function resolvePendingCreates(state: StateWriter, live: Record<string, LivePt>, account: string, region: string): Promise<Recovery> {
  const recovery: Recovery = { recorded: [] };
  const byName = new Map(Object.values(live).map((p) => [p.name, p]));
  const candidates = Object.values(state.managed.pending)
    .filter((p) => (p.region ?? region) === region && (p.account ?? account) === account && byName.has(p.name))
    .sort((a, b) => a.address.localeCompare(b.address));
  if (!candidates.some((p) => !adoptionRefusal(byName.get(p.name)!, p, stateOwners(state.managed, p.address)))) return recovery;
  await state.update((m) => {
    for (const p of candidates) {
      const pt = byName.get(p.name)!;
      // Checked against the state as it is being updated, so two intents never take one PT.
      if (adoptionRefusal(pt, p, stateOwners(m, p.address))) continue;
      delete m.pending[p.address];
      m.pts[p.address] = recordOf(p, pt, region);
      recovery.recorded.push(p.address);
    }
  });
  return recovery;
}
