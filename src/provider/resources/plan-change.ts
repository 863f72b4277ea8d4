/**
 * PlanResourceChange: the engine's planner decides, this module only translates. Prior state and
 * proposed object become a one-resource plan (planSingleResource) with what the provider knows
 * beyond them: the PT a create half replaces (carried in private data from the first plan of a
 * replace), the creates other resources of this run planned, and the journal's open intents.
 * Its ResourceChange becomes the planned object, the attributes that force replacement, and
 * diagnostics on the attributes.
 */
import { UNKNOWN, type CtyObject, type PathStep, type PlanRequest, type PlanResponse, type ProviderDiagnostic } from '../contract';
import type { LiveView, ManagedPt, PendingCreate, ResourceChange } from '../../engine/model';
import { isReplace } from '../../engine/model';
import { planSingleResource, type SingleDesired, type SingleResourcePlan } from '../../engine/plan/single-resource';
import { mayBeResultOf } from '../../engine/pt/adoption';
import { canonicalModelKey, servedModel } from '../../engine/pt/model-identity';
import { log } from '../protocol/log';
import type { PlannedPurchase } from '../../engine/plan/quotas';
import { hasErrors } from '../../engine/diagnostics';
import { attributePath, errorDiagnostic, fromPlanner, warningDiagnostic } from './diagnostics';
import { isStale, type JournalEntry } from './purchase-journal';
import type { ProviderSession } from './session';
import { completeObject, desiredFrom, managedFrom, type Desired } from './state-object';

/**
 * What a plan tells Terraform to hand back: to the create half of a replace (as prior private)
 * and to ApplyResourceChange (as planned private).
 */
export interface PlanPrivate {
  /** The PT this resource held when planned: the one a replace's create half replaces. */
  from?: string;
  /** The journal intent the create resumes, by token. */
  resume?: string;
}

export function readPrivate(buffer?: Buffer): PlanPrivate {
  if (!buffer || buffer.length === 0) return {};
  try {
    const parsed = JSON.parse(buffer.toString('utf8'));
    return parsed && typeof parsed === 'object' ? parsed : {};
  } catch {
    return {};
  }
}

function writePrivate(data: PlanPrivate): Buffer | undefined {
  return data.from || data.resume ? Buffer.from(JSON.stringify(data)) : undefined;
}

/** Everything the planner needs to know from Bedrock: the shared List and facts for each model in play. */
export async function liveView(
  session: ProviderSession,
  desired: Desired | undefined,
  managed: Omit<ManagedPt, 'address'> | undefined,
  replaces?: string,
): Promise<LiveView> {
  const pts = await session.list.get();
  const current = managed ? pts[managed.arn] : replaces ? pts[replaces] : undefined;
  const models = await session.modelFacts([desired?.model ?? '', managed?.modelArn ?? '', current?.modelArn ?? '', current?.desiredModelArn ?? '']);
  return { account: session.account, region: session.region, partition: session.scope.partition, pts, models };
}

/**
 * The journal's intents that a plan must know about: not resumed by another create of this run,
 * and not stale. A stale intent whose PT never appeared is forgotten here: its create never took
 * effect. `resuming` is kept even when claimed: it is the one this create resumes.
 */
export async function openIntents(session: ProviderSession, live: LiveView, now: Date, resuming?: string): Promise<JournalEntry[]> {
  const entries = await session.journal.entries(session.scope);
  const byName = new Map(Object.values(live.pts).map((pt) => [pt.name, pt]));
  const open: JournalEntry[] = [];
  for (const entry of entries) {
    if (session.registry.isOwn(entry.clientRequestToken)) continue;
    const pt = entry.arn ? live.pts[entry.arn] : byName.get(entry.name);
    const found = !!pt && (!!entry.arn || mayBeResultOf(pt, entry));
    if (!found && isStale(entry, now.getTime())) {
      log('info', 'forgetting a create that never took effect', { token: entry.clientRequestToken, name: entry.name, started: entry.startedAt });
      await session.journal.remove(entry.clientRequestToken);
      continue;
    }
    if (entry.clientRequestToken === resuming || !session.registry.isClaimed(entry.clientRequestToken)) open.push(entry);
  }
  return open;
}

