/**
 * One Bedrock, one STS and one Service Quotas client per distinct (region, credentials, endpoint)
 * of a stack's provider block. Credentials come from the standard AWS chain, narrowed by the
 * provider's `profile` and `assume_role`; endpoints from `endpoints { bedrock, sts, servicequotas }`
 * or, when unset, the SDK's own AWS_ENDPOINT_URL_BEDROCK / _STS / _SERVICE_QUOTAS handling.
 */
import { BedrockClient } from '@aws-sdk/client-bedrock';
import { ServiceQuotasClient } from '@aws-sdk/client-service-quotas';
import { STSClient } from '@aws-sdk/client-sts';
import { fromNodeProviderChain, fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import type { ProviderConfig } from '../model';
import { paceClient, ratesFromEnv, type OperationRates } from './pacing';
import { capNoAnswerRetries, endpointOrigin, recordCallContext, type AnyClient, type Door, type Service } from './reach';

export interface StackClients {
  bedrock: BedrockClient;
  sts: STSClient;
  /** Read only to check purchases against Bedrock's model-unit quotas. */
  quotas: ServiceQuotasClient;
  region: string;
}

export interface ClientOptions {
  /** SDK attempts per call (backoff with jitter; throttling retried). */
  maxAttempts?: number;
  /**
   * 'adaptive' (default) adds the SDK's client-side rate limiter, which slows a client down
   * when the service throttles it: a 1,000-PT refresh under a 10 requests/s limit completes at
   * the rate floor, where 'standard' exhausts its retry budget and fails.
   */
  retryMode?: 'standard' | 'adaptive';
  /** Per-request timeout in ms (default 30 s, or BEDROCK_PT_REQUEST_TIMEOUT_MS); a request past it fails and is retried. */
  requestTimeoutMs?: number;
  /**
   * Per-operation request rates the clients pace every attempt to (pacing.ts); default
   * BEDROCK_PT_API_RATES over conservative defaults. `false` sends unpaced.
   */
  rates?: OperationRates | false;
  /** Time to establish a connection, in ms (default 3 s, or BEDROCK_PT_CONNECT_TIMEOUT_MS): a wrong endpoint fails in seconds, not after the OS's own timeout. */
  connectionTimeoutMs?: number;
  /** Whom the errors of these clients speak to (default the CLI's cdktf user). */
  door?: Door;
}

const DEFAULT_MAX_ATTEMPTS = 10;

function msFromEnv(name: string, fallback: number): number {
  const fromEnv = Number(process.env[name]);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : fallback;
}

export class ClientPool {
  private readonly cache = new Map<string, StackClients>();

  constructor(private readonly options: ClientOptions = {}) {}

  forProvider(provider: ProviderConfig): StackClients {
    const key = JSON.stringify([
      provider.region,
      provider.profile,
      provider.assumeRole,
      provider.bedrockEndpoint,
      provider.stsEndpoint,
      provider.serviceQuotasEndpoint,
    ]);
    let clients = this.cache.get(key);
    if (!clients) {
      clients = createClients(provider, this.options);
      this.cache.set(key, clients);
    }
    return clients;
  }

  destroy(): void {
    for (const c of this.cache.values()) {
      c.bedrock.destroy();
      c.sts.destroy();
      c.quotas.destroy();
    }
    this.cache.clear();
  }
}

function createClients(provider: ProviderConfig, options: ClientOptions): StackClients {
  const region = provider.region;
  const common = {
    region,
    maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    retryMode: options.retryMode ?? 'adaptive',
    // Without throwOnRequestTimeout this SDK only warns on a timeout and keeps waiting forever.
    requestHandler: {
      requestTimeout: options.requestTimeoutMs ?? msFromEnv('BEDROCK_PT_REQUEST_TIMEOUT_MS', 30_000),
      connectionTimeout: options.connectionTimeoutMs ?? msFromEnv('BEDROCK_PT_CONNECT_TIMEOUT_MS', 3_000),
      throwOnRequestTimeout: true,
    },
  };
  const base = fromNodeProviderChain(provider.profile ? { profile: provider.profile } : {});
  const credentials: ReturnType<typeof fromNodeProviderChain> = provider.assumeRole
    ? fromTemporaryCredentials({
        masterCredentials: base,
        params: {
          RoleArn: provider.assumeRole.roleArn,
          RoleSessionName: provider.assumeRole.sessionName ?? 'bedrock-pt',
          ExternalId: provider.assumeRole.externalId,
        },
        clientConfig: { region, ...(provider.stsEndpoint ? { endpoint: provider.stsEndpoint } : {}) },
      })
    : base;
  const bedrock = new BedrockClient({
    ...common,
    credentials,
    ...(provider.bedrockEndpoint ? { endpoint: provider.bedrockEndpoint } : {}),
  });
  const sts = new STSClient({
    ...common,
    credentials,
    ...(provider.stsEndpoint ? { endpoint: provider.stsEndpoint } : {}),
  });
  const quotas = new ServiceQuotasClient({
    ...common,
    credentials,
    ...(provider.serviceQuotasEndpoint ? { endpoint: provider.serviceQuotasEndpoint } : {}),
  });
  const rates = options.rates ?? ratesFromEnv();
  if (rates) for (const client of [bedrock, sts, quotas]) paceClient(client, rates);
  const door = options.door ?? 'cli';
  explainFailures(bedrock, provider, 'bedrock', door);
  explainFailures(sts, provider, 'sts', door);
  explainFailures(quotas, provider, 'servicequotas', door);
  return { bedrock, sts, quotas, region };
}

function explainFailures(client: AnyClient, provider: ProviderConfig, service: Service, door: Door): void {
  recordCallContext(client, { service, door, endpoint: endpointOrigin(provider, service), profile: provider.profile });
  capNoAnswerRetries(client);
}
