/**
 * Carry out one stack's reviewed plan. Independent resources run in parallel within a phase;
 * phases run in a safe order — in-place updates (which may free names), then deletes, then
 * creates and replaces — so a name released by one change is free before another takes it.
 * One failure does not stop independent resources; a stop signal ends the run between steps.
 */
import { setMaxListeners } from 'node:events';
import { BedrockPtError, messageWithoutLocation } from '../errors';
import type { ResourceChange, StackPlan } from '../model';
import { managedWithAttributes } from '../pt/records';
import { createLimiter } from '../aws/concurrency';
import { BatchedStatusReader } from './status-reader';
import { DEFAULT_WAIT_POLICY } from './wait';
import type { ApplyContext } from './context';
import { createPt, deletePt, readPt, recordAfter, updatePt } from './steps';
import { NameGates, NameNotFreed, type NameGate } from './name-gates';
import { boughtAndStillCreating, noOutcome, tally, type ChangeOutcome } from './outcome';

export interface StackApplyResult {
  stack: string;
  added: number;
  changed: number;
  destroyed: number;
  /** Of `added`: PTs bought and recorded in state that were not InService yet when the run stopped waiting. */
  stillCreating: string[];
  failed: { address: string; error: string }[];
  /** Changes stopped (by Ctrl-C / SIGTERM) before their next step was sent; the state shows what was done. */
  notStarted: string[];
  /** Why state writes of this stack were refused or failed: the state may not record all that was done. */
  stateWriteErrors?: string[];
}

type Phase = 'update' | 'delete' | 'create';

class StoppedBeforeStart extends Error {
  constructor() {
    super('stopped before this step started');
  }
}

function phaseOf(change: ResourceChange): Phase | undefined {
  switch (change.action) {
    case 'update':
      return 'update';
    case 'delete':
      return 'delete';
    case 'create':
    case 'delete-then-create':
    case 'create-then-delete':
      return 'create';
    default:
      return undefined;
  }
}

/** State-only work a change carries: a moved address, an adopted PT, a PT that vanished. */
async function applyStateOps(ctx: ApplyContext, change: ResourceChange): Promise<void> {
  const { address } = change;
  if (change.movedFrom) {
    const from = change.movedFrom;
    await ctx.state.update((m) => {
      const pt = m.pts[from];
      if (pt && !m.pts[address]) {
        delete m.pts[from];
        m.pts[address] = { ...pt, address };
      }
    });
  }
  if (change.importing && change.arn) {
    const arn = change.arn;
    const live = await ctx.limit(() => readPt(ctx, arn));
    if (!live)
      throw new BedrockPtError('apply', `${ctx.stack}/${address}: cannot import ${change.importing.id}: it no longer exists`, { stack: ctx.stack, address });
    const before = change.before!;
    await ctx.state.update((m) => {
      m.pts[address] = recordAfter(ctx, { ...live, tags: before.tags_all }, before, change);
    });
  }
  // A deposed record's gone-outside is about that record (see runChange), never the current object.
  if (change.reasons.includes('gone-outside') && !change.deposed) {
    await ctx.state.update((m) => delete m.pts[address]);
  }
}

/** A no-op whose refreshed attributes differ from the state record: write what is true. */
async function syncNoOp(ctx: ApplyContext, change: ResourceChange): Promise<void> {
  const b = change.before;
  const current = ctx.state.managed.pts[change.address];
  if (!b || !current) return;
  const next = managedWithAttributes(current, b, { tags: change.after?.tags ?? b.tags, tagsAll: b.tags_all });
  if (JSON.stringify(next) !== JSON.stringify(current)) await ctx.state.update((m) => (m.pts[change.address] = next));
}

/** Runs one change, marking each step in `done` as it completes, so a failure later in the change does not hide it. */
async function runChange(ctx: ApplyContext, change: ResourceChange, gate: NameGate, done: ChangeOutcome): Promise<void> {
  await applyStateOps(ctx, change);
  const oldArn = change.arn;
  switch (change.action) {
    case 'no-op':
      if (change.deposed) await ctx.state.update((m) => m.deposed && delete m.deposed[change.deposed!]);
      else await syncNoOp(ctx, change);
      return;
    case 'update':
      await gate.beforeTake();
      await updatePt(ctx, change, oldArn!, change.update ?? { tagsToSet: {}, tagKeysToRemove: [] });
      done.changed = true;
      return;
    case 'delete':
      await deletePt(ctx, change.address, oldArn!);
      done.destroyed = true;
      return;
    case 'create':
      await gate.beforeTake();
      await createStep(ctx, change, done);
      return;
    case 'delete-then-create':
      await deletePt(ctx, change.address, oldArn!);
      done.destroyed = true;
      gate.freed();
      await gate.beforeTake();
      await createStep(ctx, change, done);
      return;
    case 'create-then-delete':
      await gate.beforeTake();
      // The old PT turns deposed in the same state write that records the new one (state/deposition):
      // a refused create leaves it current, and it is deleted only once the new PT is InService.
      if ((await createStep(ctx, change, done)) === 'still-creating') return;
      await deletePt(ctx, change.address, oldArn!);
      done.destroyed = true;
      return;
  }
}

