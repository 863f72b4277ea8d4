/**
 * The wire conventions of Bedrock's REST-JSON protocol that the emulator must reproduce so the
 * real SDKs parse its answers: error type header + body, ISO-8601 timestamps, and the caller's
 * identity taken from the SigV4 credential scope.
 */
import type { ServerResponse } from 'node:http';
import { BEDROCK_API_CONSTRAINTS } from './constraints';

export type ApiErrorName =
  | 'ValidationException'
  | 'ResourceNotFoundException'
  | 'AccessDeniedException'
  | 'ConflictException'
  | 'InternalServerException'
  | 'TooManyTagsException'
  | 'ServiceQuotaExceededException'
  | 'ThrottlingException'
  // Service Quotas' own (service-quotas.ts)
  | 'NoSuchResourceException'
  | 'IllegalArgumentException'
  | 'InvalidPaginationTokenException';

/** Status codes of the errors Bedrock's model does not define. */
const OTHER_STATUS: Partial<Record<ApiErrorName, number>> = { NoSuchResourceException: 404 };

/** A modelled error: thrown by handlers, written to the wire by the server. */
export class ApiError extends Error {
  constructor(
    readonly type: ApiErrorName,
    message: string,
    /** Extra members of the error shape (e.g. TooManyTagsException.resourceName). */
    readonly extra: Record<string, string> = {},
  ) {
    super(message);
    this.name = type;
  }

  get statusCode(): number {
    return BEDROCK_API_CONSTRAINTS.errors[this.type]?.httpStatusCode ?? OTHER_STATUS[this.type] ?? 400;
  }
}

export const validationError = (message: string): ApiError => new ApiError('ValidationException', message);
export const notFound = (message: string): ApiError => new ApiError('ResourceNotFoundException', message);

export function writeJson(res: ServerResponse, status: number, body: unknown, requestId: string): void {
  const text = JSON.stringify(body ?? {});
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': requestId,
  });
  res.end(text);
}

/** A 200 whose JSON body stops half-way, as a connection cut mid-answer by a proxy would leave it. */
export function writeTruncatedJson(res: ServerResponse, status: number, requestId: string): void {
  const text = '{"provisionedModelArn": "arn:aws:bedrock:';
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), 'x-amzn-requestid': requestId });
  res.end(text);
}

/** Both the header and `__type` carry the type, as real services do; SDKs read either. */
export function writeApiError(res: ServerResponse, error: ApiError, requestId: string): void {
  const text = JSON.stringify({ __type: error.type, message: error.message, ...error.extra });
  res.writeHead(error.statusCode, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': requestId,
    'x-amzn-errortype': error.type,
  });
  res.end(text);
}

/** Timestamps are shape `Timestamp` with timestampFormat iso8601. */
export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}

export interface SigV4Credential {
  accessKeyId: string;
  region: string;
  service: string;
}

/**
 * Reads `Credential=AKID/date/region/service/aws4_request` from an Authorization header.
 * Signatures are deliberately not verified: the emulator only needs to know who is asking.
 */
export function parseSigV4(authorization: string | undefined): SigV4Credential | undefined {
  if (!authorization || !authorization.startsWith('AWS4-HMAC-SHA256')) return undefined;
  const match = /Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/([^/,\s]+)\/aws4_request/.exec(authorization);
  if (!match) return undefined;
  return { accessKeyId: match[1], region: match[3], service: match[4] };
}
