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
import { assertPlanRederives } from './rederive';
import { ModelFactsCache } from '../refresh/models';

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
}

export async function applyPlans(plans: StackPlan[], options: ApplyRunOptions): Promise<StackApplyResult[]> {
  const blocked = plans.filter((p) => !p.applyable);
  if (blocked.length > 0) {
    throw new BedrockPtError('plan-file', `the plan has blocking errors in ${blocked.map((p) => p.stack).join(', ')} and cannot be applied; fix them and plan again`, { stack: blocked[0].stack });
  }
  for (const p of plans) assertNameOrder(p);
  for (const p of plans) {
    if (!p.target) throw new BedrockPtError('plan-file', `the plan for ${p.stack} has no target (state path and provider); plan again with this version of bedrock-pt`, { stack: p.stack });
  }
  const sessions: Awaited<ReturnType<typeof openStateSession>>[] = [];
  try {
    for (const p of plans) sessions.push(await openStateSession(p.target!.statePath, { stack: p.stack, operation: 'apply', providerAlias: p.target!.provider.alias ?? '', region: p.target!.provider.region }));
    const clients = plans.map((p) => options.pool.forProvider(p.target!.provider));
    const models = new ModelFactsCache();
    await Promise.all(
      plans.map(async (p, i) => {
        const config = options.configs?.get(p.stack);
        await verifyStackPlan(p, sessions[i], clients[i], config);
        if (config) await assertPlanRederives(p, config, sessions[i], { pool: options.pool, now: options.now ?? new Date(), models });
      }),
    );
    return await Promise.all(
      plans.map((p, i) =>
        applyStackPlan(
          { stack: p.stack, clients: clients[i], state: sessions[i], signal: options.signal, report: options.report, waitPolicy: options.waitPolicy },
          p,
          options.parallelism ?? 10,
        ),
      ),
    );
  } finally {
    for (const s of sessions) await s.release();
  }
}