/** A create that bought its PT but stopped (Ctrl-C, timeout) before InService is added, not failed. */
async function createStep(ctx: ApplyContext, change: ResourceChange, done: ChangeOutcome): Promise<'in-service' | 'still-creating'> {
  const priorArn = ctx.state.managed.pts[change.address]?.arn;
  try {
    await createPt(ctx, change);
  } catch (err) {
    if (err instanceof StoppedBeforeStart || !(await boughtAndStillCreating(ctx, change.address, priorArn))) throw err;
    done.added = done.stillCreating = true;
    return 'still-creating';
  }
  done.added = true;
  return 'in-service';
}

/** `parallelism` bounds the API work in flight for this stack; waits for InService do not hold a slot. */
export async function applyStackPlan(base: Omit<ApplyContext, 'limit'>, plan: StackPlan, parallelism = 10): Promise<StackApplyResult> {
  const limiter = createLimiter(parallelism);
  // Once stopped, no queued step sends anything; steps in flight finish and write state.
  const limit: ApplyContext['limit'] = (fn) => limiter(() => (base.signal.aborted ? Promise.reject(new StoppedBeforeStart()) : fn()));
  const pollEveryMs = ((base.waitPolicy?.minDelaySec ?? DEFAULT_WAIT_POLICY.minDelaySec) * 1000) / 2;
  const ctx: ApplyContext = { ...base, account: plan.account, limit, readStatus: new BatchedStatusReader(base.clients, base.stack, pollEveryMs).read };
  // Every waiter listens on the stop signal; hundreds at once are expected, not a leak.
  setMaxListeners(0, base.signal);
  if (!plan.applyable) {
    throw new BedrockPtError('plan-file', `stack ${plan.stack}: the plan has blocking errors and cannot be applied; fix them and plan again`, {
      stack: plan.stack,
    });
  }
  const result: StackApplyResult = { stack: plan.stack, added: 0, changed: 0, destroyed: 0, stillCreating: [], failed: [], notStarted: [] };
  const gates = new NameGates(ctx, plan);
  const run = async (change: ResourceChange) => {
    if (ctx.signal.aborted) {
      result.notStarted.push(change.address);
      gates.notFreed(change.address, 'was stopped before it started');
      return;
    }
    ctx.report({ kind: 'start', stack: ctx.stack, address: change.address, action: change.action });
    const done = noOutcome();
    try {
      await runChange(ctx, change, gates.for(change), done);
      // A replace stopped while its new PT is Creating has not deleted the old PT: its name is not free.
      if (done.stillCreating && change.action === 'create-then-delete') gates.notFreed(change.address, 'is still creating its replacement');
      else gates.freed(change.address);
      const detail = done.stillCreating ? 'created, still Creating (recorded in state)' : undefined;
      ctx.report({ kind: 'done', stack: ctx.stack, address: change.address, action: change.action, ...(detail ? { detail } : {}) });
    } catch (err) {
      if (err instanceof StoppedBeforeStart || (err instanceof NameNotFreed && ctx.signal.aborted)) {
        result.notStarted.push(change.address);
        gates.notFreed(change.address, 'was stopped before it finished');
        return;
      }
      gates.notFreed(change.address, err instanceof NameNotFreed ? 'did not start either' : 'failed');
      const message = messageWithoutLocation(err, { stack: ctx.stack, address: change.address });
      result.failed.push({ address: change.address, error: message });
      ctx.report({ kind: 'failed', stack: ctx.stack, address: change.address, action: change.action, error: message });
    } finally {
      tally(result, change.address, done);
    }
  };
  const changes = [...plan.changes].sort((a, b) => a.address.localeCompare(b.address));
  // Changes the plan orders by name wait only for the changes it names; the rest run in phases.
  const phased = changes.filter((c) => !NameGates.isOrdered(c));
  const runPhases = async () => {
    await Promise.all(phased.filter((c) => phaseOf(c) === undefined).map(run));
    for (const phase of ['update', 'delete', 'create'] as Phase[]) {
      await Promise.all(phased.filter((c) => phaseOf(c) === phase).map(run));
    }
  };
  await Promise.all([runPhases(), ...changes.filter(NameGates.isOrdered).map(run)]);
  return result;
}
