/**
 * Interrupted creates still in state (their PT was not found, or not certainly theirs). Such a
 * request may still be in flight inside Bedrock, so a new create with a new token could buy a
 * second PT. When the configuration still asks for exactly that create, the plan's create for
 * the address *is* its resolution: apply re-sends it with the recorded token, and Bedrock
 * returns the first request's PT if it went through or buys it once if it never arrived.
 */
import type { ChangeAction, Diagnostic, LivePt, ManagedState, PendingCreate, PtAttributes, ResourceChange } from '../model';
import { canonicalJson } from '../canonical';
import { adoptionRefusal } from './adoption';
import { compare, errorDiagnostic, formatTime, warningDiagnostic } from './diagnostics';
import type { ModelCatalog } from './models';

const CREATES: ReadonlySet<ChangeAction> = new Set(['create', 'delete-then-create', 'create-then-delete']);

export interface PendingContext {
  stack: string;
  account: string;
  region: string;
  state: ManagedState;
  catalog: ModelCatalog;
  ptNamed(name: string): LivePt | undefined;
}

/** What this run knows about the intent's PT. */
function finding(ctx: PendingContext, p: PendingCreate): string {
  const holder = ctx.ptNamed(p.name);
  if (!holder) return `no PT named "${p.name}" exists in account ${ctx.account}, region ${ctx.region} yet`;
  const refusal = adoptionRefusal(holder, p, ctx.state);
  return refusal ? `${holder.arn} is named "${p.name}" but is not its result: ${refusal}` : `${holder.arn} matches it`;
}

/** How the planned create differs from the interrupted one; empty when they ask for the same PT. */
function differences(ctx: PendingContext, p: PendingCreate, after: PtAttributes, modelId: string): string[] {
  const out: string[] = [];
  if (after.provisioned_model_name !== p.name) out.push(`name "${p.name}" → "${after.provisioned_model_name}"`);
  if (ctx.catalog.canonical(modelId) !== ctx.catalog.canonical(p.model)) out.push(`model ${p.model} → ${modelId}`);
  if (after.model_units !== p.modelUnits) out.push(`model units ${p.modelUnits} → ${after.model_units}`);
  if ((after.commitment_duration ?? null) !== (p.commitment ?? null)) out.push(`commitment ${p.commitment ?? 'none'} → ${after.commitment_duration ?? 'none'}`);
  if (canonicalJson(after.tags_all) !== canonicalJson(p.tagsAll)) out.push('tags');
  return out;
}

/**
 * Attaches the recorded token to the create that resolves each intent, and says what is known
 * about every intent. `skip` holds intents refused elsewhere (sent to another region).
 */
export function planPendingCreates(ctx: PendingContext, changes: ResourceChange[], skip: Set<string>): Diagnostic[] {
  const out: Diagnostic[] = [];
  const byAddress = new Map(changes.map((c) => [c.address, c]));
  const intents = Object.values(ctx.state.pending).filter((p) => !skip.has(p.address)).sort((a, b) => compare(a.address, b.address));
  for (const p of intents) {
    const what = `An interrupted create of "${p.name}" (token ${p.clientRequestToken}, started ${formatTime(p.startedAt)}) is not resolved: ${finding(ctx, p)}`;
    const change = byAddress.get(p.address);
    const create = change && CREATES.has(change.action) && change.after ? change : undefined;
    const drop = `When you are sure it never reached Bedrock (still no PT named "${p.name}" after some minutes), remove the intent with \`bedrock-pt state rm --stack ${ctx.stack} ${p.address}\`.`;
    if (!create) {
      out.push(
        warningDiagnostic('pending-create-unresolved', what, {
          address: p.address,
          detail: `The configuration no longer asks for it, so nothing is sent; the intent stays in state and the next plan records its PT if one appears. ${drop}`,
        }),
      );
      continue;
    }
    const diff = differences(ctx, p, create.after!, create.createModelId ?? create.after!.model_arn);
    if (diff.length > 0) {
      out.push(
        errorDiagnostic('pending-create-unresolved', `${what}; the configuration now asks for something else (${diff.join(', ')})`, {
          address: p.address,
          detail:
            'It may still be in flight, so a new create could buy a second PT. Restore the configuration to what the interrupted create asked for ' +
            `(apply then re-sends it with the same token, which cannot buy twice), or wait and plan again. ${drop}`,
        }),
      );
      continue;
    }
    create.resumesCreate = { clientRequestToken: p.clientRequestToken, startedAt: p.startedAt };
    create.reasons.push('resume-create');
    create.explanations.push(
      `resume: re-sends the interrupted create with its token ${p.clientRequestToken}; Bedrock returns that request's PT if it went through, or buys it once if it never arrived`,
    );
    out.push({
      severity: 'note',
      code: 'pending-create-resumed',
      address: p.address,
      summary: what,
      detail: 'Apply re-sends that create with the same token instead of a new one; no second PT can be bought.',
    });
  }
  return out;
}
