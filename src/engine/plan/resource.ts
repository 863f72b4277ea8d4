/** Plans one address: create, update in place, replace, destroy or nothing. */
import type { ChangeAction, DesiredPt, Diagnostic, DriftEntry, LivePt, PtAttributeName, PtAttributes, ResourceChange, Tags, UpdateOps } from '../model';
import { servedModel } from '../pt/model-identity';
import type { TrackedPt } from './addresses';
import { attributeChanges, desiredAttributes, liveAttributes, sameValue, tagDelta, withIgnoredChanges } from './attributes';
import { combine, createdCommitment, endedCommitment, NO_COMMITMENT } from './commitment';
import { warningDiagnostic } from './diagnostics';
import { changedDrift, goneDrift } from './drift';
import { reasons, type Reason } from './explain';
import { createBeforeDestroyGuard, destroyGuards, forcedBy, nameGuards, type GuardContext } from './guards';
import type { ModelCatalog } from './models';

export interface ResourceContext extends GuardContext {
  catalog: ModelCatalog;
  defaultTags: Tags;
  livePts: Record<string, LivePt>;
  diagnostics: Diagnostic[];
  drift: DriftEntry[];
  recordLive(pt: LivePt): void;
  /** Addresses whose PT must be replaced whatever the configuration says (Terraform's -replace). */
  replace: ReadonlySet<string>;
}

export function planResource(ctx: ResourceContext, address: string, desired?: DesiredPt, tracked?: TrackedPt): ResourceChange {
  const live = tracked ? ctx.livePts[tracked.pt.arn] : undefined;
  if (tracked && live) {
    ctx.recordLive(live);
    if (tracked.fromState) {
      const drift = changedDrift(address, tracked.pt, live, ctx.catalog);
      if (drift) ctx.drift.push(drift);
    }
    if (live.status === 'Creating' || live.status === 'Updating') {
      const toward = servedModel(live) !== live.modelArn ? ` from model ${live.modelArn} to ${servedModel(live)}` : '';
      ctx.diagnostics.push(
        warningDiagnostic('pt-in-transition', `"${live.name}" is ${live.status} now${toward}`, {
          address,
          detail: 'Apply waits until it is InService before changing it.',
        }),
      );
    }
  } else if (tracked?.fromState) {
    ctx.drift.push(goneDrift(address, tracked.pt));
  }
  const prefix = trackingReasons(tracked);
  if (desired && tracked && live) return planExisting(ctx, desired, tracked, live, prefix);
  if (desired) {
    const gone = tracked ? [reasons.goneOutside(tracked.pt.arn, 'create')] : [reasons.newInConfig()];
    return planCreate(ctx, desired, tracked, [...prefix, ...gone]);
  }
  const recorded = tracked as TrackedPt;
  if (!live) {
    return build(address, 'no-op', [...prefix, reasons.goneOutside(recorded.pt.arn, 'forget')], tracked, {
      arn: recorded.pt.arn,
      timeouts: recorded.pt.timeouts ?? {},
    });
  }
  ctx.diagnostics.push(...destroyGuards(ctx, address, live, undefined, { action: 'destroy' }));
  const before = liveAttributes(live, recorded.pt.tags, recorded.pt.tagsAll, ctx.defaultTags);
  return build(address, 'delete', [...prefix, reasons.removedFromConfig()], tracked, {
    arn: live.arn,
    before,
    attributes: attributeChanges(before, null),
    commitment: endedCommitment(live, ctx.now),
    timeouts: recorded.pt.timeouts ?? {},
  });
}

function trackingReasons(tracked?: TrackedPt): Reason[] {
  return [...(tracked?.importing ? [reasons.importing(tracked.importing.id)] : []), ...(tracked?.movedFrom ? [reasons.moved(tracked.movedFrom)] : [])];
}

function planCreate(ctx: ResourceContext, desired: DesiredPt, tracked: TrackedPt | undefined, why: Reason[]): ResourceChange {
  const { address } = desired;
  const after = desiredAttributes(desired, ctx.catalog.canonical(desired.model), null);
  ctx.diagnostics.push(...nameGuards(ctx, address, desired.name, 'create'), ...modelChecks(ctx, address, desired.model));
  pushLegacyWarnings(ctx, address, desired.model, desired.model);
  return build(address, 'create', why, tracked, {
    after,
    attributes: attributeChanges(null, after),
    createModelId: ctx.catalog.canonical(desired.model),
    commitment: createdCommitment(desired.modelUnits, desired.commitment),
    timeouts: desired.timeouts,
  });
}

