/**
 * planStack: desired config + Terraform state + refreshed live view → the plan.
 * Pure and synchronous (the clock comes in as `now`), and linear in the number of
 * PTs: every lookup goes through a map built once.
 */
import type { Diagnostic, DriftEntry, LivePt, LiveView, ManagedState, PendingCreate, ResourceChange, StackConfig, StackPlan } from '../model';
import { doesSomething } from '../model';
import { resolveAddresses } from './addresses';
import { hasErrors } from '../diagnostics';
import { compare, noteDiagnostic, sortDiagnostics } from './diagnostics';
import { ptFingerprint } from './fingerprint';
import { ModelCatalog } from './models';
import { planDeposed } from './deposed';
import { orderByNames } from './names';
import { planResource, type ResourceContext } from './resource';
import { findForeignEntries, keptOutOfScope } from './scope';
import { sharedArnDiagnostics } from './ownership';
import { forgiveOwnNames, planPendingCreates, planUnaddressedIntents } from './pending';
import { quotaDiagnostics, type PlannedPurchase } from './quotas';
import { pendingConflicts } from './pending-conflicts';

export interface PlanInput {
  stack: StackConfig;
  state: ManagedState;
  live: LiveView;
  now: Date;
  /** Addresses to replace whatever the configuration says (Terraform's -replace; the provider's create half of a replace). */
  replace?: string[];
  /**
   * Create intents in doubt that the door cannot tie to an address (the Terraform provider's
   * purchase journal): a create may only resume one, and no other create is planned while one is open.
   */
  unaddressedIntents?: PendingCreate[];
  /** Purchases planned outside this plan in the same account and region (the provider's other resources). */
  alsoPlanned?: PlannedPurchase[];
}

export function planStack({ stack, state, live, now, replace = [], unaddressedIntents = [], alsoPlanned }: PlanInput): StackPlan {
  const diagnostics: Diagnostic[] = [];
  const drift: DriftEntry[] = [];
  const ptFingerprints: Record<string, string> = {};
  const byName = indexByName(live.pts);
  const tracked = resolveAddresses(stack, state.pts, (name) => byName.get(name), live.pts, diagnostics);
  const managedArns = new Set<string>([...[...tracked.values()].map((entry) => entry.pt.arn), ...Object.keys(state.deposed ?? {})]);
  const recordLive = (pt: LivePt) => {
    ptFingerprints[pt.arn] = ptFingerprint(pt);
  };
  const ctx: ResourceContext = {
    stack: stack.name,
    now,
    catalog: new ModelCatalog(live.models),
    defaultTags: stack.provider.defaultTags,
    livePts: live.pts,
    diagnostics,
    drift,
    recordLive,
    replace: new Set(replace),
    unmanagedPtNamed(name) {
      const holder = byName.get(name);
      if (!holder || managedArns.has(holder.arn)) return undefined;
      recordLive(holder);
      return holder;
    },
  };

  const records = [...[...tracked.values()].map((entry) => entry.pt), ...Object.values(state.deposed ?? {})];
  const foreign = findForeignEntries(stack, records, Object.values(state.pending), live);
  diagnostics.push(...foreign.diagnostics, ...sharedArnDiagnostics(stack.name, records));
  const desired = new Map(stack.resources.map((resource) => [resource.address, resource]));
  const addresses = [...new Set([...desired.keys(), ...tracked.keys()])].sort(compare);
  const changes = addresses.map((address) => {
    const entry = tracked.get(address);
    if (entry && foreign.addresses.has(address)) return keptOutOfScope(address, entry.pt);
    return planResource(ctx, address, desired.get(address), entry);
  });
  const pendingContext = {
    stack: stack.name,
    account: live.account,
    region: live.region,
    state,
    catalog: ctx.catalog,
    ptNamed: (name: string) => byName.get(name),
    ptByArn: (arn: string) => live.pts[arn],
  };
  diagnostics.push(
    ...planPendingCreates(pendingContext, changes, foreign.pending),
    ...planUnaddressedIntents(pendingContext, changes, unaddressedIntents),
    ...pendingConflicts(stack.name, state, pendingContext.ptNamed),
  );
  const forgiven = forgiveOwnNames(pendingContext, changes, [...Object.values(state.pending), ...unaddressedIntents], diagnostics);
  diagnostics.splice(0, diagnostics.length, ...forgiven);
  orderByNames(
    changes,
    Object.values(live.pts).map((pt) => pt.name),
    deposedNames(state, live),
    diagnostics,
  );
  changes.push(...planDeposed(ctx, state, desired, foreign.addresses));
  diagnostics.push(...quotaDiagnostics({ changes, live, catalog: ctx.catalog, alsoPlanned }));
  if (stack.otherResourceCount > 0) {
    const n = stack.otherResourceCount;
    diagnostics.push(
      noteDiagnostic('other-resources', `${n} resource${n === 1 ? '' : 's'} of other types in this stack ${n === 1 ? 'is' : 'are'} left to Terraform`, {
        detail: 'bedrock-pt plans only aws_bedrock_provisioned_model_throughput; run `cdktf deploy` / `terraform apply` for the rest.',
      }),
    );
  }

  const sortedDiagnostics = sortDiagnostics(diagnostics);
  markBlocked(changes, sortedDiagnostics);
  return {
    stack: stack.name,
    account: live.account,
    region: live.region,
    state: { lineage: state.lineage, serial: state.serial },
    configFingerprint: stack.fingerprint,
    ptFingerprints: sortedRecord(ptFingerprints),
    changes,
    drift: drift.sort((a, b) => compare(a.address, b.address)),
    diagnostics: sortedDiagnostics,
    commitment: {
      addedUnitHours: changes.reduce((sum, c) => sum + c.commitment.addedUnitHours, 0),
      endedUnitHours: changes.reduce((sum, c) => sum + c.commitment.endedUnitHours, 0),
    },
    applyable: !hasErrors(sortedDiagnostics),
  };
}

/** Names are unique per account and region; on a (theoretical) clash the lowest ARN wins, for determinism. */
function indexByName(pts: Record<string, LivePt>): Map<string, LivePt> {
  const byName = new Map<string, LivePt>();
  for (const pt of Object.values(pts)) {
    const seen = byName.get(pt.name);
    if (!seen || compare(pt.arn, seen.arn) < 0) byName.set(pt.name, pt);
  }
  return byName;
}

function deposedNames(state: ManagedState, live: LiveView): Map<string, string> {
  const names = new Map<string, string>();
  for (const arn of Object.keys(state.deposed ?? {})) {
    const pt = live.pts[arn];
    if (pt) names.set(pt.name, arn);
  }
  return names;
}

/** A change is blocked when an error names its address and it would do something. */
function markBlocked(changes: ResourceChange[], diagnostics: Diagnostic[]): void {
  const erroring = new Set(diagnostics.filter((d) => d.severity === 'error' && d.address).map((d) => d.address));
  for (const change of changes) {
    change.blocked = doesSomething(change) && erroring.has(change.address);
  }
}

function sortedRecord<T>(record: Record<string, T>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const key of Object.keys(record).sort(compare)) out[key] = record[key];
  return out;
}
