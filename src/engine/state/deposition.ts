/**
 * The state's own rule for replaced objects, applied to every write: when the object at an
 * address is replaced by a PT with another ARN (a create_before_destroy replace recording its
 * new PT, or a pending create of one resolved after a crash), the old PT becomes deposed in
 * the same write — it still exists and bills, so it must never fall out of the state. A
 * deposed record whose ARN is current is stale (the current object wins) and is dropped.
 */
import type { ManagedState } from '../model/managed';

export function keepReplacedAsDeposed(before: ManagedState, next: ManagedState): void {
  const currentArns = new Set(Object.values(next.pts).map((pt) => pt.arn));
  for (const [address, old] of Object.entries(before.pts)) {
    const now = next.pts[address];
    if (!now || now.arn === old.arn || currentArns.has(old.arn)) continue;
    (next.deposed ??= {})[old.arn] ??= { ...old, address };
  }
  for (const arn of Object.keys(next.deposed ?? {})) {
    if (currentArns.has(arn)) delete next.deposed![arn];
  }
}
