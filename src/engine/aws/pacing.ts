/**
 * Client-side pacing per (client, operation): a token bucket in front of every attempt the SDK
 * sends, so a burst of one operation (50 creates) waits for its own rate and never throttles, and
 * never slows, the others. Without it the service answers 429 and the SDK's adaptive retry slows
 * the whole client — every operation — for a throttle on one.
 *
 * Rates are the service's per-operation request quotas. AWS does not publish Bedrock's control-
 * plane request rates per operation in the documents this project checked, so the defaults are
 * conservative guesses (reads 10/s, changes 5/s); set the account's real quotas with
 * `BEDROCK_PT_API_RATES` ("CreateProvisionedModelThroughput=2,ListTagsForResource=20,*=10") or
 * `ClientOptions.rates`. The SDK's retry stays behind the pacer for what pacing cannot prevent
 * (other callers on the same account, a lower quota than configured).
 */
import type { BedrockClient } from '@aws-sdk/client-bedrock';
import type { AnyClient } from './reach';
import { BedrockPtError } from '../errors';

/** Requests per second per operation name (the SDK command name without "Command"); '*' for the rest. */
export type OperationRates = Record<string, number>;

export const DEFAULT_OPERATION_RATES: OperationRates = {
  '*': 10,
  CreateProvisionedModelThroughput: 5,
  UpdateProvisionedModelThroughput: 5,
  DeleteProvisionedModelThroughput: 5,
  TagResource: 5,
  UntagResource: 5,
};

export const RATES_ENV = 'BEDROCK_PT_API_RATES';

/** "Op=rate,Op=rate" over the defaults; a malformed entry is an error, not a silent default. */
export function parseRates(text: string, base: OperationRates = DEFAULT_OPERATION_RATES): OperationRates {
  const rates: OperationRates = { ...base };
  for (const entry of text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [op, value] = entry.split('=').map((s) => s.trim());
    const rate = Number(value);
    if (!op || !(rate > 0)) {
      throw new BedrockPtError('usage', `${RATES_ENV}: "${entry}" is not OPERATION=requests-per-second with a rate above 0; fix or unset ${RATES_ENV}`, {
        field: RATES_ENV,
      });
    }
    rates[op] = rate;
  }
  return rates;
}

export function ratesFromEnv(env: NodeJS.ProcessEnv = process.env): OperationRates {
  const text = env[RATES_ENV];
  return text ? parseRates(text) : { ...DEFAULT_OPERATION_RATES };
}

export function rateFor(rates: OperationRates, operation: string): number {
  return rates[operation] ?? rates['*'] ?? DEFAULT_OPERATION_RATES['*'];
}

/**
 * A token bucket that hands out reservations in arrival order: a caller that finds no token
 * takes one on credit and sleeps until the refill has paid for it. Capacity is one second's worth
 * less one request, so sends that arrive bunched (event-loop or network jitter) still fit the
 * service's own bucket of one second's worth.
 */
export class TokenBucket {
  private tokens: number;
  private updated: number;
  readonly capacity: number;

  constructor(
    readonly ratePerSecond: number,
    private readonly clock: () => number = Date.now,
  ) {
    this.capacity = Math.max(1, Math.floor(ratePerSecond) - 1);
    this.tokens = this.capacity;
    this.updated = clock();
  }

  /** Milliseconds the caller must wait before sending; the token is taken now. */
  reserve(): number {
    const now = this.clock();
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.updated) / 1000) * this.ratePerSecond);
    this.updated = now;
    this.tokens -= 1;
    return this.tokens >= 0 ? 0 : (-this.tokens / this.ratePerSecond) * 1000;
  }
}

/** One bucket per operation for one client. */
export class OperationPacer {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(private readonly rates: OperationRates) {}

  async acquire(operation: string): Promise<void> {
    let bucket = this.buckets.get(operation);
    if (!bucket) {
      bucket = new TokenBucket(rateFor(this.rates, operation));
      this.buckets.set(operation, bucket);
    }
    const wait = bucket.reserve();
    if (wait > 0) await new Promise<void>((resolve) => setTimeout(resolve, wait));
  }
}

const operationOf = (commandName: string | undefined): string => (commandName ?? 'Unknown').replace(/Command$/, '');

/**
 * Puts a pacer in the client's middleware stack between the retry and the signing middleware:
 * inside retry, so each retried attempt waits for a token too; before signing, so a request
 * that waited is signed when it leaves, not up to its wait earlier.
 */
export function paceClient(client: AnyClient, rates: OperationRates): void {
  const pacer = new OperationPacer(rates);
  const pace: Parameters<BedrockClient['middlewareStack']['add']>[0] = (next, context) => async (args) => {
    await pacer.acquire(operationOf(context.commandName));
    return next(args);
  };
  (client as BedrockClient).middlewareStack.addRelativeTo(pace, { name: PACER, relation: 'before', toMiddleware: 'httpSigningMiddleware' });
}

export const PACER = 'bedrockPtOperationPacer';
