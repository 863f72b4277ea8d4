/**
 * Before anything is planned: settle what an interrupted apply left in the state. A pending
 * create whose PT exists is recorded (so it is never bought again); one whose PT does not
 * exist was never created and is dropped. Deposed PTs (replaced under create_before_destroy)
 * are reported so the apply deletes them.
 */
import type { LivePt, ManagedPt, ManagedState, PendingCreate, ResourceChange } from '../model';
import type { StateWriter } from './context';

export interface Recovery {
  recorded: string[];
  dropped: string[];
  /** Pending creates whose name now belongs to a PT that does not match the intent. */
  conflicts: string[];
}

function matches(pt: LivePt, p: PendingCreate): boolean {
  return pt.modelUnits === p.modelUnits && (pt.commitment ?? null) === (p.commitment ?? null);
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

/** `live` is every PT in the stack's account and region, keyed by ARN. */
export async function resolvePendingCreates(state: StateWriter, live: Record<string, LivePt>, region: string): Promise<Recovery> {
  const recovery: Recovery = { recorded: [], dropped: [], conflicts: [] };
  const pending = Object.values(state.managed.pending);
  if (pending.length === 0) return recovery;
  const byName = new Map(Object.values(live).map((p) => [p.name, p]));
  await state.update((m) => {
    for (const p of pending) {
      const pt = byName.get(p.name);
      delete m.pending[p.address];
      if (pt && matches(pt, p)) {
        m.pts[p.address] = recordOf(p, pt, region);
        recovery.recorded.push(p.address);
      } else if (pt) {
        recovery.conflicts.push(`${p.address} (a PT named ${p.name} exists but does not match the interrupted create)`);
      } else {
        recovery.dropped.push(p.address);
      }
    }
  });
  return recovery;
}

/** Deletes still owed by interrupted create_before_destroy replaces, as plan changes. */
export function deposedChanges(state: ManagedState): ResourceChange[] {
  return Object.values(state.deposed ?? {})
    .sort((a, b) => a.arn.localeCompare(b.arn))
    .map((old) => ({
      address: old.address,
      action: 'delete' as const,
      reasons: ['removed-from-config' as const],
      explanations: [`deposed: ${old.arn} was replaced under create_before_destroy and its delete was not confirmed; it is deleted now`],
      before: {
        provisioned_model_name: old.name,
        model_arn: old.modelArn,
        model_units: old.modelUnits,
        commitment_duration: old.commitment ?? null,
        tags: old.tags,
        tags_all: old.tagsAll,
        provisioned_model_arn: old.arn,
        id: old.arn,
      },
      after: null,
      attributes: [],
      arn: old.arn,
      deposed: old.arn,
      blocked: false,
      commitment: { addedUnitHours: 0, endedUnitHours: 0 },
      timeouts: old.timeouts ?? {},
    }));
}
