/**
 * ApplyResourceChange. The change is planned again from what is true now (Terraform's planned
 * object, the prior state and a fresh List), and refused when that plan is not the one Terraform
 * approved or is blocked: a delete of a PT whose commitment has not ended is refused here too.
 * Updates and deletes use the engine's steps; creates go through `purchase`. Terraform owns the
 * state, so the engine's state writer is an in-memory one whose records are dropped.
 */
import { WaiterState, createWaiter } from '@smithy/util-waiter';
import type { ApplyRequest, ApplyResponse, CtyObject, ProviderDiagnostic } from '../contract';
import type { ManagedState, ResourceChange } from '../../engine/model';
import type { ApplyContext, StateWriter } from '../../engine/apply/context';
import { awaitInService, deletePt, updatePt } from '../../engine/apply/steps';
import { getPt, parseDuration, DEFAULT_WAIT_POLICY, type WaitPolicy } from '../../engine/apply/wait';
import { createLimiter } from '../../engine/aws/concurrency';
import { readTags } from '../../engine/refresh/refresh';
import { BedrockPtError } from '../../engine/errors';
import { SINGLE_RESOURCE_ADDRESS } from '../../engine/plan/single-resource';
import { errorDiagnostic, fromError, fromPlanner } from './diagnostics';
import { planFor, readPrivate } from './plan-change';
import { purchase, purchaseRequest } from './purchase';
import type { ProviderSession } from './session';
import { desiredFrom, managedFrom, stateFromLive } from './state-object';

export interface ApplyEnv {
  session: ProviderSession;
  signal: AbortSignal;
  now: Date;
  waitPolicy: Partial<WaitPolicy>;
}

/** The engine's steps record what they did; here Terraform records it, from the object apply returns. */
function memoryState(): StateWriter {
  const managed: ManagedState = { lineage: '', serial: 0, pts: {}, pending: {} };
  return { lineage: '', serial: 0, exists: false, managed, update: async (mutate) => mutate(managed) };
}

function stepContext(env: ApplyEnv): ApplyContext {
  return {
    stack: 'terraform',
    clients: env.session.clients,
    state: memoryState(),
    signal: env.signal,
    limit: createLimiter(4),
    readStatus: env.session.readStatus,
    waitPolicy: env.waitPolicy,
    report: () => undefined,
  };
}

const EXPECTED: Record<'create' | 'update' | 'delete', ReadonlySet<ResourceChange['action']>> = {
  create: new Set(['create']),
  update: new Set(['update', 'no-op']),
  delete: new Set(['delete', 'no-op']),
};

/** The re-plan at apply, or the diagnostics that refuse it. */
async function replan(env: ApplyEnv, kind: 'create' | 'update' | 'delete', request: ApplyRequest) {
  const { session } = env;
  // The shared List is at most a refresh burst old and dropped after every change this process makes.
  const managed = request.prior ? managedFrom(request.prior) : undefined;
  const desired = request.planned ? desiredFrom(request.planned, session.settings.config.defaultTags, managed).desired : undefined;
  const replacing = readPrivate(request.plannedPrivate).replacing;
  const plan = await planFor(session, env.now, desired, managed, kind === 'create' ? replacing : undefined);
  const errors = plan.diagnostics.filter((d) => d.severity === 'error').map((d) => fromPlanner(d));
  if (!EXPECTED[kind].has(plan.change.action)) {
    errors.push(
      errorDiagnostic(
        `Refusing to ${kind}: the change planned now is "${plan.change.action}"`,
        `The Provisioned Throughput changed since the plan (${plan.change.explanations.join('; ') || 'no explanation'}). Nothing was changed; run terraform plan again.`,
      ),
    );
  }
  return { change: plan.change, errors };
}

export async function applyChange(env: ApplyEnv, request: ApplyRequest): Promise<ApplyResponse> {
  if (!request.planned) return destroy(env, request);
  if (!request.prior) return create(env, request);
  return update(env, request);
}

/** What is true now for a PT, in the planned object's terms; null when it is gone. */
async function currentState(env: ApplyEnv, arn: string, written: CtyObject | null): Promise<CtyObject | null> {
  const { session } = env;
  const pt = await getPt(session.clients.bedrock, arn);
  if (!pt) return null;
  const tags = (await readTags(session.clients, 'terraform', arn)) ?? {};
  return stateFromLive(pt, tags, session.settings.config.defaultTags, session.region, written);
}

