/**
 * The one purchase protocol, for both doors: intent → token → send → is this answer ours →
 * record. The door injects where the intent lives and who else may own a PT (an IntentLedger);
 * the rules that decide whether a live PT may be taken for a create's result are in
 * plan/adoption.ts and nowhere else.
 *
 * Only a refusal (a 4xx, or credentials that never let the call be sent) ends an intent before
 * its PT is known. Any other failure leaves the outcome unknown: the intent and its token stay,
 * the same token is sent again (Bedrock answers a repeated token with the first request's PT and
 * buys nothing more), and a PT of the intent's name is looked for between sends.
 */
import { CreateProvisionedModelThroughputCommand } from '@aws-sdk/client-bedrock';
import { setTimeout as sleep } from 'node:timers/promises';
import { BedrockPtError, type ErrorSubject } from '../errors';
import type { LivePt, PendingCreate, Tags } from '../model';
import type { StackClients } from '../aws/clients';
import { explainAwsError, isRefusal } from '../aws/errors';
import { listAllPts, readTags } from '../refresh/refresh';
import { getPt } from '../apply/wait';
import { adoptionRefusal, answerRefusal } from '../pt/adoption';
import type { IntentLedger } from './ledger';

/** Sends of one token whose outcome stayed unknown (each already retried by the SDK). */
const SEND_ROUNDS = 5;

export interface PurchaseContext {
  clients: StackClients;
  /** Where errors point. */
  subject: ErrorSubject;
  /** How messages name this create, e.g. `dev/aws_…support_chat` or `"support-chat"`. */
  label: string;
  signal: AbortSignal;
  /** Seconds before a PT just answered is read again when the first read does not find it yet. */
  visibilityDelaySec: number;
  /** Told before each Create is sent (progress, the calls-in-flight list). */
  onSend?: () => void;
}

/**
 * The Create was answered with `arn`, but the PT could not be read to check it is this intent's
 * purchase. The intent is kept (with the ARN); a door that knows its token was never used before
 * may hand the ARN on, since a fresh token can only be answered with its own purchase.
 */
export class UnverifiedPurchase extends BedrockPtError {
  constructor(
    readonly arn: string,
    message: string,
    subject: ErrorSubject,
    cause: unknown,
  ) {
    super('apply', message, subject, { cause });
  }
}

/**
 * Buys the intent's PT, or finds the one an earlier send of its token bought, and returns it as
 * Bedrock reports it, after the ledger recorded it. `resumed`: the intent is already recorded
 * (an interrupted create sent again with its token).
 */
export async function buy(ctx: PurchaseContext, intent: PendingCreate, ledger: IntentLedger, resumed: boolean): Promise<LivePt> {
  if (!resumed) await ledger.record(intent);
  const sent = await send(ctx, intent, ledger);
  if (typeof sent !== 'string') {
    await ledger.bought(intent, sent);
    return sent;
  }
  await ledger.answered(intent, sent);
  const pt = await readAnswer(ctx, intent, sent);
  const refusal = answerRefusal(pt, intent, (arn) => ledger.ownerOf(arn, intent));
  if (refusal) {
    // Bedrock ignores any request with this token from now on, so the intent can buy nothing more.
    await ledger.drop(intent);
    throw new BedrockPtError(
      'apply',
      `${ctx.label}: CreateProvisionedModelThroughput answered token ${intent.clientRequestToken} with ${sent}, but ${refusal}. ` +
        "That is an earlier request's answer, not a purchase for this create: nothing is recorded, and the spent token is dropped so the next plan creates anew. " +
        `If ${sent} is the PT you want, adopt it with ${ledger.importHint(sent, intent)}.`,
      ctx.subject,
    );
  }
  await ledger.bought(intent, pt!);
  return pt!;
}

/** Tags as the API takes them, in key order. */
export function tagList(tags: Tags) {
  return Object.keys(tags)
    .sort()
    .map((key) => ({ key, value: tags[key] }));
}

/** The ARN the service answered with, or a PT of the intent's name that is certainly its result. */
async function send(ctx: PurchaseContext, intent: PendingCreate, ledger: IntentLedger): Promise<string | LivePt> {
  let lastError: unknown;
  for (let round = 1; round <= SEND_ROUNDS; round++) {
    ctx.onSend?.();
    try {
      // Not aborted by a stop: a create in flight must get its answer, or the PT it bought is not recorded.
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
        await ledger.drop(intent);
        throw explainAwsError(err, ctx.subject, 'CreateProvisionedModelThroughput', intent.name, {
          modelId: intent.model,
          committed: intent.commitment !== undefined,
        });
      }
      lastError = err;
      // The outcome is unknown: the PT may exist. Look before sending again (with the same token).
      const found = await findAdoptable(ctx, intent, ledger).catch(() => undefined);
      if (found) return found;
      if (ctx.signal.aborted) break;
    }
  }
  throw new BedrockPtError(
    'apply',
    `${ctx.label}: CreateProvisionedModelThroughput did not get an answer (${(lastError as Error)?.name ?? 'unknown error'}); ` +
      'the intent and its idempotency token are kept, so the next plan or apply finds the PT if it was created and never buys a second one',
    ctx.subject,
    { cause: lastError },
  );
}

/** A PT of the intent's name that is certainly its result (see plan/adoption), with its tags read. */
async function findAdoptable(ctx: PurchaseContext, intent: PendingCreate, ledger: IntentLedger): Promise<LivePt | undefined> {
  const stack = ctx.subject.stack ?? '';
  const all = await listAllPts(ctx.clients, stack);
  const found = Object.values(all).find((p) => p.name === intent.name);
  if (!found) return undefined;
  const withTags = { ...found, tags: await readTags(ctx.clients, stack, found.arn) };
  return adoptionRefusal(withTags, intent, (arn) => ledger.ownerOf(arn, intent)) ? undefined : withTags;
}

/** The answered PT, read to check it; a PT just bought may take a moment to be readable. */
async function readAnswer(ctx: PurchaseContext, intent: PendingCreate, arn: string): Promise<LivePt | undefined> {
  try {
    const pt = await getPt(ctx.clients.bedrock, arn);
    if (pt) return pt;
    await sleep(ctx.visibilityDelaySec * 1000);
    return await getPt(ctx.clients.bedrock, arn);
  } catch (err) {
    throw new UnverifiedPurchase(
      arn,
      `${ctx.label}: CreateProvisionedModelThroughput answered ${arn}, which could not be read to check it (${(err as Error).message}); ` +
        'the intent and its token are kept, and the next plan records the PT once it can be checked',
      ctx.subject,
      err,
    );
  }
}