export interface PlanContext {
  /** The PT a create half replaces. */
  replaces?: string;
  /** Creates other resources of this run planned. */
  otherCreates?: SingleDesired[];
  /** The journal intent this create resumes, kept open even though a create of this run claimed it. */
  resuming?: string;
}

export async function planFor(
  session: ProviderSession,
  now: Date,
  desired: Desired | undefined,
  managed: Omit<ManagedPt, 'address'> | undefined,
  context: PlanContext = {},
): Promise<{ plan: SingleResourcePlan; live: LiveView; intents: PendingCreate[] }> {
  const live = await liveView(session, desired, managed, context.replaces);
  const intents = await openIntents(session, live, now, context.resuming);
  const planWith = (view: LiveView, alsoPlanned: PlannedPurchase[]) =>
    planSingleResource({
      desired,
      managed,
      live: view,
      defaultTags: session.settings.config.defaultTags,
      now,
      ...(context.replaces ? { replaces: context.replaces } : {}),
      otherCreates: context.otherCreates ?? [],
      intents,
      alsoPlanned,
    });
  const plan = await session.quotas.planChecked(live, planWith, context.replaces);
  return { plan, live, intents };
}

/** Where Terraform should point a diagnostic without a field: the attribute whose change caused it. */
function changePath(change: ResourceChange): PathStep[] | undefined {
  const forcing = change.attributes.find((a) => a.forcesReplacement);
  return forcing ? attributePath(forcing.attribute) : undefined;
}

function plannerDiagnostics(session: ProviderSession, plan: SingleResourcePlan, live: LiveView, unknown: Set<string>): ProviderDiagnostic[] {
  const fallback = changePath(plan.change);
  const context = { tracked: (arn: string) => session.registry.isTracked(arn), live, workspace: session.journal.workspace };
  // A check on a value Terraform does not know yet would judge a placeholder; apply re-plans with the real value.
  return plan.diagnostics.filter((d) => !d.field || !unknown.has(d.field)).map((d) => fromPlanner(d, fallback, context));
}

function unknownWarnings(unknown: Set<string>): ProviderDiagnostic[] {
  return [...unknown]
    .sort()
    .map((name) =>
      warningDiagnostic(
        `${name} is not known until apply`,
        'The provider plans it as an in-place change. If the value it then takes needs a new Provisioned Throughput, or is blocked ' +
          '(e.g. by a commitment that has not ended), apply stops before changing this resource and the next plan shows why.',
        attributePath(name),
      ),
    );
}

/**
 * The prior state Terraform plans from must be what Bedrock says now. After a refresh it is; a
 * saved plan applied after a change made outside Terraform, or a plan with -refresh=false, may
 * plan from an older picture, and is refused rather than planned against the wrong PT.
 */
function changedSinceRead(prior: CtyObject, live: LiveView): ProviderDiagnostic | undefined {
  const managed = managedFrom(prior);
  const pt = live.pts[managed.arn];
  if (!pt) return undefined;
  const changes: string[] = [];
  if (pt.name !== managed.name) changes.push(`name "${managed.name}" → "${pt.name}"`);
  if (pt.modelUnits !== managed.modelUnits) changes.push(`model units ${managed.modelUnits} → ${pt.modelUnits}`);
  if ((pt.commitment ?? null) !== (managed.commitment ?? null)) changes.push(`commitment ${managed.commitment ?? 'none'} → ${pt.commitment ?? 'none'}`);
  const model = servedModel(pt);
  const recorded = live.models[managed.modelArn]?.arn ?? canonicalModelKey(managed.modelArn, live.region);
  if (managed.modelArn && managed.modelArn !== model && recorded !== model) changes.push(`model ${managed.modelArn} → ${model}`);
  if (!changes.length) return undefined;
  return errorDiagnostic(
    `Provisioned Throughput ${managed.arn} changed since Terraform last read it (${changes.join(', ')})`,
    'It was changed outside Terraform after the state this plan starts from was refreshed (a saved plan applied later, or -refresh=false). ' +
      'Nothing was changed. Run `terraform plan` again (with refresh, the default) so the change is planned from what exists now.',
  );
}

