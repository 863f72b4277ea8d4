/**
 * ApplyResourceChange. The change is planned again from what is true now (Terraform's planned
 * object, the prior state and a fresh List), and refused when that plan is not the one Terraform
 * approved or is blocked: a delete of a PT whose commitment has not ended is refused here too.
 * Updates and deletes use the engine's steps; creates use the engine's purchase protocol with the
 * provider's journal as its ledger. Terraform owns the state, so the engine's state writer is an
 * in-memory one whose records are dropped.
 */
import { randomUUID } from 'node:crypto';
import { WaiterState, createWaiter } from '@smithy/util-waiter';
import type { ApplyRequest, ApplyResponse, CtyObject, ProviderDiagnostic } from '../contract';
import { createsPt, type ChangeAction, type LivePt, type ManagedState, type ResourceChange } from '../../engine/model';
import type { ApplyContext, StateWriter } from '../../engine/apply/context';
import { awaitInService, deletePt, updatePt } from '../../engine/apply/steps';
import { getPt, DEFAULT_WAIT_POLICY, type WaitPolicy } from '../../engine/apply/wait';
import { timeoutSec } from '../../engine/duration';
import { createLimiter } from '../../engine/aws/concurrency';
import { readTags } from '../../engine/refresh/refresh';
import { BedrockPtError } from '../../engine/errors';
import { buy, UnverifiedPurchase } from '../../engine/purchase/buy';
import type { IntentLedger } from '../../engine/purchase/ledger';
import { SINGLE_RESOURCE_ADDRESS } from '../../engine/plan/single-resource';
import { errorDiagnostic, errorText, fromError, fromPlanner, warningDiagnostic } from './diagnostics';
import { planFor, readPrivate, type PlanContext } from './plan-change';
import type { JournalEntry } from './purchase-journal';
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

/** The actions a re-plan may come to for what Terraform asked: a create may be the create half of a replace. */
const EXPECTED: Record<'create' | 'update' | 'delete', (action: ChangeAction) => boolean> = {
  create: createsPt,
  update: (action) => action === 'update' || action === 'no-op',
  delete: (action) => action === 'delete' || action === 'no-op',
};

/** The re-plan at apply, or the diagnostics that refuse it. */
async function replan(env: ApplyEnv, kind: 'create' | 'update' | 'delete', request: ApplyRequest, context: PlanContext = {}) {
  const { session } = env;
  // The shared List is at most a refresh burst old and dropped after every change this process makes.
  const managed = request.prior ? managedFrom(request.prior) : undefined;
  const desired = request.planned ? desiredFrom(request.planned, session.settings.config.defaultTags, managed).desired : undefined;
  const { plan, live } = await planFor(session, env.now, desired, managed, context);
  const wording = { tracked: (arn: string) => session.registry.isTracked(arn), live, workspace: session.journal.workspace };
  const errors = plan.diagnostics.filter((d) => d.severity === 'error').map((d) => fromPlanner(d, undefined, wording));
  if (!EXPECTED[kind](plan.change.action)) {
    errors.push(
      errorDiagnostic(
        `Refusing to ${kind}: the change planned now is "${plan.change.action}"`,
        `The Provisioned Throughput changed since the plan (${plan.change.explanations.join('; ') || 'no explanation'}). Nothing was changed; run terraform plan again.`,
      ),
    );
  }
  return { change: plan.change, live, errors };
}

