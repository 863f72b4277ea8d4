/**
 * The API steps of an apply, each followed at once by the state write that makes the state
 * true again. Ordering inside a step is what keeps money safe: a create's intent (with its
 * idempotency token) is in the state before the call is sent, and a PT leaves the state only
 * after the service confirmed it is gone.
 */
import {
  CreateProvisionedModelThroughputCommand,
  DeleteProvisionedModelThroughputCommand,
  GetProvisionedModelThroughputCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateProvisionedModelThroughputCommand,
} from '@aws-sdk/client-bedrock';
import { setTimeout as sleep } from 'node:timers/promises';
import { BedrockPtError } from '../errors';
import type { LivePt, ManagedPt, PendingCreate, PtAttributes, ResourceChange, Tags, UpdateOps } from '../model';
import { explainAwsError, isNotFound, isRefusal } from '../aws/errors';
import { listAllPts, readTags, toLivePt } from '../refresh/refresh';
import { adoptionRefusal, answerRefusal } from '../plan/adoption';
import type { ApplyContext } from './context';
import { createToken } from './token';
import { DEFAULT_WAIT_POLICY, parseDuration, waitForInService, type WaitOutcome } from './wait';

/** Attempts of our own around a create whose outcome is unknown (each already retried by the SDK). */
const CREATE_ROUNDS = 5;

function tagList(tags: Tags) {
  return Object.keys(tags)
    .sort()
    .map((key) => ({ key, value: tags[key] }));
}

function timeoutSec(change: ResourceChange, kind: 'create' | 'update' | 'delete'): number | undefined {
  const text = change.timeouts?.[kind];
  return text ? parseDuration(text) : undefined;
}

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

/** A PT of the intent's name that is certainly its result (see plan/adoption), with its tags read. */
async function findAdoptable(ctx: ApplyContext, intent: PendingCreate): Promise<LivePt | undefined> {
  const all = await listAllPts(ctx.clients, ctx.stack);
  const found = Object.values(all).find((p) => p.name === intent.name);
  if (!found) return undefined;
  const withTags = { ...found, tags: await readTags(ctx.clients, ctx.stack, found.arn) };
  return adoptionRefusal(withTags, intent, ctx.state.managed) ? undefined : withTags;
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
      throw new BedrockPtError('apply', `${ctx.stack}/${address}: stopped while waiting for ${arn} (last status ${outcome.last?.status ?? 'unknown'}); it is recorded in state and the next plan picks it up`, subject);
    default:
      throw new BedrockPtError('apply', `${ctx.stack}/${address}: timed out waiting for ${arn} to be InService (last status ${outcome.last?.status ?? 'unknown'}); it is recorded in state — run plan again later`, subject);
  }
}

/** A PT that is Creating/Updating must settle before it is changed or deleted. */
async function settle(ctx: ApplyContext, address: string, arn: string): Promise<LivePt | undefined> {
  const pt = await ctx.limit(() => readPt(ctx, arn));
  if (pt && (pt.status === 'Creating' || pt.status === 'Updating')) return awaitInService(ctx, address, arn);
  return pt;
}

export function managedFrom(address: string, live: LivePt, after: PtAttributes, region: string, change: ResourceChange): ManagedPt {
  return {
    address,
    arn: live.arn,
    name: live.name,
    modelArn: live.desiredModelArn || live.modelArn,
    modelUnits: live.modelUnits,
    commitment: live.commitment,
    tags: { ...after.tags },
    tagsAll: live.tags ? { ...live.tags } : { ...after.tags_all },
    region,
    timeouts: change.timeouts,
  };
}

/**
 * The intent this create runs under: the interrupted one the plan resumes (same token, same
 * start time), or a new one recorded in state before the first call is sent.
 */
