/**
 * The model-unit quota check, one rule for both doors: every purchase a plan makes must fit its
 * quota in the account and region, with the units live PTs hold counted until the plan has
 * deleted them, in the order the applier runs (apply/apply-stack.ts): in-place updates, then
 * deletes, then creates and replaces, each replace deleting first unless it is
 * create_before_destroy; a create the plan orders by name (runsAfter) runs beside those phases,
 * after only the changes it names. A purchase that does not fit is blocked with the quota, the
 * units in use and needed, and the command that asks AWS for more. Quotas that could not be read
 * give a warning and no verdict: the check never guesses.
 */
import type { Diagnostic, LivePt, LiveView, ResourceChange, ServiceQuotaValue } from '../model';
import { createsPt, deletesPt } from '../model';
import {
  holdsUnits,
  increaseCommand,
  NO_COMMITMENT_ACROSS_BASE,
  NO_COMMITMENT_ACROSS_CUSTOM,
  perModelQuotaName,
  quotaKeyId,
  quotaKeyOf,
  sameQuotaName,
  type QuotaKey,
} from '../rules/model-unit-quotas';
import { servedModel } from '../pt/model-identity';
import { errorDiagnostic, warningDiagnostic } from './diagnostics';
import type { ModelCatalog } from './models';

/** A create planned outside this plan in the same account and region (the provider's earlier plans of one run). */
export interface PlannedPurchase {
  name: string;
  modelUnits: number;
  key: QuotaKey;
  /** ARN of the PT it replaces, which may still hold the name: only another PT of that name is its purchase. */
  replaces?: string;
}

export interface QuotaCheckInput {
  changes: ResourceChange[];
  live: LiveView;
  catalog: ModelCatalog;
  alsoPlanned?: PlannedPurchase[];
}

interface Purchase {
  change: ResourceChange;
  units: number;
  key: QuotaKey;
}

/** The quota key of what a create buys; undefined when its model cannot be placed (the model check refuses it already). */
export function purchaseKey(change: ResourceChange, catalog: ModelCatalog): QuotaKey | undefined {
  if (!createsPt(change.action) || !change.after) return undefined;
  const model = change.createModelId ?? change.after.model_arn;
  // A create names its model by canonical ARN; refresh keyed the facts by the identifier as written.
  const facts = catalog.facts(model) ?? catalog.factsByArn(model);
  const base = facts?.baseModelArn ?? (facts?.kind === 'foundation' ? facts.arn : undefined);
  if (!facts?.arn || !base) return undefined;
  return quotaKeyOf({ committed: change.after.commitment_duration !== null, baseModelArn: base, modelArn: facts.arn });
}

export function buysModelUnits(changes: ResourceChange[]): boolean {
  return changes.some((c) => createsPt(c.action) && !!c.after);
}

/** Base models of committed purchases whose facts (and so quota names) the refresh did not read: those behind custom models. */
export function unnamedBaseModels(changes: ResourceChange[], catalog: ModelCatalog): string[] {
  const arns = new Set<string>();
  for (const change of changes) {
    const key = purchaseKey(change, catalog);
    if (key?.kind === 'committed' && !catalog.factsByArn(key.baseModelArn)) arns.add(key.baseModelArn);
  }
  return [...arns].sort();
}

/** The keys a live PT's units count under while the plan runs: an in-place model move may shift them, so both count. */
function keysOfLive(pt: LivePt, change: ResourceChange | undefined): string[] {
  const key = (modelArn: string) => quotaKeyId(quotaKeyOf({ committed: !!pt.commitment, baseModelArn: pt.foundationModelArn, modelArn }));
  const keys = [key(servedModel(pt))];
  if (change?.update?.modelId) keys.push(key(change.update.modelId));
  return [...new Set(keys)];
}

/** Whether the PT `deleter` deletes is gone before `buyer` starts buying. */
function deletedBefore(deleter: ResourceChange, buyer: ResourceChange): boolean {
  if (deleter === buyer) return buyer.action === 'delete-then-create';
  // Every change of an address settles its name signal, so only a current object's delete is waited for by address.
  if (!deleter.deposed && buyer.runsAfter?.includes(deleter.address)) return true;
  return deleter.action === 'delete' && !buyer.runsAfter?.length;
}

function quotaFor(key: QuotaKey, catalog: ModelCatalog, quotas: ServiceQuotaValue[]): { name: string; quota?: ServiceQuotaValue } {
  let name: string;
  if (key.kind === 'committed') {
    const display = catalog.factsByArn(key.baseModelArn)?.displayName;
    name = perModelQuotaName(display ?? key.baseModelArn);
  } else {
    name = key.across === 'custom' ? NO_COMMITMENT_ACROSS_CUSTOM : NO_COMMITMENT_ACROSS_BASE;
  }
  return { name, quota: quotas.find((q) => sameQuotaName(q.name, name)) };
}

