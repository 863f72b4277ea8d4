/**
 * Interrupted creates still in state (their PT was not found, or not certainly theirs). Such a
 * request may still be in flight inside Bedrock, so a new create with a new token could buy a
 * second PT. When the configuration still asks for exactly that create, the plan's create for
 * the address *is* its resolution: apply re-sends it with the recorded token, and Bedrock
 * returns the first request's PT if it went through or buys it once if it never arrived.
 */
import type { Diagnostic, LivePt, ManagedState, PendingCreate, PtAttributes, ResourceChange } from '../model';
import { createsPt } from '../model';
import { canonicalJson } from '../canonical';
import { adoptionRefusal, mayBeResultOf, stateOwners } from '../pt/adoption';
import { compare, errorDiagnostic, formatTime, noteDiagnostic, warningDiagnostic } from './diagnostics';
import type { ModelCatalog } from './models';

export interface PendingContext {
  stack: string;
  account: string;
  region: string;
  state: ManagedState;
  catalog: ModelCatalog;
  ptNamed(name: string): LivePt | undefined;
  ptByArn(arn: string): LivePt | undefined;
}

/** What this run knows about the intent's PT. */
function finding(ctx: PendingContext, p: PendingCreate): string {
  const answered = p.arn ? ctx.ptByArn(p.arn) : undefined;
  if (p.arn && answered) return `Bedrock answered it with ${p.arn}, now named "${answered.name}"`;
  const holder = ctx.ptNamed(p.name);
  if (!holder) return `no PT named "${p.name}" exists in account ${ctx.account}, region ${ctx.region} yet`;
  const refusal = adoptionRefusal(holder, p, stateOwners(ctx.state, p.address));
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
  const intents = Object.values(ctx.state.pending)
    .filter((p) => !skip.has(p.address))
    .sort((a, b) => compare(a.address, b.address));
  for (const p of intents) {
    const what = describe(ctx, p);
    const change = byAddress.get(p.address);
    const create = change && createsPt(change.action) && change.after ? change : undefined;
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
    out.push(resume(ctx, create, p, what));
  }
  return out;
}

/** The create re-sends the intent's token; the note says what is known. */
function resume(ctx: PendingContext, create: ResourceChange, p: PendingCreate, what: string): Diagnostic {
  create.resumesCreate = { clientRequestToken: p.clientRequestToken, startedAt: p.startedAt };
  create.reasons.push('resume-create');
  create.explanations.push(
    `resume: re-sends the interrupted create with its token ${p.clientRequestToken}; Bedrock returns that request's PT if it went through, or buys it once if it never arrived`,
  );
  return noteDiagnostic('pending-create-resumed', what, {
    address: create.address,
    detail: 'Apply re-sends that create with the same token instead of a new one; no second PT can be bought.',
  });
}

/**
 * A resumed create may find its name held by the very PT its intent bought: that is no name
 * conflict. Drops the name-taken errors of resumed creates whose holder may be their intent's
 * result (apply checks the answer before recording anything).
 */
export function forgiveOwnNames(ctx: PendingContext, changes: ResourceChange[], intents: PendingCreate[], diagnostics: Diagnostic[]): Diagnostic[] {
  const byToken = new Map(intents.map((p) => [p.clientRequestToken, p]));
  const own = new Set<string>();
  for (const change of changes) {
    const p = change.resumesCreate ? byToken.get(change.resumesCreate.clientRequestToken) : undefined;
    const holder = p ? ctx.ptNamed(p.name) : undefined;
    if (p && holder && mayBeResultOf(holder, p)) own.add(change.address);
  }
  return diagnostics.filter((d) => !(d.code === 'name-taken' && d.address && own.has(d.address)));
}

/**
 * Intents a door cannot tie to an address (the Terraform provider's purchase journal: Terraform
 * never tells a provider which resource it is planning). A create that asks for exactly what
 * one of them asked resumes it with its token. While any other is open, no create is planned:
 * its PT may be the one this create is meant to be, under a name the configuration changed since.
 */
export function planUnaddressedIntents(ctx: PendingContext, changes: ResourceChange[], intents: PendingCreate[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const open = [...intents].sort((a, b) => compare(a.startedAt, b.startedAt) || compare(a.clientRequestToken, b.clientRequestToken));
  const resumed = new Set<string>();
  const creates = changes.filter((c) => createsPt(c.action) && c.after && !c.resumesCreate);
  for (const create of creates) {
    const match = open.find(
      (p) => !resumed.has(p.clientRequestToken) && differences(ctx, p, create.after!, create.createModelId ?? create.after!.model_arn).length === 0,
    );
    if (!match) continue;
    resumed.add(match.clientRequestToken);
    out.push(resume(ctx, create, match, describe(ctx, match)));
  }
  const unresolved = open.filter((p) => !resumed.has(p.clientRequestToken));
  if (!unresolved.length) return out;
  const summary = unresolved.map((p) => describe(ctx, p)).join('; ');
  for (const change of changes) {
    const creating = createsPt(change.action) && !change.resumesCreate;
    out.push({
      severity: creating ? 'error' : 'warning',
      code: 'pending-create-unresolved',
      address: change.address,
      summary: `${summary}; it is recorded in no state`,
      detail: creating
        ? 'Its PT may be the one this resource is meant to be, under a name or settings changed since, so no new PT is bought until it is settled. ' +
          "Adopt it into the resource it belongs to, or restore that resource's configuration to what the interrupted create asked for (the create then resumes with the same token, which cannot buy twice)."
        : 'It keeps billing while no state records it. Adopt it into the resource it belongs to, or delete it if nobody needs it.',
    });
  }
  return out;
}

function describe(ctx: PendingContext, p: PendingCreate): string {
  return `An interrupted create of "${p.name}" (token ${p.clientRequestToken}, started ${formatTime(p.startedAt)}) is not resolved: ${finding(ctx, p)}`;
}
