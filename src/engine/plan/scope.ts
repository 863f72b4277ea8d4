/**
 * State entries that lie outside the scope this run refreshed: partition, account and region.
 * Refresh lists only the PTs of the caller's account and region in its partition, so such a PT
 * is simply not seen: taking that for "deleted outside" would drop it from state and buy a second
 * one while the first keeps billing. Such entries are never gone, never dropped and never
 * re-created; the plan refuses with both scopes and the ways out.
 *
 * Pure, and shared by both doors: the CLI's planner calls `findForeignEntries` on every plan; the
 * provider calls it (and `scopeOfArn`, `sameScope`) from Read and plan with the same live view.
 */
import type { Diagnostic, LiveView, ManagedPt, PendingCreate, ResourceChange, StackConfig } from '../model';
import { partitionOf } from '../aws/partition';
import { errorDiagnostic } from './diagnostics';

export interface Scope {
  /** aws, aws-cn, aws-us-gov, … */
  partition: string;
  account: string;
  region: string;
}

/** The one parser of PT ARNs (`arn:<partition>:bedrock:<region>:<account>:provisioned-model/<id>`); undefined when it is not one. */
export function scopeOfArn(arn: string): Scope | undefined {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn' || !parts[1] || parts[2] !== 'bedrock' || !parts[3] || !parts[4]) return undefined;
  return { partition: parts[1], region: parts[3], account: parts[4] };
}

/** The scope a refresh saw: its account and region, and the partition of that region unless the view names it. */
export function scopeOfLive(live: Pick<LiveView, 'account' | 'region' | 'partition'>): Scope {
  return { partition: live.partition ?? partitionOf(live.region), account: live.account, region: live.region };
}

/** Whether two scopes are the same place; a PT is visible to a run only in its own scope. */
export function sameScope(a: Scope, b: Scope): boolean {
  return a.partition === b.partition && a.account === b.account && a.region === b.region;
}

/** "account A, region R", with the partition first when `other` is in another one. */
function describeScope(scope: Scope, other: Scope): string {
  return `${scope.partition !== other.partition ? `partition ${scope.partition}, ` : ''}account ${scope.account}, region ${scope.region}`;
}

export interface ForeignEntries {
  /** Addresses of state records outside the refreshed scope. */
  addresses: Set<string>;
  /** Addresses of pending creates sent to another partition, account or region. */
  pending: Set<string>;
  diagnostics: Diagnostic[];
}

/** `records` are the state records under their addresses after moves, plus the deposed PTs. */
/** What the scope rule reads of a stack: its name and where its provider points. */
export interface ScopedStack {
  name: string;
  provider: Pick<StackConfig['provider'], 'region' | 'profile'>;
}

export function findForeignEntries(
  stack: ScopedStack,
  records: ManagedPt[],
  pending: PendingCreate[],
  live: Pick<LiveView, 'account' | 'region' | 'partition'>,
): ForeignEntries {
  const found: ForeignEntries = { addresses: new Set(), pending: new Set(), diagnostics: [] };
  const scope = scopeOfLive(live);
  const provider = `provider region ${stack.provider.region}${stack.provider.profile ? `, profile ${stack.provider.profile}` : ''}`;
  const refuse = (address: string, what: string, there: string, where: Scope | undefined) => {
    const restore = where
      ? `Restore the stack's provider to ${where.region}${where.partition !== scope.partition ? ` (partition ${where.partition})` : ''}${where.account !== live.account || where.partition !== scope.partition ? ` with credentials for account ${where.account}` : ''}`
      : "Restore the stack's provider to where the PT lives";
    // The partition is named on both sides only when it is what differs.
    const here = describeScope(scope, where ?? scope);
    found.diagnostics.push(
      errorDiagnostic('state-out-of-scope', `${what} lies in ${there}, but this run refreshed ${here} (${provider})`, {
        address,
        detail:
          'The PT cannot be seen from here, so it is neither taken for deleted nor created again. ' +
          `${restore}, or stop managing it from this stack with \`bedrock-pt state rm --stack ${stack.name} ${address}\` ` +
          '(the PT keeps running and billing where it is until you delete it there).',
      }),
    );
  };
  for (const pt of records) {
    const where = scopeOfArn(pt.arn);
    const regionOff = pt.region !== undefined && pt.region !== live.region;
    if (where && sameScope(where, scope) && !regionOff) continue;
    found.addresses.add(pt.address);
    const there = where
      ? `${describeScope(where, scope)}${regionOff && pt.region !== where.region ? ` (its state region attribute says ${pt.region})` : ''}`
      : `an unknown account and region (its ARN "${pt.arn}" cannot be read)`;
    refuse(pt.address, `The Provisioned Throughput ${pt.arn} recorded in state`, there, where);
  }
  for (const p of pending) {
    // An intent records its account and region; its partition is its region's.
    const region = p.region ?? live.region;
    const where = { partition: p.region ? partitionOf(p.region) : scope.partition, account: p.account ?? live.account, region };
    if (sameScope(where, scope)) continue;
    found.pending.add(p.address);
    refuse(p.address, `An interrupted create of "${p.name}" (token ${p.clientRequestToken})`, describeScope(where, scope), where);
  }
  return found;
}

/** The change for a record outside the scope: nothing, with the record kept as it is. */
export function keptOutOfScope(address: string, pt: ManagedPt): ResourceChange {
  return {
    address,
    action: 'no-op',
    reasons: [],
    explanations: [],
    before: null,
    after: null,
    attributes: [],
    arn: pt.arn,
    blocked: false,
    commitment: { addedUnitHours: 0, endedUnitHours: 0 },
    timeouts: pt.timeouts ?? {},
  };
}
