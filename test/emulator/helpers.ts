import { BedrockClient } from '@aws-sdk/client-bedrock';
import { STSClient } from '@aws-sdk/client-sts';
import { ServiceQuotasClient } from '@aws-sdk/client-service-quotas';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../src/emulator';

export const DEV = { accessKeyId: 'AKIADEVEXAMPLE000001', account: '111111111111', region: 'us-east-1' };
export const STAGING = { accessKeyId: 'AKIASTAGINGEXAMPLE01', account: '222222222222', region: 'us-west-2' };
export const PROD = { accessKeyId: 'AKIAPRODEXAMPLE00001', account: '333333333333', region: 'us-east-1' };

export const HAIKU_PT = 'anthropic.claude-3-haiku-20240307-v1:0:200k';
export const HAIKU_ON_DEMAND = 'anthropic.claude-3-haiku-20240307-v1:0';
export const TITAN_PT = 'amazon.titan-text-express-v1:0:8k';
export const DEV_CUSTOM = 'arn:aws:bedrock:us-east-1:111111111111:custom-model/amazon.titan-text-express-v1:0:8k/devsupport01';
export const DEV_CUSTOM_SIBLING = 'arn:aws:bedrock:us-east-1:111111111111:custom-model/amazon.titan-text-express-v1:0:8k/devsupport02';

export const DAY = 24 * 60 * 60 * 1000;

/** The example accounts and custom models; a frozen clock and no transition delay unless a test says otherwise. */
export function exampleOptions(overrides: EmulatorOptions = {}): EmulatorOptions {
  return {
    accounts: { [DEV.accessKeyId]: DEV.account, [STAGING.accessKeyId]: STAGING.account, [PROD.accessKeyId]: PROD.account },
    customModels: [
      { account: DEV.account, region: DEV.region, id: 'devsupport01', name: 'dev-support-01', baseModelId: TITAN_PT },
      { account: DEV.account, region: DEV.region, id: 'devsupport02', name: 'dev-support-02', baseModelId: TITAN_PT },
    ],
    committedUnitsQuota: 10,
    frozenAt: '2025-01-15T10:00:00.000Z',
    createDelayMs: 60_000,
    updateDelayMs: 60_000,
    ...overrides,
  };
}

export async function startExampleEmulator(overrides: EmulatorOptions = {}): Promise<Emulator> {
  return startEmulator(exampleOptions(overrides));
}

export interface ClientOptions {
  accessKeyId?: string;
  region?: string;
  maxAttempts?: number;
  requestTimeoutMs?: number;
}

export function bedrock(emulator: Emulator, who: { accessKeyId: string; region: string } = DEV, options: ClientOptions = {}): BedrockClient {
  return new BedrockClient({
    endpoint: emulator.url,
    region: options.region ?? who.region,
    credentials: { accessKeyId: options.accessKeyId ?? who.accessKeyId, secretAccessKey: 'not-checked' },
    maxAttempts: options.maxAttempts ?? 1,
    requestHandler: { requestTimeout: options.requestTimeoutMs ?? 5000, throwOnRequestTimeout: true },
  });
}

export function sts(emulator: Emulator, who: { accessKeyId: string; region: string } = DEV): STSClient {
  return new STSClient({
    endpoint: emulator.url,
    region: who.region,
    credentials: { accessKeyId: who.accessKeyId, secretAccessKey: 'not-checked' },
    maxAttempts: 1,
  });
}

export function serviceQuotas(emulator: Emulator, who: { accessKeyId: string; region: string } = DEV): ServiceQuotasClient {
  return new ServiceQuotasClient({
    endpoint: emulator.url,
    region: who.region,
    credentials: { accessKeyId: who.accessKeyId, secretAccessKey: 'not-checked' },
    maxAttempts: 1,
  });
}

/** Resolves to the error a promise rejected with (fails the test if it resolved). */
export async function rejection(promise: Promise<unknown>): Promise<Error & { $metadata?: { httpStatusCode?: number }; resourceName?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to fail, but it succeeded');
}
