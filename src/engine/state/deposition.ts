/**
 * The state's own rule for replaced objects, applied to every write. Only a
 * create_before_destroy replace puts a new ARN where an old one is current: its pending create
 * names the PT it replaces (`replaces`), and the write that records the new PT keeps that old
 * one as deposed — it still exists and bills, so it must never fall out of the state. Any other
 * write that would put a new ARN over a current PT is refused: the old PT would be lost from
 * state, or deposed and so deleted though nothing replaced it. A deposed record whose ARN is
 * current is stale (the current object wins) and is dropped.
 */
import { BedrockPtError } from '../errors';
import type { ManagedState } from '../model/managed';

export function keepReplacedAsDeposed(before: ManagedState, next: ManagedState): void {
  const currentArns = new Set(Object.values(next.pts).map((pt) => pt.arn));
  for (const [address, old] of Object.entries(before.pts)) {
    const now = next.pts[address];
    if (!now || now.arn === old.arn || currentArns.has(old.arn)) continue;
    if (before.pending[address]?.replaces !== old.arn) {
      throw new BedrockPtError(
        'state',
        `${address}: a state write would record ${now.arn} over ${old.arn}, which no create_before_destroy replaced; nothing was written`,
        { address },
      );
    }
    (next.deposed ??= {})[old.arn] ??= { ...old, address };
  }
  for (const arn of Object.keys(next.deposed ?? {})) {
    if (currentArns.has(arn)) delete next.deposed![arn];
  }
}
