/**
 * Plan several stacks in one run: each under its own state lock, with its own credentials,
 * account and region. Interrupted creates are settled first, so nothing is planned twice: a
 * plan shows them settled and writes nothing; apply, planning under its own lock, records them.
 */
import { BedrockPtError } from '../errors';
import type { ConfigSource, StackConfig, StackPlan } from '../model';
import type { ClientPool } from '../aws/clients';
import { refreshStack } from '../refresh/refresh';
import { ModelFactsCache } from '../refresh/models';
import { QuotaCache, readQuotaInputs } from '../refresh/quotas';
import { planStack, type PlanInput } from '../plan';
import { ModelCatalog } from '../plan/models';
import { buysModelUnits, unnamedBaseModels } from '../plan/quotas';
import type { StackClients } from '../aws/clients';
import { openStateSession } from '../state';
import type { StateWriter } from '../apply/context';
import { recoveredState, resolvePendingCreates, type Recovery } from '../apply/recover';
import { mapLimit } from '../aws/concurrency';
import { refuseRemoteState } from './remote-state';

export interface PlanRunOptions {
  pool: ClientPool;
  now: Date;
  models?: ModelFactsCache;
  /** Bedrock's quotas, read once per account and region per run. */
  quotas?: QuotaCache;
  /** Concurrent reads within a stack. */
  concurrency?: number;
  /** Recorded in each plan's target, so a saved plan is checked against the same config. */
  source?: ConfigSource;
  /** How long to wait for each stack's state lock when another run holds it; default 0. */
  lockTimeoutMs?: number;
}

export interface StackPlanResult {
  plan: StackPlan;
  recovery: Recovery;
}

/** The stack's local state file; a stack with a remote backend is refused (`command` names what was run). */
export function statePathOf(stack: StackConfig, command = 'plan'): string {
  refuseRemoteState([stack], command);
  if (!stack.statePath) throw new BedrockPtError('config', `stack ${stack.name} has no local state file`, { stack: stack.name });
  return stack.statePath;
}

/** With `held`, plans under a lock the caller already holds (apply re-deriving a saved plan) instead of taking one. */
export async function planOneStack(stack: StackConfig, options: PlanRunOptions, held?: StateWriter): Promise<StackPlanResult> {
  const statePath = statePathOf(stack);
  const own = held
    ? undefined
    : await openStateSession(statePath, {
        stack: stack.name,
        operation: 'plan',
        readOnly: true,
        lockTimeoutMs: options.lockTimeoutMs,
        providerAlias: stack.provider.alias ?? '',
        region: stack.provider.region,
      });
  const session: StateWriter = held ?? own!;
  try {
    const clients = options.pool.forProvider(stack.provider);
    const live = await refreshStack(stack, session.managed, clients, {
      concurrency: options.concurrency,
      models: options.models,
    });
    // After the refresh, which read the tags of PTs named by pending creates: adoption compares them.
    let recovery: Recovery;
    let state = session.managed;
    if (held) {
      recovery = await resolvePendingCreates(held, live.pts, live.account, live.region);
      state = held.managed;
    } else {
      const recovered = recoveredState(state, live.pts, live.account, live.region);
      recovery = { recorded: recovered.recorded, written: false };
      state = recovered.managed;
    }
    const plan = await planWithQuotas({ stack, state, live, now: options.now }, clients, options);
    return {
      plan: {
        ...plan,
        // A stack without a state file has no lineage yet: the plan says so, and apply checks it is still so.
        state: session.exists ? { lineage: session.lineage, serial: session.serial } : { lineage: '', serial: 0 },
        target: { provider: stack.provider, statePath, ...(options.source ? { config: options.source } : {}) },
      },
      recovery,
    };
  } finally {
    await own?.release();
  }
}

/**
 * Quotas matter only to a plan that buys model units, so they are read only then (a refresh-only
 * plan makes no Service Quotas call), and the plan is made again with them.
 */
async function planWithQuotas(input: PlanInput, clients: StackClients, options: PlanRunOptions) {
  const plan = planStack(input);
  if (!buysModelUnits(plan.changes)) return plan;
  const baseModels = unnamedBaseModels(plan.changes, new ModelCatalog(input.live.models));
  const caches = { quotas: options.quotas ?? new QuotaCache(), models: options.models ?? new ModelFactsCache() };
  const read = await readQuotaInputs(clients, input.live.account, baseModels, caches);
  return planStack({ ...input, live: { ...input.live, quotas: read.quotas, models: { ...input.live.models, ...read.models } } });
}

export async function planStacks(stacks: StackConfig[], options: PlanRunOptions): Promise<StackPlanResult[]> {
  const models = options.models ?? new ModelFactsCache();
  const quotas = options.quotas ?? new QuotaCache();
  return mapLimit(stacks, 4, (s) => planOneStack(s, { ...options, models, quotas }));
}