async function create(env: ApplyEnv, request: ApplyRequest): Promise<ApplyResponse> {
  const { change, errors } = await replan(env, 'create', request);
  if (errors.length) return { newState: null, diagnostics: errors };
  const after = change.after!;
  const planned = request.planned!;
  let arn: string;
  try {
    const pt = await purchase(
      { session: env.session, signal: env.signal, retryDelaySec: env.waitPolicy.minDelaySec ?? DEFAULT_WAIT_POLICY.minDelaySec },
      purchaseRequest(after, change.createModelId ?? after.model_arn),
    );
    arn = pt.arn;
  } catch (err) {
    return { newState: null, diagnostics: [fromError(err, `Creating Provisioned Throughput "${after.provisioned_model_name}"`)] };
  }
  // From here the PT exists: every outcome returns it, so Terraform records it (tainted on error) and never loses it.
  const ctx = stepContext(env);
  const diagnostics: ProviderDiagnostic[] = [];
  try {
    await awaitInService(ctx, SINGLE_RESOURCE_ADDRESS, arn, waitSeconds(change, 'create'), true);
    await settleTags(env, ctx, change, arn);
  } catch (err) {
    diagnostics.push(fromError(err, `Waiting for Provisioned Throughput ${arn}`));
  }
  const fallback = { ...planned, id: arn, provisioned_model_arn: arn, status: 'Creating', commitment_expiration_time: null, foundation_model_arn: null };
  return { newState: await stateOrPlanned(env, arn, planned, diagnostics, fallback), diagnostics };
}

/** A PT answered for a token may carry the tags of the run that bought it; make them the planned ones. */
async function settleTags(env: ApplyEnv, ctx: ApplyContext, change: ResourceChange, arn: string): Promise<void> {
  const live = (await readTags(env.session.clients, 'terraform', arn)) ?? {};
  const want = change.after!.tags_all;
  const tagsToSet = Object.fromEntries(Object.entries(want).filter(([k, v]) => live[k] !== v));
  const tagKeysToRemove = Object.keys(live).filter((k) => !(k in want)).sort();
  if (Object.keys(tagsToSet).length || tagKeysToRemove.length) await updatePt(ctx, change, arn, { tagsToSet, tagKeysToRemove });
}

/** The new state read from Bedrock, with the config's own values as planned; `fallback` if the read fails. */
async function stateOrPlanned(env: ApplyEnv, arn: string, planned: CtyObject, diagnostics: ProviderDiagnostic[], fallback: CtyObject): Promise<CtyObject | null> {
  env.session.list.invalidate();
  try {
    const now = await currentState(env, arn, planned);
    if (!now) {
      diagnostics.push(errorDiagnostic(`Provisioned Throughput ${arn} no longer exists`));
      return null;
    }
    return { ...now, model_arn: planned.model_arn, tags: planned.tags, timeouts: planned.timeouts };
  } catch (err) {
    diagnostics.push(fromError(err, `Reading Provisioned Throughput ${arn}`));
    return fallback;
  }
}

async function update(env: ApplyEnv, request: ApplyRequest): Promise<ApplyResponse> {
  const prior = request.prior!;
  const planned = request.planned!;
  const { change, errors } = await replan(env, 'update', request);
  if (errors.length) return { newState: prior, diagnostics: errors };
  const arn = change.arn ?? managedFrom(prior).arn;
  const diagnostics: ProviderDiagnostic[] = [];
  if (change.action === 'update' && change.update) {
    try {
      await updatePt(stepContext(env), change, arn, change.update);
    } catch (err) {
      diagnostics.push(fromError(err, `Updating Provisioned Throughput ${arn}`));
    }
  }
  return { newState: await stateOrPlanned(env, arn, planned, diagnostics, prior), diagnostics };
}

async function destroy(env: ApplyEnv, request: ApplyRequest): Promise<ApplyResponse> {
  const prior = request.prior;
  if (!prior) return { newState: null, diagnostics: [] };
  const { change, errors } = await replan(env, 'delete', request);
  if (errors.length) return { newState: prior, diagnostics: errors };
  if (change.action === 'no-op') return { newState: null, diagnostics: [] };
  const arn = change.arn!;
  try {
    await deletePt(stepContext(env), SINGLE_RESOURCE_ADDRESS, arn);
    env.session.list.invalidate();
    await waitUntilGone(env, arn, waitSeconds(change, 'delete'));
    return { newState: null, diagnostics: [] };
  } catch (err) {
    const diagnostics = [fromError(err, `Deleting Provisioned Throughput ${arn}`)];
    const now = await currentState(env, arn, prior).catch(() => prior);
    return { newState: now, diagnostics };
  }
}

function waitSeconds(change: ResourceChange, kind: 'create' | 'update' | 'delete'): number | undefined {
  const text = change.timeouts[kind];
  return text ? parseDuration(text) : undefined;
}

async function waitUntilGone(env: ApplyEnv, arn: string, maxWaitSec?: number): Promise<void> {
  const policy = { ...DEFAULT_WAIT_POLICY, ...env.waitPolicy, ...(maxWaitSec ? { maxWaitSec } : {}) };
  const bedrock = env.session.clients.bedrock;
  const result = await createWaiter(
    { client: bedrock, minDelay: policy.minDelaySec, maxDelay: Math.max(policy.maxDelaySec, policy.minDelaySec), maxWaitTime: Math.max(policy.maxWaitSec, policy.minDelaySec + 1), abortSignal: env.signal },
    arn,
    async (_client, id) => ((await getPt(bedrock, id).catch(() => 'unreadable' as const)) === undefined ? { state: WaiterState.SUCCESS } : { state: WaiterState.RETRY }),
  );
  if (result.state !== WaiterState.SUCCESS) {
    throw new BedrockPtError('apply', `Delete of ${arn} was accepted but the Provisioned Throughput is still listed (${result.state}); run terraform apply again to retry.`);
  }
}
