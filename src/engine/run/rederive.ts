/**
 * A saved plan is applied only if the config, state and live PTs still give that plan. The
 * checksum proves only that the file is whole (anyone can recompute it without a key), so
 * the plan is derived again under the apply's own lock and compared, on everything that
 * decides what is sent, with the saved one. The first difference refuses the apply.
 */
import { canonicalJson } from '../canonical';
import { BedrockPtError } from '../errors';
import type { ResourceChange, StackConfig, StackPlan } from '../model';
import type { StateWriter } from '../apply/context';
import { planOneStack, statePathOf, type PlanRunOptions } from './plan-stacks';

/** The parts of a change the applier acts on; explanations, drift and rendering-only fields are left out. */
function decisive(change: ResourceChange): Record<string, unknown> {
  return {
    action: change.action,
    arn: change.arn,
    after: change.after,
    update: change.update,
    createModelId: change.createModelId,
    importing: change.importing,
    movedFrom: change.movedFrom,
    deposed: change.deposed,
    blocked: change.blocked,
    timeouts: change.timeouts,
  };
}

/** A deposed delete shares its address with the live resource, so its ARN keeps the key apart. */
function keyOf(change: ResourceChange): string {
  return change.deposed ? `${change.address} (deposed ${change.deposed})` : change.address;
}

/** The first path at which two JSON values differ, with both values; undefined when equal. */
function firstDifference(saved: unknown, now: unknown, at: string): { at: string; saved: string; now: string } | undefined {
  const a = canonicalJson(saved) ?? 'absent';
  const b = canonicalJson(now) ?? 'absent';
  if (a === b) return undefined;
  const isObject = (v: unknown) => v !== null && typeof v === 'object' && !Array.isArray(v);
  if (isObject(saved) && isObject(now)) {
    const keys = [...new Set([...Object.keys(saved as object), ...Object.keys(now as object)])].sort();
    for (const key of keys) {
      const found = firstDifference((saved as Record<string, unknown>)[key], (now as Record<string, unknown>)[key], at ? `${at}.${key}` : key);
      if (found) return found;
    }
  }
  return { at, saved: a, now: b };
}

/** Names the first way `rederived` differs from `saved` in what would be sent, or undefined when they agree. */
export function planDifference(saved: StackPlan, rederived: StackPlan): { address?: string; field?: string; what: string } | undefined {
  const before = new Map(saved.changes.map((c) => [keyOf(c), c]));
  const now = new Map(rederived.changes.map((c) => [keyOf(c), c]));
  for (const key of [...new Set([...before.keys(), ...now.keys()])].sort()) {
    const s = before.get(key);
    const n = now.get(key);
    if (!n) return { address: s!.address, what: `${key}: the saved plan has a ${s!.action} that the config, state and live PTs no longer give` };
    if (!s) return { address: n.address, what: `${key}: the config, state and live PTs now give a ${n.action} that the saved plan does not have` };
    const diff = firstDifference(decisive(s), decisive(n), '');
    if (diff) {
      // A change blocked only now: the diagnostic says why (a name taken since, a model retired).
      const why =
        diff.at === 'blocked' && n.blocked ? rederived.diagnostics.find((d) => d.severity === 'error' && d.address === n.address)?.summary : undefined;
      return {
        address: s.address,
        field: diff.at,
        what: `${key} ${diff.at} is ${diff.saved} in the saved plan but ${diff.now} from the config, state and live PTs${why ? ` (${why})` : ''}`,
      };
    }
  }
  if (saved.applyable !== rederived.applyable) {
    return {
      what: rederived.applyable ? 'the saved plan is blocked but a plan now is not' : 'a plan now has blocking errors that the saved plan does not show',
    };
  }
  return undefined;
}

function mismatch(plan: StackPlan, what: string, subject: { address?: string; field?: string } = {}): BedrockPtError {
  return new BedrockPtError('plan-file', `saved plan for ${plan.stack} does not match its configuration: ${what}; nothing was sent — plan again`, {
    stack: plan.stack,
    ...subject,
  });
}

/**
 * Re-plans `config` on the state held by `state` (the apply's session: no second lock) and the
 * live PTs, and refuses when the result differs from `saved` in anything that would be sent.
 */
export async function assertPlanRederives(saved: StackPlan, config: StackConfig, state: StateWriter, options: PlanRunOptions): Promise<void> {
  const target = saved.target!;
  if (statePathOf(config, 'apply') !== target.statePath) {
    throw mismatch(saved, `the stack's state file is now ${statePathOf(config, 'apply')}, the plan was made for ${target.statePath}`, { field: 'statePath' });
  }
  const provider = firstDifference(target.provider, config.provider, 'provider');
  if (provider) throw mismatch(saved, `${provider.at} is ${provider.saved} in the saved plan but ${provider.now} in the configuration`, { field: provider.at });
  const { plan: rederived } = await planOneStack(config, options, state);
  const diff = planDifference(saved, rederived);
  if (diff) throw mismatch(saved, diff.what, { address: diff.address, field: diff.field });
  // The same calls, but from other config (say, a lifecycle rule added): the plan was not reviewed against it.
  if (config.fingerprint !== saved.configFingerprint) {
    throw new BedrockPtError('plan-file', `saved plan is stale: ${saved.stack}: the configuration changed since the plan was made; plan again`, {
      stack: saved.stack,
    });
  }
}
