/**
 * Apply a reviewed plan covering one or more stacks. Every stack is locked and verified
 * before the first mutating call of any stack; then each stack's part runs under its lock,
 * writing state after every step.
 */
import { BedrockPtError } from '../errors';
import type { StackConfig, StackPlan } from '../model';
import type { ClientPool } from '../aws/clients';
import { openStateSession } from '../state';
import type { ProgressEvent } from '../apply/context';
import type { WaitPolicy } from '../apply/wait';
import { applyStackPlan, type StackApplyResult } from '../apply/apply-stack';
import { assertNameOrder } from '../apply/name-gates';
import { verifyStackPlan } from './verify';
import { assertOwnStatePaths } from './inputs';
import { assertPlanRederives } from './rederive';
import { ModelFactsCache } from '../refresh/models';
import { listAllPts, readTags } from '../refresh/refresh';
import { resolvePendingCreates } from '../apply/recover';
import { mapLimit } from '../aws/concurrency';
import type { StackClients } from '../aws/clients';
import type { StateWriter } from '../apply/context';

export interface ApplyRunOptions {
  pool: ClientPool;
  signal: AbortSignal;
  report: (e: ProgressEvent) => void;
  parallelism?: number;
  /**
   * Config per stack name, read from the plan's recorded source: the fingerprint is checked and
   * the plan derived again and compared. Absent only when the user skipped the config check.
   */
  configs?: Map<string, StackConfig>;
  waitPolicy?: Partial<WaitPolicy>;
  /** The clock the plan is derived again with (commitment ends); defaults to now. */
  now?: Date;
  /** How long to wait for each stack's state lock when another run holds it; default 0. */
  lockTimeoutMs?: number;
}

export async function applyPlans(plans: StackPlan[], options: ApplyRunOptions): Promise<StackApplyResult[]> {
  const blocked = plans.filter((p) => !p.applyable);
  if (blocked.length > 0) {
    throw new BedrockPtError(
      'plan-file',
      `the plan has blocking errors in ${blocked.map((p) => p.stack).join(', ')} and cannot be applied; fix them and plan again`,
      { stack: blocked[0].stack },
    );
  }
  for (const p of plans) assertNameOrder(p);
  // A saved plan of two stacks on one state file (made before this was refused) is refused too.
  const targets = plans.map((p) => ({ name: p.stack, statePath: p.target?.statePath }));
  assertOwnStatePaths(targets, targets);
  for (const p of plans) {
    if (!p.target)
      throw new BedrockPtError('plan-file', `the plan for ${p.stack} has no target (state path and provider); plan again with this version of bedrock-pt`, {
        stack: p.stack,
      });
  }
  const sessions: Awaited<ReturnType<typeof openStateSession>>[] = [];
  try {
    for (const p of plans)
      sessions.push(
        await openStateSession(p.target!.statePath, {
          stack: p.stack,
          operation: 'apply',
          lockTimeoutMs: options.lockTimeoutMs,
          providerAlias: p.target!.provider.alias ?? '',
          region: p.target!.provider.region,
        }),
      );
    const clients = plans.map((p) => options.pool.forProvider(p.target!.provider));
    const models = new ModelFactsCache();
    await Promise.all(
      plans.map(async (p, i) => {
        const config = options.configs?.get(p.stack);
        await verifyStackPlan(p, sessions[i], clients[i], config);
        if (config) await assertPlanRederives(p, config, sessions[i], { pool: options.pool, now: options.now ?? new Date(), models });
        else await recordSettledCreates(p, sessions[i], clients[i]);
      }),
    );
    return await Promise.all(
      plans.map(async (p, i) => {
        const result = await applyStackPlan(
          { stack: p.stack, clients: clients[i], state: sessions[i], signal: options.signal, report: options.report, waitPolicy: options.waitPolicy },
          p,
          options.parallelism ?? 10,
        );
        return { ...result, stateWriteErrors: [...sessions[i].writeErrors] };
      }),
    );
  } finally {
    for (const s of sessions) await s.release();
  }
}

/**
 * A plan writes nothing, so the interrupted creates it showed as settled are recorded by apply.
 * Deriving the plan again records them (rederive); without a config to derive it from, they are
 * recorded here, under the apply's lock, by the same rule.
 */
async function recordSettledCreates(plan: StackPlan, state: StateWriter, clients: StackClients): Promise<void> {
  // A create the plan resumes is settled by the applier's re-send with its token, as reviewed.
  const resumed = new Set(plan.changes.filter((c) => c.resumesCreate).map((c) => c.address));
  const names = new Set(
    Object.values(state.managed.pending)
      .filter((p) => !resumed.has(p.address))
      .map((p) => p.name),
  );
  if (names.size === 0) return;
  const live = await listAllPts(clients, plan.stack);
  const named = Object.values(live).filter((pt) => names.has(pt.name));
  const tags = await mapLimit(named, 10, (pt) => readTags(clients, plan.stack, pt.arn));
  named.forEach((pt, i) => {
    if (tags[i]) live[pt.arn] = { ...pt, tags: tags[i] };
  });
  await resolvePendingCreates(state, live, plan.account, clients.region, resumed);
}
