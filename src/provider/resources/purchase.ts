/**
 * Buying a PT from Terraform, where no pending-create record can be written before the call:
 * Terraform owns the state and saves it only after apply returns. The idempotency token is
 * therefore derived from what is being bought (account, region, name, model, units, commitment),
 * so an apply run again after Terraform was killed mid-create sends the same token and Bedrock
 * answers with the PT it already sold instead of selling another.
 *
 * A token is remembered by Bedrock after its PT is deleted, so buying the same PT again later gets
 * that dead ARN back: that answer is not a purchase. The create then moves to the next token of a
 * fixed sequence (generation 1, 2, …); a re-run walks the same sequence, so it still finds what an
 * interrupted run bought. Two purchases are impossible either way: every token of the sequence
 * carries the same name, and Bedrock sells one PT per name per account and region.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { CreateProvisionedModelThroughputCommand } from '@aws-sdk/client-bedrock';
import { canonicalJson, sha256Hex } from '../../engine/canonical';
import { BedrockPtError } from '../../engine/errors';
import type { LivePt, PtAttributes } from '../../engine/model';
import { awsErrorName, explainAwsError, isRefusal } from '../../engine/aws/errors';
import { getPt } from '../../engine/apply/wait';
import type { ProviderSession } from './session';

/** Tokens tried before giving up: each earlier one answered with a PT that no longer exists. */
export const TOKEN_GENERATIONS = 5;
/** Sends of one token whose outcome stayed unknown (each already retried by the SDK). */
const SEND_ROUNDS = 4;
/** Gets that must all miss before an answered ARN counts as gone (a new PT may take a moment to be readable). */
const VISIBILITY_CHECKS = 3;
/** What sendCreate answers when Bedrock refused a used token and no PT holds the name any more. */
const TOKEN_OF_GONE_PT = 'a PT no longer listed';

export interface PurchaseRequest {
  name: string;
  /** Canonical model ARN (the planner's createModelId), so an ID and its ARN give one token. */
  modelId: string;
  modelUnits: number;
  commitment?: string;
  tagsAll: Record<string, string>;
}

export function purchaseRequest(after: PtAttributes, modelId: string): PurchaseRequest {
  return {
    name: after.provisioned_model_name,
    modelId,
    modelUnits: after.model_units,
    ...(after.commitment_duration ? { commitment: after.commitment_duration } : {}),
    tagsAll: after.tags_all,
  };
}

/** Tags are left out: they do not change what is bought, and apply sets them on the PT it gets. */
export function purchaseToken(account: string, region: string, request: PurchaseRequest, generation: number): string {
  const bought = { name: request.name, model: request.modelId, units: request.modelUnits, commitment: request.commitment ?? null };
  return `bpt-${sha256Hex(canonicalJson({ account, region, bought, generation })).slice(0, 48)}`;
}

function matches(pt: LivePt, request: PurchaseRequest): boolean {
  return (
    pt.name === request.name &&
    pt.modelUnits === request.modelUnits &&
    (pt.commitment ?? null) === (request.commitment ?? null) &&
    (pt.modelArn === request.modelId || pt.desiredModelArn === request.modelId)
  );
}

export interface PurchaseContext {
  session: ProviderSession;
  signal: AbortSignal;
  /** Seconds between visibility checks. */
  retryDelaySec: number;
}