export function quotaDiagnostics({ changes, live, catalog, alsoPlanned = [] }: QuotaCheckInput): Diagnostic[] {
  const heldNames = new Map(Object.values(live.pts).map((pt) => [pt.name, pt.arn]));
  const purchases: Purchase[] = changes.flatMap((change) => {
    // A resumed create whose name a live PT holds buys nothing: that PT is its purchase (counted
    // as live) or the name is refused.
    const holder = change.resumesCreate && heldNames.get(change.after?.provisioned_model_name ?? '');
    if (holder && holder !== change.arn) return [];
    const key = purchaseKey(change, catalog);
    return key ? [{ change, units: change.after!.model_units, key }] : [];
  });
  if (!purchases.length || !live.quotas) return [];
  if (!live.quotas.readable) return [unreadable(purchases, live.quotas.reason)];

  const deleterOf = new Map<string, ResourceChange>();
  for (const change of changes) if (deletesPt(change.action) && change.arn) deleterOf.set(change.arn, change);
  const changeOf = new Map(changes.filter((c) => c.arn).map((c) => [c.arn!, c]));
  const holding = Object.values(live.pts).filter((pt) => holdsUnits(pt.status));
  const liveByName = new Map(Object.values(live.pts).map((pt) => [pt.name, pt.arn]));
  const bought = (planned: PlannedPurchase) => {
    const arn = liveByName.get(planned.name);
    return arn !== undefined && arn !== planned.replaces;
  };
  const purchaseOf = new Map(purchases.map((p) => [p.change, p]));

  const diagnostics: Diagnostic[] = [];
  for (const purchase of purchases) {
    const id = quotaKeyId(purchase.key);
    const { name, quota } = quotaFor(purchase.key, catalog, live.quotas.quotas);
    if (!quota) {
      diagnostics.push(notFound(purchase, name, live));
      continue;
    }
    let total = 0;
    const oldUnits = new Map<ResourceChange, number>();
    for (const pt of holding) {
      if (!keysOfLive(pt, changeOf.get(pt.arn)).includes(id)) continue;
      const deleter = deleterOf.get(pt.arn);
      if (deleter) oldUnits.set(deleter, pt.modelUnits);
      else total += pt.modelUnits;
    }
    for (const change of changes) {
      const bought = purchaseOf.get(change);
      const fresh = bought && quotaKeyId(bought.key) === id ? bought.units : 0;
      const old = deletedBefore(change, purchase.change) ? 0 : (oldUnits.get(change) ?? 0);
      // A replace that deletes first never holds its old and new PT at once.
      total += change.action === 'delete-then-create' ? Math.max(old, fresh) : old + fresh;
    }
    const own = purchase.change.after!.provisioned_model_name;
    for (const planned of alsoPlanned) {
      if (planned.name !== own && !bought(planned) && quotaKeyId(planned.key) === id) total += planned.modelUnits;
    }
    if (total > quota.value) diagnostics.push(exceeded(purchase, quota, total, live));
  }
  return diagnostics;
}

function exceeded(purchase: Purchase, quota: ServiceQuotaValue, total: number, live: LiveView): Diagnostic {
  const inUse = total - purchase.units;
  return errorDiagnostic(
    'quota-exceeded',
    `Needs ${purchase.units} model unit(s) of the quota "${quota.name}" (${quota.code}), which allows ${quota.value} in account ${live.account}, ${live.region}; ${inUse} are in use or bought first`,
    {
      address: purchase.change.address,
      field: 'model_units',
      detail:
        `Bedrock would refuse this purchase (${inUse} in use + ${purchase.units} needed = ${total}). Units in use are those of every Provisioned Throughput ` +
        "of the account and region under this quota, other stacks' included; a PT this plan deletes counts until the plan has deleted it, and the " +
        `plan's other purchases count too. Ask AWS to raise the quota to ${total} with \`${increaseCommand(quota.code, total, live.region)}\` ` +
        'and plan again once it is granted, or buy fewer model units.',
    },
  );
}

function notFound(purchase: Purchase, name: string, live: LiveView): Diagnostic {
  return warningDiagnostic(
    'quota-unchecked',
    `No quota named "${name}" was found for account ${live.account}, ${live.region}, so this purchase is not checked against one`,
    {
      address: purchase.change.address,
      field: 'model_units',
      detail: 'Service Quotas lists no quota of that name for service code bedrock. If Bedrock refuses the purchase at apply, nothing is bought.',
    },
  );
}

function unreadable(purchases: Purchase[], reason: string): Diagnostic {
  const units = purchases.reduce((n, p) => n + p.units, 0);
  return warningDiagnostic(
    'quota-unchecked',
    `Model-unit quotas could not be read, so the ${units} model unit(s) this plan buys are not checked against them`,
    {
      detail:
        `${reason}. The plan goes on; if Bedrock refuses a purchase at apply, nothing is bought. To have purchases checked at plan time, ` +
        'allow the credentials servicequotas:ListServiceQuotas and let them reach the Service Quotas endpoint.',
    },
  );
}