export async function applyChange(env: ApplyEnv, request: ApplyRequest): Promise<ApplyResponse> {
  if (request.prior) env.session.registry.track(managedFrom(request.prior).arn);
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

/** The provider's intent ledger: the purchase journal, and the run's registry for who else owns a PT. */
function journalLedger(env: ApplyEnv, entry: JournalEntry): IntentLedger {
  const { session } = env;
  return {
    record: () => {
      session.registry.sending(entry.clientRequestToken);
      return session.journal.record(entry);
    },
    answered: (_intent, arn) => session.journal.update(Object.assign(entry, { arn })),
    drop: (intent) => session.journal.remove(intent.clientRequestToken),
    bought: async (_intent, pt) => session.registry.bought(pt.arn),
    ownerOf: (arn) =>
      session.registry.isTracked(arn)
        ? 'another resource of this Terraform run'
        : session.registry.wasBought(arn)
          ? 'the result of another create of this Terraform run'
          : undefined,
    importHint: (arn) => `\`terraform import <this resource's address> ${arn}\``,
  };
}

/** A new intent (a fresh token: it can only ever be answered with its own purchase) or the journal's one this create resumes. */
async function intentFor(env: ApplyEnv, change: ResourceChange): Promise<{ entry: JournalEntry; resumed: boolean }> {
  const { session } = env;
  const token = change.resumesCreate?.clientRequestToken;
  if (token) {
    const kept = (await session.journal.entries(session.scope)).find((e) => e.clientRequestToken === token);
    if (!kept)
      throw new BedrockPtError(
        'apply',
        `The plan resumes the interrupted create with token ${token}, but the journal no longer holds it; nothing was sent. Run terraform plan again.`,
      );
    return { entry: kept, resumed: true };
  }
  const after = change.after!;
  const entry: JournalEntry = {
    address: SINGLE_RESOURCE_ADDRESS,
    name: after.provisioned_model_name,
    model: change.createModelId ?? after.model_arn,
    modelUnits: after.model_units,
    ...(after.commitment_duration ? { commitment: after.commitment_duration } : {}),
    tagsAll: after.tags_all,
    tags: after.tags,
    clientRequestToken: `bpt-${randomUUID()}`,
    startedAt: new Date().toISOString(),
    ...session.scope,
    workspace: session.journal.workspace,
  };
  return { entry, resumed: false };
}

async function create(env: ApplyEnv, request: ApplyRequest): Promise<ApplyResponse> {
  const { session } = env;
  const { from, resume } = readPrivate(request.plannedPrivate);
  const { change, live, errors } = await replan(env, 'create', request, { ...(from ? { replaces: from } : {}), ...(resume ? { resuming: resume } : {}) });
  if (errors.length) return { newState: null, diagnostics: errors };
  const after = change.after!;
  const replaced = from ? live.pts[from] : undefined;
  if (replaced && replaced.name === after.provisioned_model_name) {
    // The PT being replaced still exists while its replacement is created: create_before_destroy.
    return {
      newState: null,
      diagnostics: [
        errorDiagnostic(
          `create_before_destroy cannot replace "${replaced.name}" under the same name`,
          'Names are unique per account and region, so the new Provisioned Throughput needs a new name while the old one exists. Nothing was bought. ' +
            'Change the name, or drop create_before_destroy so Terraform deletes the old one first.',
          [{ attribute: 'provisioned_model_name' }],
        ),
      ],
    };
  }
  const planned = request.planned!;
  const { entry, resumed } = await intentFor(env, change);
  let pt: LivePt;
  try {
    pt = await buy(
      {
        clients: session.clients,
        subject: { field: 'provisioned_model_name' },
        label: `Creating "${after.provisioned_model_name}"`,
        signal: env.signal,
        visibilityDelaySec: env.waitPolicy.minDelaySec ?? DEFAULT_WAIT_POLICY.minDelaySec,
      },
      entry,
      journalLedger(env, entry),
      resumed,
    );
  } catch (err) {
    const summary = `Creating Provisioned Throughput "${after.provisioned_model_name}"`;
    // A fresh token is answered only with its own purchase: the ARN is this resource's, unread or not.
    if (err instanceof UnverifiedPurchase && !resumed) return handBack(env, entry, err.arn, planned, [unreadWarning(err.arn, err)]);
    return { newState: null, diagnostics: [fromError(err, summary)] };
  }
  // From here the PT exists and is this resource's: every outcome returns it, so Terraform records it and never loses it.
  const ctx = stepContext(env);
  const diagnostics: ProviderDiagnostic[] = [];
  try {
    await awaitInService(ctx, SINGLE_RESOURCE_ADDRESS, pt.arn, timeoutSec(change.timeouts, 'create'), true);
    await settleTags(env, ctx, change, pt.arn);
  } catch (err) {
    diagnostics.push(waitDiagnostic(err, pt.arn, env.signal));
  }
  return handBack(env, entry, pt.arn, planned, diagnostics);
}

/**
 * A PT still Creating when the wait ended (a timeout, or Terraform stopping) is recorded as it is,
 * with a warning: nothing is wrong with it, the next plan waits for it, and tainting it would
 * plan its replacement — a second purchase. A PT that failed is an error (Terraform taints it).
 */
function waitDiagnostic(err: unknown, arn: string, signal: AbortSignal): ProviderDiagnostic {
  const message = errorText(err);
  const stillCreating = signal.aborted || /timed out waiting/.test(message);
  const diagnostic = fromError(err, `Waiting for Provisioned Throughput ${arn}`);
  return stillCreating
    ? { ...diagnostic, severity: 'warning', detail: `${message}. It is recorded in state as it is; the next plan waits for it to be InService.` }
    : diagnostic;
}

/**
 * A PT this create certainly bought that could not be read back: recorded with the planned values
 * and a warning, not tainted — nothing is known to be wrong with it, and the next refresh reads it.
 */
function unreadWarning(arn: string, err: unknown): ProviderDiagnostic {
  return warningDiagnostic(
    `Bought Provisioned Throughput ${arn}, but could not read it back`,
    `${errorText(err)}. It is recorded in state with the planned values; the next plan reads it again.`,
  );
}

/** Returns the PT to Terraform (read now, or the planned values with its ARN) and settles its journal entry. */
async function handBack(env: ApplyEnv, entry: JournalEntry, arn: string, planned: CtyObject, diagnostics: ProviderDiagnostic[]): Promise<ApplyResponse> {
  env.session.registry.bought(arn);
  const fallback = { ...planned, id: arn, provisioned_model_arn: arn, status: 'Creating', commitment_expiration_time: null, foundation_model_arn: null };
  const newState = await stateOrPlanned(env, arn, planned, diagnostics, fallback, (err) => unreadWarning(arn, err));
  await env.session.journal.remove(entry.clientRequestToken).catch(() => undefined);
  return { newState, diagnostics };
}

/** A PT answered for a token may carry the tags of the run that bought it; make them the planned ones. */
async function settleTags(env: ApplyEnv, ctx: ApplyContext, change: ResourceChange, arn: string): Promise<void> {
  const live = (await readTags(env.session.clients, 'terraform', arn)) ?? {};
  const want = change.after!.tags_all;
  const tagsToSet = Object.fromEntries(Object.entries(want).filter(([k, v]) => live[k] !== v));
  const tagKeysToRemove = Object.keys(live)
    .filter((k) => !(k in want))
    .sort();
  if (Object.keys(tagsToSet).length || tagKeysToRemove.length) await updatePt(ctx, change, arn, { tagsToSet, tagKeysToRemove });
}

/** The new state read from Bedrock, with the config's own values as planned; `fallback` if the read fails. */
async function stateOrPlanned(
  env: ApplyEnv,
  arn: string,
  planned: CtyObject,
  diagnostics: ProviderDiagnostic[],
  fallback: CtyObject,
  unread: (err: unknown) => ProviderDiagnostic = (err) => fromError(err, `Reading Provisioned Throughput ${arn}`),
): Promise<CtyObject | null> {
  env.session.list.invalidate();
  try {
    const now = await currentState(env, arn, planned);
    if (!now) {
      diagnostics.push(errorDiagnostic(`Provisioned Throughput ${arn} no longer exists`));
      return null;
    }
    return { ...now, model_arn: planned.model_arn, tags: planned.tags, timeouts: planned.timeouts };
  } catch (err) {
    diagnostics.push(unread(err));
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
  const target = managedFrom(prior).arn;
  if (env.session.registry.wasBought(target)) {
    // Terraform deletes a deposed object after its replacement is created: never the replacement itself.
    return {
      newState: prior,
      diagnostics: [
        errorDiagnostic(
          `Refusing to delete ${target}: this Terraform run just created it`,
          'Terraform asked to delete the object it replaced, but that object is the PT a create of this run returned. Nothing was deleted. Run terraform plan again.',
        ),
      ],
    };
  }
  const { change, errors } = await replan(env, 'delete', request);
  if (errors.length) return { newState: prior, diagnostics: errors };
  if (change.action === 'no-op') return { newState: null, diagnostics: [] };
  const arn = change.arn!;
  try {
    await deletePt(stepContext(env), SINGLE_RESOURCE_ADDRESS, arn);
    env.session.list.invalidate();
    await waitUntilGone(env, arn, timeoutSec(change.timeouts, 'delete'));
    return { newState: null, diagnostics: [] };
  } catch (err) {
    const diagnostics = [fromError(err, `Deleting Provisioned Throughput ${arn}`)];
    const now = await currentState(env, arn, prior).catch(() => prior);
    return { newState: now, diagnostics };
  }
}

async function waitUntilGone(env: ApplyEnv, arn: string, maxWaitSec?: number): Promise<void> {
  const policy = { ...DEFAULT_WAIT_POLICY, ...env.waitPolicy, ...(maxWaitSec ? { maxWaitSec } : {}) };
  const bedrock = env.session.clients.bedrock;
  const result = await createWaiter(
    {
      client: bedrock,
      minDelay: policy.minDelaySec,
      maxDelay: Math.max(policy.maxDelaySec, policy.minDelaySec),
      maxWaitTime: Math.max(policy.maxWaitSec, policy.minDelaySec + 1),
      abortSignal: env.signal,
    },
    arn,
    async (_client, id) =>
      (await getPt(bedrock, id).catch(() => 'unreadable' as const)) === undefined ? { state: WaiterState.SUCCESS } : { state: WaiterState.RETRY },
  );
  if (result.state !== WaiterState.SUCCESS) {
    throw new BedrockPtError(
      'apply',
      `Delete of ${arn} was accepted but the Provisioned Throughput is still listed (${result.state}); run terraform apply again to retry.`,
    );
  }
}
