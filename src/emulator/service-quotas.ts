/**
 * Service Quotas for service code `bedrock`, over the AWS JSON 1.1 protocol the SDKs use for it:
 * `POST /` with `X-Amz-Target: ServiceQuotasV20190624.<Operation>` and a JSON body. Only the two
 * reads a planner needs (ListServiceQuotas, paginated, and GetServiceQuota), scoped like every
 * other call by the SigV4 credential's account and region.
 */
import type { ServerResponse } from 'node:http';
import { SERVICE_CODE } from '../engine/rules/model-unit-quotas';
import type { Caller, Cloud, Handler } from './context';
import { ApiError } from './protocol';
import { paginate } from './operations/pagination';
import { modelUnitQuotas, type ModelUnitQuota } from './operations/quotas';

export type ServiceQuotasOperation = 'ListServiceQuotas' | 'GetServiceQuota';

const TARGET_PREFIX = 'ServiceQuotasV20190624.';
/** The API's bounds for MaxResults; AWS does not document the default page size, so the maximum stands in. */
const MAX_RESULTS = { min: 1, max: 100 };

/** The operation a request names, `Unknown` for another Service Quotas operation, undefined when it is not Service Quotas. */
export function serviceQuotasOperation(target: string | string[] | undefined): ServiceQuotasOperation | 'Unknown' | undefined {
  if (typeof target !== 'string' || !target.startsWith(TARGET_PREFIX)) return undefined;
  const name = target.slice(TARGET_PREFIX.length);
  return name === 'ListServiceQuotas' || name === 'GetServiceQuota' ? name : 'Unknown';
}

const illegal = (message: string) => new ApiError('IllegalArgumentException', message);

export function decodeServiceQuotasBody(body: string): Record<string, unknown> {
  if (body.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw illegal('The request body is not valid JSON.');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw illegal('The request body must be a JSON object.');
  return parsed as Record<string, unknown>;
}

function checkServiceCode(code: unknown): void {
  if (typeof code !== 'string' || code === '') throw illegal('ServiceCode is required.');
  if (code !== SERVICE_CODE) throw new ApiError('NoSuchResourceException', `The emulator serves the quotas of service code ${SERVICE_CODE} only, not ${code}.`);
}

function quotaView(q: ModelUnitQuota, caller: Caller): Record<string, unknown> {
  return {
    ServiceCode: SERVICE_CODE,
    ServiceName: 'Amazon Bedrock',
    QuotaArn: `arn:aws:servicequotas:${caller.region}:${caller.account}:${SERVICE_CODE}/${q.code}`,
    QuotaCode: q.code,
    QuotaName: q.name,
    Value: q.value,
    Unit: 'None',
    Adjustable: true,
    GlobalQuota: false,
    QuotaAppliedAtLevel: 'ACCOUNT',
  };
}

const listServiceQuotas: Handler = (cloud: Cloud, caller: Caller, input) => {
  checkServiceCode(input.ServiceCode);
  const max = input.MaxResults;
  if (max !== undefined && (!Number.isInteger(max) || (max as number) < MAX_RESULTS.min || (max as number) > MAX_RESULTS.max)) {
    throw illegal(`MaxResults must be an integer from ${MAX_RESULTS.min} to ${MAX_RESULTS.max}.`);
  }
  const quotas = modelUnitQuotas(cloud, caller.account, caller.region)
    .map((quota, index) => ({ quota, index }))
    .filter(({ quota }) => input.QuotaCode === undefined || quota.code === input.QuotaCode);
  const query = {
    ServiceCode: input.ServiceCode,
    QuotaCode: input.QuotaCode,
    sortOrder: 'Ascending',
    nextToken: input.NextToken,
    maxResults: max ?? MAX_RESULTS.max,
  };
  let page: ReturnType<typeof paginate<(typeof quotas)[number]>>;
  try {
    page = paginate(quotas, query, ({ index }) => [index, 0]);
  } catch (error) {
    if (error instanceof ApiError) throw new ApiError('InvalidPaginationTokenException', error.message);
    throw error;
  }
  const next = page.next.nextToken ? { NextToken: page.next.nextToken } : {};
  return { body: { Quotas: page.items.map(({ quota }) => quotaView(quota, caller)), ...next }, mutated: false };
};

const getServiceQuota: Handler = (cloud, caller, input) => {
  checkServiceCode(input.ServiceCode);
  if (typeof input.QuotaCode !== 'string' || input.QuotaCode === '') throw illegal('QuotaCode is required.');
  const quota = modelUnitQuotas(cloud, caller.account, caller.region).find((q) => q.code === input.QuotaCode);
  if (!quota)
    throw new ApiError(
      'NoSuchResourceException',
      `The request failed because the specified quota ${String(input.QuotaCode)} does not exist for service ${SERVICE_CODE}.`,
    );
  return { body: { Quota: quotaView(quota, caller) }, mutated: false };
};

export const SERVICE_QUOTAS_HANDLERS: Record<ServiceQuotasOperation, Handler> = {
  ListServiceQuotas: listServiceQuotas,
  GetServiceQuota: getServiceQuota,
};

/** Service Quotas names two common errors differently from Bedrock. */
const CODES: Record<string, string> = { ThrottlingException: 'TooManyRequestsException', InternalServerException: 'ServiceException' };
const STATUS: Record<string, number> = { TooManyRequestsException: 429, ServiceException: 500 };

export function writeServiceQuotasError(res: ServerResponse, error: ApiError, requestId: string): void {
  const type = CODES[error.type] ?? error.type;
  const text = JSON.stringify({ __type: type, Message: error.message });
  res.writeHead(STATUS[type] ?? error.statusCode, {
    'content-type': 'application/x-amz-json-1.1',
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': requestId,
  });
  res.end(text);
}

export function writeServiceQuotasJson(res: ServerResponse, body: unknown, requestId: string): void {
  const text = JSON.stringify(body ?? {});
  res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1', 'content-length': Buffer.byteLength(text), 'x-amzn-requestid': requestId });
  res.end(text);
}