/** Buys (or finds what an earlier run bought) and returns the PT as Bedrock reports it. */
export async function purchase(ctx: PurchaseContext, request: PurchaseRequest): Promise<LivePt> {
  const { session } = ctx;
  const dead: string[] = [];
  for (let generation = 0; generation < TOKEN_GENERATIONS; generation++) {
    if (ctx.signal.aborted) throw new BedrockPtError('apply', `Stopped before buying "${request.name}": Terraform sent StopProvider. Nothing was bought by this attempt.`);
    const token = purchaseToken(session.account, session.region, request, generation);
    const arn = await sendCreate(ctx, request, token);
    session.list.invalidate();
    const pt = arn === TOKEN_OF_GONE_PT ? undefined : await readWhenVisible(ctx, arn);
    if (!pt) {
      dead.push(arn);
      continue;
    }
    if (!matches(pt, request)) {
      throw new BedrockPtError(
        'apply',
        `Not a purchase: the idempotency token for "${request.name}" was answered with ${arn}, which is now "${pt.name}" ` +
          `(${pt.modelUnits} model units of ${pt.modelArn}, ${pt.commitment ?? 'no commitment'}), not what this create asks for. ` +
          'Nothing was recorded. If that PT is this resource\'s, adopt it with `terraform import`; otherwise change the name.',
        { field: 'provisioned_model_name' },
      );
    }
    return pt;
  }
  throw new BedrockPtError(
    'apply',
    `Not a purchase: every idempotency token for "${request.name}" was answered with a Provisioned Throughput that no longer exists (${dead.join(', ')}). Nothing was bought or recorded.`,
    { field: 'provisioned_model_name' },
  );
}

async function sendCreate(ctx: PurchaseContext, request: PurchaseRequest, token: string): Promise<string> {
  let lastError: unknown;
  for (let round = 1; round <= SEND_ROUNDS; round++) {
    try {
      const out = await ctx.session.clients.bedrock.send(
        new CreateProvisionedModelThroughputCommand({
          clientRequestToken: token,
          provisionedModelName: request.name,
          modelId: request.modelId,
          modelUnits: request.modelUnits,
          ...(request.commitment ? { commitmentDuration: request.commitment as 'OneMonth' | 'SixMonths' } : {}),
          tags: Object.keys(request.tagsAll).sort().map((key) => ({ key, value: request.tagsAll[key] })),
        }),
        // Not aborted by StopProvider: a create in flight must get its answer, or the PT it bought is not recorded.
      );
      if (!out.provisionedModelArn) throw new Error('CreateProvisionedModelThroughput returned no ARN');
      return out.provisionedModelArn;
    } catch (err) {
      // Bedrock may refuse a known token sent with other tags instead of answering with its PT: find that PT by name.
      if (isTokenReuse(err)) return (await soldUnderName(ctx, request.name)) ?? TOKEN_OF_GONE_PT;
      // Anything but a refusal leaves the outcome unknown (the engine's rule); the same token makes sending it again safe.
      if (isRefusal(err)) throw explainAwsError(err, { field: 'provisioned_model_name' }, 'CreateProvisionedModelThroughput', request.name);
      lastError = err;
      if (ctx.signal.aborted) break;
    }
  }
  throw new BedrockPtError(
    'apply',
    `CreateProvisionedModelThroughput for "${request.name}" got no answer (${(lastError as Error)?.name ?? 'unknown error'}). ` +
      'Run apply again: it sends the same idempotency token, so a PT bought by this attempt is found, not bought twice.',
    { field: 'provisioned_model_name' },
    { cause: lastError },
  );
}

function isTokenReuse(err: unknown): boolean {
  return awsErrorName(err) === 'ValidationException' && /clientRequestToken|idempot/i.test((err as Error)?.message ?? '');
}

async function soldUnderName(ctx: PurchaseContext, name: string): Promise<string | undefined> {
  ctx.session.list.invalidate();
  const pts = await ctx.session.list.get();
  return Object.values(pts).find((pt) => pt.name === name)?.arn;
}

async function readWhenVisible(ctx: PurchaseContext, arn: string): Promise<LivePt | undefined> {
  for (let check = 1; check <= VISIBILITY_CHECKS; check++) {
    const pt = await getPt(ctx.session.clients.bedrock, arn);
    if (pt) return pt;
    if (check < VISIBILITY_CHECKS) await sleep(ctx.retryDelaySec * 1000 * check);
  }
  return undefined;
}