export async function planChange(session: ProviderSession, request: PlanRequest, now: Date): Promise<PlanResponse> {
  const { prior, proposed } = request;
  const defaultTags = session.settings.config.defaultTags;
  const managed = prior ? managedFrom(prior) : undefined;
  if (managed) session.registry.track(managed.arn);
  if (!proposed) {
    if (!managed) return { planned: null, requiresReplace: [], diagnostics: [] };
    const { plan, live } = await planFor(session, now, undefined, managed);
    return { planned: null, requiresReplace: [], diagnostics: plannerDiagnostics(session, plan, live, new Set()) };
  }
  const { desired, unknown } = desiredFrom(proposed, defaultTags, managed);
  const replaces = prior ? undefined : readPrivate(request.priorPrivate).from;
  // Taken before anything is awaited: Terraform plans resources concurrently, and of two creates
  // of one name the second must see the first.
  const otherCreates = prior ? [] : session.registry.plannedCreates();
  if (!prior && !unknown.has('provisioned_model_name')) session.registry.planCreate(desired);
  const { plan, live } = await planFor(session, now, desired, managed, { replaces, otherCreates });
  const { change } = plan;
  const stale = prior ? changedSinceRead(prior, live) : undefined;
  if (stale) return { planned: prior, requiresReplace: [], diagnostics: [stale] };
  const diagnostics = [...plannerDiagnostics(session, plan, live, unknown), ...(prior ? unknownWarnings(unknown) : [])];
  if (prior && change.action === 'create') {
    return {
      planned: prior,
      requiresReplace: [],
      diagnostics: [
        errorDiagnostic(
          `Provisioned Throughput ${managed!.arn} no longer exists`,
          'It was deleted outside Terraform after the state was last refreshed; run `terraform plan` with refresh enabled (the default) so the create is planned from what exists.',
        ),
      ],
    };
  }
  const refused = hasErrors(diagnostics);
  const resume = change.resumesCreate?.clientRequestToken;
  if (resume && !refused && !session.registry.claim(resume)) {
    diagnostics.push(
      errorDiagnostic(
        `Another resource of this run already resumes the interrupted create ${resume}`,
        'One interrupted create can become one resource only; give this resource another name.',
      ),
    );
  }
  const planned = plannedObject(proposed, prior, change, unknown);
  const privateData = writePrivate({ ...(managed ? { from: managed.arn } : replaces ? { from: replaces } : {}), ...(resume ? { resume } : {}) });
  const requiresReplace = prior && isReplace(change.action) ? replacePaths(change) : [];
  return { planned, requiresReplace, ...(privateData ? { plannedPrivate: privateData } : {}), diagnostics };
}

function replacePaths(change: ResourceChange): PathStep[][] {
  const paths = change.attributes.filter((a) => a.forcesReplacement).map((a) => attributePath(a.attribute));
  if (change.reasons.includes('failed-status')) paths.push(attributePath('status'));
  return paths;
}

/**
 * Config values stay as written (Terraform requires it); computed values are the prior's where the
 * change keeps them, unknown where apply will learn them.
 */
function plannedObject(proposed: CtyObject, prior: CtyObject | null, change: ResourceChange, unknown: Set<string>): CtyObject {
  const planned = completeObject(proposed);
  planned.tags_all = unknown.has('tags') ? UNKNOWN : change.after ? { ...change.after.tags_all } : proposed.tags_all;
  const fresh = !prior || isReplace(change.action);
  if (fresh) {
    for (const name of ['id', 'provisioned_model_arn', 'status', 'foundation_model_arn'] as const) planned[name] = UNKNOWN;
    planned.commitment_expiration_time = proposed.commitment_duration === null ? null : UNKNOWN;
    return planned;
  }
  for (const name of ['id', 'provisioned_model_arn', 'status', 'foundation_model_arn', 'commitment_expiration_time'] as const) {
    planned[name] = prior[name] ?? null;
  }
  const transition = !!change.update?.rename || !!change.update?.modelId || unknown.has('provisioned_model_name') || unknown.has('model_arn');
  if (transition) planned.status = UNKNOWN;
  return planned;
}
