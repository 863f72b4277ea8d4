/**
 * Provisioned Throughput names are unique per account and region, and one plan may rename,
 * delete, replace and create many PTs at once. This pass looks at the names every change gives
 * up and takes, across the whole stack: it refuses a name two PTs would hold at the end, orders
 * each change that takes a name after the change that frees it, and breaks cycles of renames
 * (a swap, a rotation) with a temporary name. The order is written into the plan as data, so
 * the applier does what was reviewed and an applyable plan never fails on a name.
 */
import { sha256Hex } from '../canonical';
import type { Diagnostic, ResourceChange } from '../model';
import { compare, errorDiagnostic } from './diagnostics';

const FIELD = 'provisioned_model_name';
/** The API's limit on provisionedModelName. */
const MAX_NAME_LENGTH = 63;
const TEMPORARY_SUFFIX_LENGTH = '-tmp-'.length + 8;

/** The name a change's existing PT holds now, when the change lets go of it. */
function givesUp(change: ResourceChange): string | undefined {
  const held = change.before?.provisioned_model_name;
  return held !== undefined && change.after?.provisioned_model_name !== held ? held : undefined;
}

/** The name a change takes that its PT does not hold yet. */
function takes(change: ResourceChange): string | undefined {
  const wanted = change.after?.provisioned_model_name;
  return wanted !== undefined && wanted !== change.before?.provisioned_model_name ? wanted : undefined;
}

/**
 * Adds name-conflict and name-cycle errors to `diagnostics`, and `runsAfter` / `viaTemporaryName`
 * to the changes. `liveNames` are the names of every PT in the account and region; `deposedNames`
 * maps the names of live deposed PTs (left by an interrupted create_before_destroy) to their ARNs.
 */
export function orderByNames(
  changes: ResourceChange[],
  liveNames: Iterable<string>,
  deposedNames: ReadonlyMap<string, string>,
  diagnostics: Diagnostic[],
): void {
  const conflicted = conflictingNames(changes, diagnostics);
  diagnostics.push(...renamesIntoDeposedNames(changes, deposedNames));
  const freer = new Map<string, ResourceChange>();
  for (const change of changes) {
    const name = givesUp(change);
    if (name !== undefined && !freer.has(name)) freer.set(name, change);
  }
  const waitsOn = new Map<ResourceChange, ResourceChange>();
  for (const change of changes) {
    const name = takes(change);
    const from = name === undefined || conflicted.has(name) ? undefined : freer.get(name);
    if (!from || from === change) continue;
    change.runsAfter = [from.address];
    waitsOn.set(change, from);
  }
  const used = new Set<string>(liveNames);
  for (const change of changes) {
    if (change.before) used.add(change.before.provisioned_model_name);
    if (change.after) used.add(change.after.provisioned_model_name);
  }
  for (const cycle of cycles(changes, waitsOn)) breakCycle(cycle, used, diagnostics);
}

/** Names that more than one PT would hold once the plan is applied; each such change gets an error. */
function conflictingNames(changes: ResourceChange[], diagnostics: Diagnostic[]): Set<string> {
  const holders = new Map<string, ResourceChange[]>();
  for (const change of changes) {
    const name = change.after?.provisioned_model_name;
    if (name !== undefined) holders.set(name, [...(holders.get(name) ?? []), change]);
  }
  const conflicted = new Set<string>();
  for (const [name, group] of holders) {
    if (group.length < 2) continue;
    conflicted.add(name);
    const keeper = group.find((c) => c.before?.provisioned_model_name === name);
    for (const change of group) {
      if (change === keeper) continue;
      diagnostics.push(keeper ? keptNameError(name, change, keeper) : declaredTwiceError(name, change, group));
    }
  }
  return conflicted;
}

/**
 * A deposed PT is deleted by a change plan/deposed adds to the plan, in the delete phase: a
 * create or replace runs after it, but a rename would run before it and find the name taken.
 */