async function recordIntent(ctx: ApplyContext, change: ResourceChange, modelId: string): Promise<PendingCreate> {
  const after = change.after!;
  const address = change.address;
  const resumed = change.resumesCreate;
  if (resumed) {
    const kept = ctx.state.managed.pending[address];
    if (kept?.clientRequestToken !== resumed.clientRequestToken) {
      throw new BedrockPtError('plan-file', `${ctx.stack}/${address}: the plan resumes the interrupted create with token ${resumed.clientRequestToken}, but the state no longer holds it; plan again`, { stack: ctx.stack, address });
    }
    return kept;
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
  await ctx.state.update((m) => {
    m.pending[address] = intent;
  });
  return intent;
}

/** Create with the intent recorded first; returns the PT recorded in state once InService. */
export async function createPt(ctx: ApplyContext, change: ResourceChange): Promise<LivePt> {
  const after = change.after!;
  const address = change.address;
  const modelId = change.createModelId ?? after.model_arn;
  const arn = await ctx.limit(async () => {
    const intent = await recordIntent(ctx, change, modelId);
    const answered = await sendCreate(ctx, change, intent);
    const live = await verifyAnswer(ctx, intent, answered);
    const region = ctx.clients.region;
    await ctx.state.update((m) => {
      delete m.pending[address];
      m.pts[address] = managedFrom(address, live, after, region, change);
    });
    return answered;
  });
  // The PT was just read as Creating: the first poll waits one backoff step.
  return awaitInService(ctx, address, arn, timeoutSec(change, 'create'), true);
}

/**
 * The service answers a repeated token with the first request's PT, whatever this request asked
 * for and even if that PT is gone: only a PT that exists and is what the intent asked for is
 * recorded as its purchase.
 */
async function verifyAnswer(ctx: ApplyContext, intent: PendingCreate, arn: string): Promise<LivePt> {
  const subject = { stack: ctx.stack, address: intent.address };
  let pt: LivePt | undefined;
  try {
    pt = await readPt(ctx, arn);
    if (!pt) {
      // A PT just bought may take a moment to be readable: look once more before calling it gone.
      await sleep((ctx.waitPolicy?.minDelaySec ?? DEFAULT_WAIT_POLICY.minDelaySec) * 1000);
      pt = await readPt(ctx, arn);
    }
  } catch (err) {
    throw new BedrockPtError(
      'apply',
      `${ctx.stack}/${intent.address}: CreateProvisionedModelThroughput answered ${arn}, which could not be read to check it (${(err as Error).message}); the intent and its token are kept in state, and the next plan records the PT once it can be checked`,
      subject,
      { cause: err },
    );
  }
  const refusal = answerRefusal(pt, intent, ctx.state.managed);
  if (!refusal) return pt!;
  // Bedrock ignores any request with this token from now on, so the intent can buy nothing more.
  await ctx.state.update((m) => delete m.pending[intent.address]);
  throw new BedrockPtError(
    'apply',
    `${ctx.stack}/${intent.address}: CreateProvisionedModelThroughput answered token ${intent.clientRequestToken} with ${arn}, but ${refusal}. ` +
      'That is an earlier request\'s answer, not a purchase for this create: nothing is recorded, and the spent token is dropped so the next plan creates anew. ' +
      `If ${arn} is the PT you want, adopt it with \`bedrock-pt import --stack ${ctx.stack} ${intent.address} ${arn}\`.`,
    subject,
  );
}

async function sendCreate(ctx: ApplyContext, change: ResourceChange, intent: PendingCreate): Promise<string> {
  const after = change.after!;
  const subject = { stack: ctx.stack, address: change.address };
  let lastError: unknown;
  for (let round = 1; round <= CREATE_ROUNDS; round++) {
    ctx.report({ kind: 'call', stack: ctx.stack, address: change.address, operation: 'CreateProvisionedModelThroughput' });
    try {
      const out = await ctx.clients.bedrock.send(
        new CreateProvisionedModelThroughputCommand({
          clientRequestToken: intent.clientRequestToken,
          provisionedModelName: intent.name,
          modelId: intent.model,
          modelUnits: intent.modelUnits,
          ...(intent.commitment ? { commitmentDuration: intent.commitment } : {}),
          tags: tagList(intent.tagsAll),
        }),
      );
      if (!out.provisionedModelArn) throw new Error('CreateProvisionedModelThroughput returned no ARN');
      return out.provisionedModelArn;
    } catch (err) {
      if (isRefusal(err)) {
        // The service refused the request: nothing was bought, so the intent can go.
        await ctx.state.update((m) => delete m.pending[change.address]);
        throw explainAwsError(err, subject, 'CreateProvisionedModelThroughput');
      }
      lastError = err;
      // The outcome is unknown: the PT may exist. Look before sending again (with the same token).
      const found = await findAdoptable(ctx, intent).catch(() => undefined);
      if (found) return found.arn;
      if (ctx.signal.aborted) break;
    }
  }
  throw new BedrockPtError(
    'apply',
    `${ctx.stack}/${change.address}: CreateProvisionedModelThroughput did not get an answer (${(lastError as Error)?.name ?? 'unknown error'}); the intent and its idempotency token are kept in state, so the next plan or apply finds the PT if it was created and never buys a second one`,
    subject,
    { cause: lastError },
  );
}

export async function updatePt(ctx: ApplyContext, change: ResourceChange, arn: string, ops: UpdateOps): Promise<LivePt> {
  const address = change.address;
  const subject = { stack: ctx.stack, address };
  await settle(ctx, address, arn);
  await ctx.limit(() => sendUpdate(ctx, change, arn, ops));
  // Waiting one step first also keeps a rename from reading a shared List fetched before the call (the old name).
  const live = ops.modelId || ops.rename
    ? await awaitInService(ctx, address, arn, timeoutSec(change, 'update'), true)
    : await ctx.limit(() => readPt(ctx, arn));
  if (!live) throw new BedrockPtError('apply', `${ctx.stack}/${address}: ${arn} disappeared during the update`, subject);
  const after = change.after!;
  const withTags = { ...live, tags: after.tags_all };
  await ctx.state.update((m) => {
    m.pts[address] = managedFrom(address, withTags, after, ctx.clients.region, change);
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
