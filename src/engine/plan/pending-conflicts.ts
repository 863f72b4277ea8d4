/**
 * A pending create whose address already holds another PT. Only a create_before_destroy replace
 * may have both (its intent names the PT it replaces); anything else — an import into an
 * address whose create was interrupted, a hand edit — leaves two PTs claiming one address.
 * Recording the create's PT there would push the other out of the state, or make it deposed and
 * so deleted though nothing replaced it; dropping the intent could lose a PT that was bought.
 * So the plan blocks and names both, with the way to keep the one you want.
 */
import type { Diagnostic, LivePt, ManagedPt, ManagedState, PendingCreate } from '../model';
import { compare, errorDiagnostic } from './diagnostics';

/**
 * The PT at the intent's address when it is neither the intent's result nor the PT its
 * create_before_destroy replaces; undefined when the address is free for the intent.
 */
export function occupantOf(state: ManagedState, p: PendingCreate, result?: LivePt): ManagedPt | undefined {
  const current = state.pts[p.address];
  if (!current || current.arn === result?.arn || current.arn === p.replaces) return undefined;
  return current;
}

export function pendingConflicts(stack: string, state: ManagedState, ptNamed: (name: string) => LivePt | undefined): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const p of Object.values(state.pending).sort((a, b) => compare(a.address, b.address))) {
    const result = ptNamed(p.name);
    const occupant = occupantOf(state, p, result);
    if (!occupant) continue;
    const its = result ? `${result.arn} (named "${p.name}") may be its PT` : `no PT named "${p.name}" exists yet, but its request may still be in flight`;
    out.push(
      errorDiagnostic(
        'pending-create-conflict',
        `An interrupted create of "${p.name}" (token ${p.clientRequestToken}) is not resolved, and ${p.address} also tracks ${occupant.arn} ("${occupant.name}"), which that create does not replace; ${its}`,
        {
          address: p.address,
          detail:
            'One address cannot keep both, and nothing is recorded, deposed or deleted while they compete. ' +
            `To keep ${occupant.arn}: \`bedrock-pt state rm --stack ${stack} ${p.address}\` forgets both (neither is touched in AWS), then ` +
            `\`bedrock-pt import --stack ${stack} ${p.address} ${occupant.arn}\`` +
            (result
              ? `; to keep ${result.arn} instead, import that ARN in the second step. The one you do not keep still bills: delete it, or import it at another address.`
              : '. If a PT of that create appears later, it is not managed: delete it, or import it at another address.'),
        },
      ),
    );
  }
  return out;
}
