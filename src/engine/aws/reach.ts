/**
 * What a failed call needs to explain itself: which endpoint it went to and why that one, which
 * profile its credentials came from, how many attempts it took and for how long. A middleware on
 * each client records this on the error, so explainAwsError can say it wherever the call was made.
 *
 * It also stops the SDK from spending ten attempts (about 20 s of backoff) on an endpoint that
 * never answers: a call that cannot connect, or gets no answer within the request timeout, is
 * tried NO_ANSWER_ATTEMPTS times. A dropped connection or a 5xx keeps the full retry budget.
 */
import type { BedrockClient } from '@aws-sdk/client-bedrock';
import type { ServiceQuotasClient } from '@aws-sdk/client-service-quotas';
import type { STSClient } from '@aws-sdk/client-sts';
import type { ProviderConfig } from '../model';
import { knownProfiles } from './profiles';

/** Named as in the provider's `endpoints` block. */
export type Service = 'bedrock' | 'sts' | 'servicequotas';

type ServiceEnv = 'AWS_ENDPOINT_URL_BEDROCK' | 'AWS_ENDPOINT_URL_STS' | 'AWS_ENDPOINT_URL_SERVICE_QUOTAS';

export interface EndpointOrigin {
  url: string;
  /** Where the URL came from, as a person would look for it. */
  from: 'provider' | ServiceEnv | 'AWS_ENDPOINT_URL' | 'default';
}

/** Whom a message speaks to: a cdktf user of the standalone CLI, or a user of the Terraform provider. */
export type Door = 'cli' | 'terraform';

export interface CallContext {
  service: Service;
  endpoint: EndpointOrigin;
  door: Door;
  /** The provider block's `profile`, when it names one. */
  profile?: string;
  /** When credentials for `profile` could not be loaded: the profiles the shared files do define. */
  knownProfiles?: string[];
  attempts?: number;
  elapsedMs: number;
}

const SERVICE_ENV: Record<Service, ServiceEnv> = {
  bedrock: 'AWS_ENDPOINT_URL_BEDROCK',
  sts: 'AWS_ENDPOINT_URL_STS',
  servicequotas: 'AWS_ENDPOINT_URL_SERVICE_QUOTAS',
};

const CONFIGURED: Record<Service, (provider: ProviderConfig) => string | undefined> = {
  bedrock: (p) => p.bedrockEndpoint,
  sts: (p) => p.stsEndpoint,
  servicequotas: (p) => p.serviceQuotasEndpoint,
};

/** The endpoint the SDK will use, in its own order: the client's `endpoint`, the service's env variable, AWS_ENDPOINT_URL, the regional default. */
export function endpointOrigin(provider: ProviderConfig, service: Service, env: NodeJS.ProcessEnv = process.env): EndpointOrigin {
  const configured = CONFIGURED[service](provider);
  if (configured) return { url: configured, from: 'provider' };
  const own = env[SERVICE_ENV[service]];
  if (own) return { url: own, from: SERVICE_ENV[service] };
  if (env.AWS_ENDPOINT_URL) return { url: env.AWS_ENDPOINT_URL, from: 'AWS_ENDPOINT_URL' };
  return { url: `https://${service}.${provider.region}.amazonaws.com`, from: 'default' };
}

const CONTEXT = Symbol.for('bedrock-pt.callContext');

export function callContextOf(err: unknown): CallContext | undefined {
  return err !== null && typeof err === 'object' ? (err as { [CONTEXT]?: CallContext })[CONTEXT] : undefined;
}

const NOT_CONNECTED_CODES = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH'];

/**
 * True when the endpoint never answered: refused, unresolvable, unreachable, or silent past the
 * connection or request timeout. NodeHttpHandler names both timeouts TimeoutError; the request
 * one carries ETIMEDOUT, the connection one only its message.
 */
export function isNoAnswer(err: unknown): boolean {
  const e = err as { name?: string; code?: string; message?: string; $metadata?: { httpStatusCode?: number } } | undefined;
  if (!e || typeof e !== 'object' || e.$metadata?.httpStatusCode !== undefined) return false;
  if (NOT_CONNECTED_CODES.includes(e.code ?? '')) return true;
  return e.name === 'TimeoutError' && (e.code === 'ETIMEDOUT' || /did not establish a connection/.test(e.message ?? ''));
}

export const NO_ANSWER_ATTEMPTS = 3;

export type AnyClient = BedrockClient | STSClient | ServiceQuotasClient;

/** Records the call's context on every error it ends with (after the SDK's retries). */
export function recordCallContext(client: AnyClient, describe: Omit<CallContext, 'attempts' | 'elapsedMs'>): void {
  const record = (next: (args: object) => Promise<object>) => async (args: object) => {
    const started = Date.now();
    try {
      return await next(args);
    } catch (err) {
      if (err !== null && typeof err === 'object' && !callContextOf(err)) {
        const attempts = (err as { $metadata?: { attempts?: number } }).$metadata?.attempts;
        const elapsedMs = Date.now() - started;
        const missingProfile = describe.profile && (err as Error).name === 'CredentialsProviderError';
        const known = missingProfile ? await knownProfiles().catch(() => undefined) : undefined;
        Object.defineProperty(err, CONTEXT, { value: { ...describe, attempts, elapsedMs, ...(known ? { knownProfiles: known } : {}) }, enumerable: false });
      }
      throw err;
    }
  };
  (client as BedrockClient).middlewareStack.add(record as never, { step: 'initialize', name: 'bedrockPtCallContext', priority: 'high' });
}

interface RetryToken {
  getRetryCount(): number;
}
interface RetryStrategyV2 {
  mode?: string;
  acquireInitialRetryToken(scope: string): Promise<RetryToken>;
  refreshRetryTokenForRetry(token: RetryToken, errorInfo: { error?: unknown }): Promise<RetryToken>;
  recordSuccess(token: RetryToken): void;
}

/**
 * Wraps the client's own retry strategy (standard or adaptive, as configured) so that a call whose
 * endpoint never answers gives up after NO_ANSWER_ATTEMPTS. The SDK builds that strategy lazily
 * from the resolved config and reads it through `config.retryStrategy()` on every call, which is
 * the one place to put a wrapper without re-creating the SDK's strategy here.
 */
export function capNoAnswerRetries(client: AnyClient): void {
  const config = client.config as unknown as { retryStrategy: () => Promise<RetryStrategyV2> };
  const inner = config.retryStrategy;
  let wrapped: Promise<RetryStrategyV2> | undefined;
  config.retryStrategy = () => (wrapped ??= inner().then(capped));
}

function capped(strategy: RetryStrategyV2): RetryStrategyV2 {
  if (typeof strategy.refreshRetryTokenForRetry !== 'function') return strategy;
  return {
    mode: strategy.mode,
    acquireInitialRetryToken: (scope) => strategy.acquireInitialRetryToken(scope),
    refreshRetryTokenForRetry: (token, errorInfo) => {
      // Rejecting here is how a strategy says "no more attempts": the SDK then throws the call's last error.
      if (isNoAnswer(errorInfo.error) && token.getRetryCount() + 1 >= NO_ANSWER_ATTEMPTS) return Promise.reject(new Error('no answer from the endpoint'));
      return strategy.refreshRetryTokenForRetry(token, errorInfo);
    },
    recordSuccess: (token) => strategy.recordSuccess(token),
  };
}