function planExisting(ctx: ResourceContext, desired: DesiredPt, tracked: TrackedPt, live: LivePt, prefix: Reason[]): ResourceChange {
  const { catalog } = ctx;
  const { address } = desired;
  // A PT Updating toward another model is compared from where it is going, so a config that wants
  // any other model (the one it is leaving included) plans the swap back instead of "no changes".
  const before = { ...liveAttributes(live, tracked.pt.tags, tracked.pt.tagsAll, ctx.defaultTags), model_arn: servedModel(live) };
  let after = withIgnoredChanges(
    desiredAttributes(desired, catalog.canonical(desired.model), live.arn),
    before,
    desired.lifecycle.ignoreChanges,
    ctx.defaultTags,
  );
  const modelChanged = catalog.canonical(after.model_arn) !== catalog.canonical(before.model_arn);
  // The model identifier that a create or swap would use: the live one when model_arn is ignored.
  const modelInUse = modelChanged ? desired.model : before.model_arn;
  if (!modelChanged) after = { ...after, model_arn: before.model_arn };
  pushLegacyWarnings(ctx, address, desired.model, before.model_arn);

  const replaceWhy: Reason[] = [];
  const forcing = new Set<PtAttributeName>();
  if (ctx.replace.has(address)) replaceWhy.push(reasons.replaceRequested());
  if (live.status === 'Failed') replaceWhy.push(reasons.failed(live));
  if (after.model_units !== before.model_units) {
    replaceWhy.push(reasons.modelUnits());
    forcing.add('model_units');
  }
  if (after.commitment_duration !== before.commitment_duration) {
    replaceWhy.push(reasons.commitment());
    forcing.add('commitment_duration');
  }
  const swap = modelChanged && canSwapModel(catalog, live, modelInUse);
  if (modelChanged && !swap) {
    replaceWhy.push(catalog.kind(live.modelArn) === 'foundation' ? reasons.modelOfFoundationPt() : reasons.modelOfOtherBase());
    forcing.add('model_arn');
  }
  const shared = { arn: live.arn, before, timeouts: desired.timeouts };

  if (replaceWhy.length) {
    const planned: PtAttributes = { ...after, provisioned_model_arn: null, id: null };
    ctx.diagnostics.push(
      ...destroyGuards(ctx, address, live, desired, { action: 'replace', ...forcedBy(forcing, before) }),
      ...createBeforeDestroyGuard(address, { ...desired, name: planned.provisioned_model_name }, live),
      ...(planned.provisioned_model_name !== live.name ? nameGuards(ctx, address, planned.provisioned_model_name, 'create') : []),
      ...modelChecks(ctx, address, modelInUse),
    );
    const action: ChangeAction = desired.lifecycle.createBeforeDestroy ? 'create-then-delete' : 'delete-then-create';
    return build(address, action, [...prefix, ...replaceWhy], tracked, {
      ...shared,
      after: planned,
      attributes: attributeChanges(before, planned, forcing),
      createModelId: catalog.canonical(modelInUse),
      commitment: combine(endedCommitment(live, ctx.now), createdCommitment(planned.model_units, planned.commitment_duration)),
    });
  }

  const updateWhy: Reason[] = [];
  const update: UpdateOps = { ...tagDelta(before.tags_all, after.tags_all) };
  if (swap) {
    updateWhy.push(reasons.customModelSwap());
    update.modelId = catalog.canonical(modelInUse);
    ctx.diagnostics.push(...modelChecks(ctx, address, modelInUse));
  }
  if (after.provisioned_model_name !== before.provisioned_model_name) {
    updateWhy.push(reasons.rename(before.provisioned_model_name, after.provisioned_model_name));
    update.rename = after.provisioned_model_name;
    ctx.diagnostics.push(...nameGuards(ctx, address, after.provisioned_model_name, 'rename'));
  }
  if (!sameValue(after.tags_all, before.tags_all) || !sameValue(after.tags, before.tags)) updateWhy.push(reasons.tags());
  if (!updateWhy.length) return build(address, 'no-op', prefix, tracked, { ...shared, after });
  return build(address, 'update', [...prefix, ...updateWhy], tracked, {
    ...shared,
    after,
    attributes: attributeChanges(before, after),
    update,
  });
}

/** Bedrock lets a custom-model PT switch to its base model or a sibling of the same base, nothing else. */
function canSwapModel(catalog: ModelCatalog, live: LivePt, target: string): boolean {
  if (catalog.kind(live.modelArn) !== 'custom') return false;
  const currentBase = catalog.baseModel(live.modelArn, live.foundationModelArn || undefined);
  const targetBase = catalog.facts(target)?.baseModelArn;
  return !!currentBase && currentBase === targetBase;
}

function modelChecks(ctx: ResourceContext, address: string, model: string): Diagnostic[] {
  const unusable = ctx.catalog.unusable(model, address);
  return unusable ? [unusable] : [];
}

function pushLegacyWarnings(ctx: ResourceContext, address: string, desiredModel: string, currentModel: string): void {
  const desiredWarning = ctx.catalog.legacyWarning(desiredModel, address, 'desired');
  if (desiredWarning) ctx.diagnostics.push(desiredWarning);
  if (ctx.catalog.canonical(currentModel) === ctx.catalog.canonical(desiredModel)) return;
  const currentWarning = ctx.catalog.legacyWarning(currentModel, address, 'current');
  if (currentWarning) ctx.diagnostics.push(currentWarning);
}

function build(
  address: string,
  action: ChangeAction,
  why: Reason[],
  tracked: TrackedPt | undefined,
  fields: Partial<ResourceChange> & Pick<ResourceChange, 'timeouts'>,
): ResourceChange {
  return {
    address,
    action,
    reasons: why.map((r) => r.code),
    explanations: why.map((r) => r.explanation),
    before: null,
    after: null,
    attributes: [],
    blocked: false,
    commitment: { ...NO_COMMITMENT },
    ...(tracked?.importing ? { importing: tracked.importing } : {}),
    ...(tracked?.movedFrom ? { movedFrom: tracked.movedFrom } : {}),
    ...fields,
  };
}
