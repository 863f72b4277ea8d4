/**
 * Deposed objects: old PTs a create_before_destroy replace kept in state after its new PT was
 * recorded, whose delete is still owed. Each is planned like any other destroy — through the
 * same guards — and never when that would delete a PT the stack still relies on: a deposed
 * record whose ARN is the current object of an address is stale (the current one wins), and
 * the old PT stays until its replacement is InService.
 */
import type { DesiredPt, Diagnostic, ManagedPt, ManagedState, ResourceChange } from '../model';
import { attributeChanges, liveAttributes } from './attributes';
import { endedCommitment, NO_COMMITMENT } from './commitment';
import { compare, noteDiagnostic, warningDiagnostic } from './diagnostics';
import { destroyGuards } from './guards';
import type { ResourceContext } from './resource';

function note(code: Diagnostic['code'], address: string, summary: string, detail: string): Diagnostic {
  return noteDiagnostic(code, summary, { address, detail });
}

/** `outOfScope`: addresses with records outside the refreshed account and region (refused by plan/scope, never taken for gone). */
export function planDeposed(ctx: ResourceContext, state: ManagedState, desired: Map<string, DesiredPt>, outOfScope: ReadonlySet<string>): ResourceChange[] {
  const currentArns = new Map(Object.values(state.pts).map((pt) => [pt.arn, pt.address]));
  const changes: ResourceChange[] = [];
  for (const old of Object.values(state.deposed ?? {}).sort((a, b) => compare(a.arn, b.arn))) {
    if (outOfScope.has(old.address)) continue;
    const change = planOne(ctx, state, desired, currentArns, old);
    if (change) changes.push(change);
  }
  return changes;
}

function planOne(
  ctx: ResourceContext,
  state: ManagedState,
  desired: Map<string, DesiredPt>,
  currentArns: Map<string, string>,
  old: ManagedPt,
): ResourceChange | undefined {
  const { address, arn } = old;
  const holder = currentArns.get(arn);
  // Current at another address: plan/ownership refuses the plan (one ARN, one address).
  if (holder && holder !== address) return undefined;
  if (holder) {
    ctx.diagnostics.push(
      note(
        'deposed-is-current',
        address,
        `The deposed record of ${arn} is ignored: it is the current object of ${address}`,
        'A replace that never bought its new PT left this record; the PT stays managed as current, and the record is dropped at the next state write.',
      ),
    );
    return undefined;
  }
  const live = ctx.livePts[arn];
  if (!live) {
    ctx.diagnostics.push(
      note(
        'deposed-gone',
        address,
        `The deposed object ${arn} no longer exists`,
        'It was deleted outside bedrock-pt; its record is dropped from state when this stack is next applied.',
      ),
    );
    return deposedChange(old, 'no-op', `${arn} was deleted outside bedrock-pt; apply drops its deposed record from state`);
  }
  ctx.recordLive(live);
  const replacement = state.pts[address] && ctx.livePts[state.pts[address].arn];
  if (replacement && replacement.status !== 'InService') {
    ctx.diagnostics.push(
      warningDiagnostic(
        'deposed-waits-for-replacement',
        `The deposed object ${arn} is kept while its replacement ${replacement.arn} is ${replacement.status}`,
        {
          address,
          detail: 'The old PT is deleted only once the new one is InService; plan again later.',
        },
      ),
    );
    return undefined;
  }
  ctx.diagnostics.push(...destroyGuards(ctx, address, live, desired.get(address), { action: 'destroy' }).map((d) => asDeposed(d, ctx.stack, arn)));
  const before = liveAttributes(live, old.tags, old.tagsAll, ctx.defaultTags);
  return {
    ...deposedChange(old, 'delete', `deposed: ${arn} was replaced under create_before_destroy and its delete is still owed; it is deleted now`),
    before,
    attributes: attributeChanges(before, null),
    commitment: endedCommitment(live, ctx.now),
  };
}

/** The guard's advice names `state rm ADDRESS`, which would forget the current object, not this one. */
function asDeposed(d: Diagnostic, stack: string, arn: string): Diagnostic {
  const detail =
    d.code === 'commitment-not-expired'
      ? `A committed Provisioned Throughput cannot be deleted before its term ends. Plan again after the term ends to delete it; until then the stack's plans stay blocked — to keep this PT instead, remove its deposed instance from the state of stack ${stack} (it keeps billing either way).`
      : d.detail;
  return { ...d, summary: `Deposed object ${arn}: ${d.summary}`, ...(detail ? { detail } : {}) };
}

function deposedChange(old: ManagedPt, action: 'delete' | 'no-op', explanation: string): ResourceChange {
  return {
    address: old.address,
    action,
    reasons: action === 'delete' ? ['removed-from-config'] : ['gone-outside'],
    explanations: [explanation],
    before: null,
    after: null,
    attributes: [],
    arn: old.arn,
    deposed: old.arn,
    blocked: false,
    commitment: { ...NO_COMMITMENT },
    timeouts: old.timeouts ?? {},
  };
}
