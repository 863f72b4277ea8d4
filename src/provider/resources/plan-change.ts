/**
 * PlanResourceChange: the engine's planner decides, this module only translates. Prior state and
 * proposed object become a one-resource plan (planSingleResource); its ResourceChange becomes the
 * planned object, the attributes that force replacement, and diagnostics on the attributes.
 */
import { UNKNOWN, type CtyObject, type PathStep, type PlanRequest, type PlanResponse, type ProviderDiagnostic } from '../contract';
import type { LiveView, ManagedPt, ResourceChange } from '../../engine/model';
import { planSingleResource, type SingleResourcePlan } from '../../engine/plan/single-resource';
import type { PlannedPurchase } from '../../engine/plan/quotas';
import { attributePath, errorDiagnostic, fromPlanner } from './diagnostics';
import type { ProviderSession } from './session';
import { completeObject, desiredFrom, managedFrom, type Desired } from './state-object';

/** What the first plan of a replace tells the plan of its create half (Terraform passes it back as prior private). */
interface PlanPrivate {
  replacing?: string;
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

/** Everything the planner needs to know from Bedrock: the shared List and facts for each model in play. */
export async function liveView(session: ProviderSession, desired: Desired | undefined, managed: Omit<ManagedPt, 'address'> | undefined): Promise<LiveView> {
  const pts = await session.list.get();
  const current = managed ? pts[managed.arn] : undefined;
  const models = await session.modelFacts([desired?.model ?? '', managed?.modelArn ?? '', current?.modelArn ?? '', current?.desiredModelArn ?? '']);
  return { account: session.account, region: session.region, pts, models };
}

export async function planFor(
  session: ProviderSession,
  now: Date,
  desired: Desired | undefined,
  managed: Omit<ManagedPt, 'address'> | undefined,
  replacing?: string,
): Promise<SingleResourcePlan> {
  const live = await liveView(session, desired, managed);
  const plan = (view: LiveView, alsoPlanned: PlannedPurchase[]) =>
    planSingleResource({ desired, managed, live: view, defaultTags: session.settings.config.defaultTags, now, alsoPlanned, ...(replacing ? { replacing } : {}) });
  return session.quotas.planChecked(live, plan, replacing);
}

const REPLACING: ReadonlySet<ResourceChange['action']> = new Set(['delete-then-create', 'create-then-delete']);

/** Where Terraform should point a diagnostic without a field: the attribute whose change caused it. */
function changePath(change: ResourceChange): PathStep[] | undefined {
  const forcing = change.attributes.find((a) => a.forcesReplacement);
  return forcing ? attributePath(forcing.attribute) : undefined;
}

function plannerDiagnostics(plan: SingleResourcePlan, unknown: Set<string>): ProviderDiagnostic[] {
  const fallback = changePath(plan.change);
  // A check on a value Terraform does not know yet would judge a placeholder; apply re-plans with the real value.
  return plan.diagnostics.filter((d) => !d.field || !unknown.has(d.field)).map((d) => fromPlanner(d, fallback));
}

function unknownWarnings(unknown: Set<string>): ProviderDiagnostic[] {
  return [...unknown].sort().map((name) => ({
    severity: 'warning' as const,
    summary: `${name} is not known until apply`,
    detail:
      'bedrock-pt plans it as an in-place change. If the value it then takes needs a new Provisioned Throughput, or is blocked ' +
      '(e.g. by a commitment that has not ended), apply stops before changing this resource and the next plan shows why.',
    path: attributePath(name),
  }));
}

export async function planChange(session: ProviderSession, request: PlanRequest, now: Date): Promise<PlanResponse> {
  const { prior, proposed } = request;
  const defaultTags = session.settings.config.defaultTags;
  if (!proposed) {
    if (!prior) return { planned: null, requiresReplace: [], diagnostics: [] };
    const plan = await planFor(session, now, undefined, managedFrom(prior));
    return { planned: null, requiresReplace: [], diagnostics: plannerDiagnostics(plan, new Set()) };
  }
  const managed = prior ? managedFrom(prior) : undefined;
  const { desired, unknown } = desiredFrom(proposed, defaultTags, managed);
  const replacing = prior ? undefined : readPrivate(request.priorPrivate).replacing;
  const plan = await planFor(session, now, desired, managed, replacing);
  const { change } = plan;
  const diagnostics = [...plannerDiagnostics(plan, unknown), ...(prior ? unknownWarnings(unknown) : [])];
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
  const planned = plannedObject(proposed, prior, change, unknown);
  if (!REPLACING.has(change.action)) return { planned, requiresReplace: [], diagnostics };
  const requiresReplace = change.attributes.filter((a) => a.forcesReplacement).map((a) => attributePath(a.attribute));
  if (change.reasons.includes('failed-status')) requiresReplace.push(attributePath('status'));
  const privateData: PlanPrivate = { replacing: change.arn };
  return { planned, requiresReplace, plannedPrivate: Buffer.from(JSON.stringify(privateData)), diagnostics };
}

/**
 * Config values stay as written (Terraform requires it); computed values are the prior's where the
 * change keeps them, unknown where apply will learn them.
 */
function plannedObject(proposed: CtyObject, prior: CtyObject | null, change: ResourceChange, unknown: Set<string>): CtyObject {
  const planned = completeObject(proposed);
  planned.tags_all = unknown.has('tags') ? UNKNOWN : change.after ? { ...change.after.tags_all } : proposed.tags_all;
  const fresh = !prior || REPLACING.has(change.action);
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
