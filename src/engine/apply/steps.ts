/**
 * The API steps of an apply, each followed at once by the state write that makes the state
 * true again. Ordering inside a step is what keeps money safe: a create's intent (with its
 * idempotency token) is in the state before the call is sent, and a PT leaves the state only
 * after the service confirmed it is gone.
 */
import {
  DeleteProvisionedModelThroughputCommand,
  GetProvisionedModelThroughputCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateProvisionedModelThroughputCommand,
} from '@aws-sdk/client-bedrock';
import { BedrockPtError } from '../errors';
import type { LivePt, ManagedPt, PendingCreate, PtAttributes, ResourceChange, UpdateOps } from '../model';
import { explainAwsError, isNotFound } from '../aws/errors';
import { toLivePt } from '../refresh/refresh';
import { otherOwner } from '../pt/adoption';
import { managedFromLive } from '../pt/records';
import { buy, tagList, type PurchaseContext } from '../purchase/buy';
import type { IntentLedger } from '../purchase/ledger';
import type { ApplyContext } from './context';
import { createToken } from './token';
import { DEFAULT_WAIT_POLICY, waitForInService, type WaitOutcome } from './wait';
import { timeoutSec } from '../duration';

export async function readPt(ctx: ApplyContext, arn: string): Promise<LivePt | undefined> {
  try {
    const out = await ctx.clients.bedrock.send(new GetProvisionedModelThroughputCommand({ provisionedModelId: arn }));
    const pt = toLivePt(out);
    if (out.failureMessage) pt.failureMessage = out.failureMessage;
    return pt;
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw explainAwsError(err, { stack: ctx.stack }, 'GetProvisionedModelThroughput', arn);
  }
}

/** Wait for InService; turn every other ending into an error naming the address. */
export async function awaitInService(ctx: ApplyContext, address: string, arn: string, maxWaitSec?: number, justChanged = false): Promise<LivePt> {
  const outcome: WaitOutcome = await waitForInService(ctx.clients.bedrock, arn, {
    policy: { ...ctx.waitPolicy, ...(maxWaitSec ? { maxWaitSec } : {}) },
    skipFirstPoll: justChanged,
    read: ctx.readStatus,
    signal: ctx.signal,
    onPoll: (pt) => pt && ctx.report({ kind: 'waiting', stack: ctx.stack, address, status: pt.status }),
  });
  const subject = { stack: ctx.stack, address };
  switch (outcome.kind) {
    case 'in-service':
      return outcome.pt;
    case 'failed':
      throw new BedrockPtError('apply', `${ctx.stack}/${address}: Provisioned Throughput ${arn} failed: ${outcome.message}`, subject);
    case 'gone':
      throw new BedrockPtError('apply', `${ctx.stack}/${address}: Provisioned Throughput ${arn} disappeared while waiting for it`, subject);
    case 'aborted':
      throw new BedrockPtError(
        'apply',
        `${ctx.stack}/${address}: stopped while waiting for ${arn} (last status ${outcome.last?.status ?? 'unknown'}); it is recorded in state and the next plan picks it up`,
        subject,
      );
    default:
      throw new BedrockPtError(
        'apply',
        `${ctx.stack}/${address}: timed out waiting for ${arn} to be InService (last status ${outcome.last?.status ?? 'unknown'}); it is recorded in state — run plan again later`,
        subject,
      );
  }
}

/** A PT that is Creating/Updating must settle before it is changed or deleted. */
async function settle(ctx: ApplyContext, address: string, arn: string): Promise<LivePt | undefined> {
  const pt = await ctx.limit(() => readPt(ctx, arn));
  if (pt && (pt.status === 'Creating' || pt.status === 'Updating')) return awaitInService(ctx, address, arn);
  return pt;
}

/** The record of `live` after `change`: own tags as configured, all tags as read (else as asked). */
export function recordAfter(ctx: ApplyContext, live: LivePt, after: PtAttributes, change: ResourceChange): ManagedPt {
  return managedFromLive(
    change.address,
    live,
    { tags: after.tags, tagsAll: live.tags ?? after.tags_all },
    { region: ctx.clients.region, timeouts: change.timeouts },
  );
}

/**
 * The intent this create runs under: the interrupted one the plan resumes (same token, same
 * start time), or a new one that the purchase protocol records in state before the first call.
 */
function intentFor(ctx: ApplyContext, change: ResourceChange, modelId: string): { intent: PendingCreate; resumed: boolean } {
  const after = change.after!;
  const address = change.address;
  const resumed = change.resumesCreate;
  if (resumed) {
    const kept = ctx.state.managed.pending[address];
    if (kept?.clientRequestToken !== resumed.clientRequestToken) {
      throw new BedrockPtError(
        'plan-file',
        `${ctx.stack}/${address}: the plan resumes the interrupted create with token ${resumed.clientRequestToken}, but the state no longer holds it; plan again`,
        { stack: ctx.stack, address },
      );
    }
    return { intent: kept, resumed: true };
  }
  const intent: PendingCreate = {
    address,
    name: after.provisioned_model_name,
    model: modelId,
    modelUnits: after.model_units,
    commitment: after.commitment_duration ?? undefined,
    tagsAll: after.tags_all,
    tags: after.tags,
    clientRequestToken: createToken(ctx.state.lineage, address, after, ctx.state.serial),
    startedAt: new Date().toISOString(),
    region: ctx.clients.region,
    ...(ctx.account ? { account: ctx.account } : {}),
    // The one case where the new PT may take an address another PT holds (state/deposition).
    ...(change.action === 'create-then-delete' && change.arn ? { replaces: change.arn } : {}),
  };
  return { intent, resumed: false };
}