function renamesIntoDeposedNames(changes: ResourceChange[], deposedNames: ReadonlyMap<string, string>): Diagnostic[] {
  return changes.flatMap((change) => {
    const name = change.action === 'update' ? takes(change) : undefined;
    const arn = name === undefined ? undefined : deposedNames.get(name);
    if (!arn) return [];
    return [
      errorDiagnostic('name-conflict', `The name "${name}" is held by ${arn}, a PT replaced under create_before_destroy whose delete is still owed`, {
        address: change.address,
        field: FIELD,
        detail: `Apply once without this rename (it deletes ${arn}), then rename ${change.address}; or choose another name.`,
      }),
    ];
  });
}

function keptNameError(name: string, change: ResourceChange, keeper: ResourceChange): Diagnostic {
  return errorDiagnostic('name-conflict', `The name "${name}" stays with ${keeper.address} (${keeper.arn}), which this plan neither renames nor deletes`, {
    address: change.address,
    field: FIELD,
    detail: `Names are unique per account and region. Give ${change.address} another name, or rename or remove ${keeper.address} in the configuration.`,
  });
}

function declaredTwiceError(name: string, change: ResourceChange, group: ResourceChange[]): Diagnostic {
  const others = group.filter((c) => c !== change).map((c) => c.address);
  return errorDiagnostic('name-conflict', `The name "${name}" is also declared by ${others.join(', ')}`, {
    address: change.address,
    field: FIELD,
    detail: 'Names are unique per account and region; give each resource its own provisioned_model_name.',
  });
}

/**
 * Each change takes at most one name and each name has at most one freer, so every change waits
 * on at most one other: the cycles are disjoint, and following the single edge finds each once.
 */
function cycles(changes: ResourceChange[], waitsOn: Map<ResourceChange, ResourceChange>): ResourceChange[][] {
  const done = new Set<ResourceChange>();
  const found: ResourceChange[][] = [];
  for (const start of changes) {
    const path: ResourceChange[] = [];
    const onPath = new Set<ResourceChange>();
    let at: ResourceChange | undefined = start;
    while (at && !done.has(at) && !onPath.has(at)) {
      path.push(at);
      onPath.add(at);
      at = waitsOn.get(at);
    }
    if (at && onPath.has(at)) found.push(path.slice(path.indexOf(at)));
    for (const change of path) done.add(change);
  }
  return found;
}

/**
 * A replace that deletes first frees its old name before it needs its new one, so a cycle
 * through it resolves by itself. Otherwise one rename of the cycle goes through a temporary
 * name; a cycle of create_before_destroy replaces alone cannot be ordered and is refused.
 */
function breakCycle(cycle: ResourceChange[], used: Set<string>, diagnostics: Diagnostic[]): void {
  if (cycle.some((c) => c.action === 'delete-then-create')) return;
  const renames = cycle.filter((c) => c.action === 'update').sort((a, b) => compare(a.address, b.address));
  if (renames.length) {
    renames[0].viaTemporaryName = temporaryName(renames[0], used);
    return;
  }
  const addresses = cycle.map((c) => c.address).sort(compare);
  for (const change of cycle) {
    diagnostics.push(
      errorDiagnostic('name-cycle', `The create_before_destroy replaces of ${addresses.join(', ')} each need a name another of them still holds`, {
        address: change.address,
        field: FIELD,
        detail:
          'Each new PT must exist before its old one is deleted, so none can go first. Drop create_before_destroy on one of them, or give one a name none of them holds.',
      }),
    );
  }
}

/**
 * Deterministic, valid under the API's name pattern `([0-9a-zA-Z][_-]?)+`, at most 63 characters,
 * and held by no PT of the account and region nor named anywhere in the plan.
 */
function temporaryName(change: ResourceChange, used: Set<string>): string {
  const held = change.before!.provisioned_model_name;
  const stem = held.slice(0, MAX_NAME_LENGTH - TEMPORARY_SUFFIX_LENGTH).replace(/[-_]+$/, '');
  for (let attempt = 0; ; attempt++) {
    const name = `${stem}-tmp-${sha256Hex(`${change.address}\n${attempt}`).slice(0, 8)}`;
    if (!used.has(name)) {
      used.add(name);
      return name;
    }
  }
}
