/**
 * Settling what an interrupted apply left in the state. A pending create is recorded only when a
 * live PT of its name is certainly its result (the whole request matches, it was created after
 * the intent, no other address tracks it) and its address is free for it: empty, already holding
 * that PT, or holding exactly the PT its create_before_destroy replaces. Every other pending
 * create is kept: its request may still be in flight, and the plan resumes it with its token.
 * (Deposed PTs are planned by plan/deposed.)
 *
 * `recoveredState` is pure, for the planner: a plan shows what apply will record and writes
 * nothing. `resolvePendingCreates` writes the same result, for apply, under its lock.
 */
import type { LivePt, ManagedState } from '../model';
import { adoptionRefusal, stateOwners } from '../pt/adoption';
import { managedFromLive } from '../pt/records';
import { occupantOf } from '../plan/pending-conflicts';
import { keepReplacedAsDeposed } from '../state/deposition';
import type { StateWriter } from './context';

export interface Recovery {
  /** Addresses whose interrupted create had succeeded: recorded in state (apply), or to be recorded by apply (plan). */
  recorded: string[];
  /** True once the records are written (apply); a plan only shows them. */
  written: boolean;
}

/** Applies the recoverable pending creates to `m` in place (but those at `skip`); returns their addresses. */
function recordRecovered(m: ManagedState, live: Record<string, LivePt>, account: string, region: string, skip: ReadonlySet<string> = new Set()): string[] {
  const byName = new Map(Object.values(live).map((p) => [p.name, p]));
  const candidates = Object.values(m.pending)
    .filter((p) => !skip.has(p.address) && (p.region ?? region) === region && (p.account ?? account) === account && byName.has(p.name))
    .sort((a, b) => a.address.localeCompare(b.address));
  const recorded: string[] = [];
  for (const p of candidates) {
    const pt = byName.get(p.name)!;
    // Checked against the state as it is being updated, so two intents never take one PT.
    if (adoptionRefusal(pt, p, stateOwners(m, p.address)) || occupantOf(m, p, pt)) continue;
    delete m.pending[p.address];
    m.pts[p.address] = managedFromLive(p.address, pt, { tags: p.tags ?? p.tagsAll, tagsAll: pt.tags ?? p.tagsAll }, { region });
    recorded.push(p.address);
  }
  return recorded;
}

/**
 * `live` is every PT in the stack's account and region, keyed by ARN, with tags read for those
 * named by a pending create (refresh reads them). The result is the state as apply will write it.
 */
export function recoveredState(
  state: ManagedState,
  live: Record<string, LivePt>,
  account: string,
  region: string,
): { managed: ManagedState; recorded: string[] } {
  const managed = structuredClone(state);
  const recorded = recordRecovered(managed, live, account, region);
  // What the state write does to a create_before_destroy's old PT, so the plan sees it deposed.
  if (recorded.length) keepReplacedAsDeposed(state, managed);
  return { managed, recorded };
}

/**
 * Apply: records the recoverable pending creates in state, in one write. `skip`: addresses whose
 * create the plan resumes with its token instead (the applier's re-send settles those).
 */
export async function resolvePendingCreates(
  state: StateWriter,
  live: Record<string, LivePt>,
  account: string,
  region: string,
  skip?: ReadonlySet<string>,
): Promise<Recovery> {
  if (recordRecovered(structuredClone(state.managed), live, account, region, skip).length === 0) return { recorded: [], written: true };
  let recorded: string[] = [];
  await state.update((m) => {
    recorded = recordRecovered(m, live, account, region, skip);
  });
  return { recorded, written: true };
}