/** The CLI keeps an intent in the stack's state as a pending create, written before the call is sent. */
function stateLedger(ctx: ApplyContext, change: ResourceChange): IntentLedger {
  const address = change.address;
  return {
    record: (intent) => ctx.state.update((m) => void (m.pending[address] = intent)),
    answered: async () => undefined,
    drop: () => ctx.state.update((m) => void delete m.pending[address]),
    bought: (_intent, live) =>
      ctx.state.update((m) => {
        delete m.pending[address];
        m.pts[address] = recordAfter(ctx, live, change.after!, change);
      }),
    ownerOf: (arn) => otherOwner(ctx.state.managed, arn, address),
    importHint: (arn) => `\`bedrock-pt import --stack ${ctx.stack} ${address} ${arn}\``,
  };
}

/** Create with the intent recorded first; returns the PT recorded in state once InService. */
export async function createPt(ctx: ApplyContext, change: ResourceChange): Promise<LivePt> {
  const address = change.address;
  const modelId = change.createModelId ?? change.after!.model_arn;
  const purchase: PurchaseContext = {
    clients: ctx.clients,
    subject: { stack: ctx.stack, address },
    label: `${ctx.stack}/${address}`,
    signal: ctx.signal,
    visibilityDelaySec: ctx.waitPolicy?.minDelaySec ?? DEFAULT_WAIT_POLICY.minDelaySec,
    onSend: () => ctx.report({ kind: 'call', stack: ctx.stack, address, operation: 'CreateProvisionedModelThroughput' }),
  };
  const arn = await ctx.limit(async () => {
    const { intent, resumed } = intentFor(ctx, change, modelId);
    return (await buy(purchase, intent, stateLedger(ctx, change), resumed)).arn;
  });
  // The PT was just read as Creating: the first poll waits one backoff step.
  return awaitInService(ctx, address, arn, timeoutSec(change.timeouts, 'create'), true);
}

export async function updatePt(ctx: ApplyContext, change: ResourceChange, arn: string, ops: UpdateOps): Promise<LivePt> {
  const address = change.address;
  const subject = { stack: ctx.stack, address };
  await settle(ctx, address, arn);
  await ctx.limit(() => sendUpdate(ctx, change, arn, ops));
  // Waiting one step first also keeps a rename from reading a shared List fetched before the call (the old name).
  const live =
    ops.modelId || ops.rename ? await awaitInService(ctx, address, arn, timeoutSec(change.timeouts, 'update'), true) : await ctx.limit(() => readPt(ctx, arn));
  if (!live) throw new BedrockPtError('apply', `${ctx.stack}/${address}: ${arn} disappeared during the update`, subject);
  const after = change.after!;
  const withTags = { ...live, tags: after.tags_all };
  await ctx.state.update((m) => {
    m.pts[address] = recordAfter(ctx, withTags, after, change);
  });
  return withTags;
}

async function sendUpdate(ctx: ApplyContext, change: ResourceChange, arn: string, ops: UpdateOps): Promise<void> {
  const address = change.address;
  const subject = { stack: ctx.stack, address };
  if (ops.rename || ops.modelId) {
    ctx.report({ kind: 'call', stack: ctx.stack, address, operation: 'UpdateProvisionedModelThroughput' });
    try {
      await ctx.clients.bedrock.send(
        new UpdateProvisionedModelThroughputCommand({
          provisionedModelId: arn,
          ...(ops.rename ? { desiredProvisionedModelName: ops.rename } : {}),
          ...(ops.modelId ? { desiredModelId: ops.modelId } : {}),
        }),
      );
    } catch (err) {
      throw explainAwsError(err, subject, 'UpdateProvisionedModelThroughput', arn);
    }
  }
  if (Object.keys(ops.tagsToSet).length > 0) {
    ctx.report({ kind: 'call', stack: ctx.stack, address, operation: 'TagResource' });
    try {
      await ctx.clients.bedrock.send(new TagResourceCommand({ resourceARN: arn, tags: tagList(ops.tagsToSet) }));
    } catch (err) {
      throw explainAwsError(err, subject, 'TagResource', arn);
    }
  }
  if (ops.tagKeysToRemove.length > 0) {
    ctx.report({ kind: 'call', stack: ctx.stack, address, operation: 'UntagResource' });
    try {
      await ctx.clients.bedrock.send(new UntagResourceCommand({ resourceARN: arn, tagKeys: [...ops.tagKeysToRemove].sort() }));
    } catch (err) {
      throw explainAwsError(err, subject, 'UntagResource', arn);
    }
  }
}

/** Delete and forget (as current or deposed object, in the same write). ResourceNotFound means it is already gone, which is the goal. */
export async function deletePt(ctx: ApplyContext, address: string, arn: string): Promise<void> {
  const subject = { stack: ctx.stack, address };
  await settle(ctx, address, arn);
  await ctx.limit(async () => {
    ctx.report({ kind: 'call', stack: ctx.stack, address, operation: 'DeleteProvisionedModelThroughput' });
    try {
      await ctx.clients.bedrock.send(new DeleteProvisionedModelThroughputCommand({ provisionedModelId: arn }));
    } catch (err) {
      if (!isNotFound(err)) throw explainAwsError(err, subject, 'DeleteProvisionedModelThroughput', arn);
    }
    await ctx.state.update((m) => {
      if (m.pts[address]?.arn === arn) delete m.pts[address];
      if (m.deposed?.[arn]) delete m.deposed[arn];
    });
  });
}
