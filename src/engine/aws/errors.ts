/** Turn AWS SDK errors into one-line messages a person can act on. */
import { BedrockPtError, type ErrorSubject } from '../errors';

interface SdkErrorLike {
  name?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number; attempts?: number };
  code?: string;
}

export function awsErrorName(err: unknown): string {
  const e = err as SdkErrorLike;
  return e?.name ?? e?.code ?? 'Error';
}

export function isNotFound(err: unknown): boolean {
  return awsErrorName(err) === 'ResourceNotFoundException';
}

/** Errors worth sending again as-is: throttling, 5xx, dropped connections and timeouts. */
export function isTransient(err: unknown): boolean {
  const name = awsErrorName(err);
  const status = (err as SdkErrorLike)?.$metadata?.httpStatusCode;
  if (['ThrottlingException', 'TooManyRequestsException', 'InternalServerException', 'ServiceUnavailableException'].includes(name)) return true;
  if (status !== undefined && status >= 500) return true;
  if (['TimeoutError', 'RequestTimeout', 'ECONNRESET', 'EPIPE', 'ECONNREFUSED', 'ETIMEDOUT', 'socket hang up'].some((k) => name.includes(k) || (err as SdkErrorLike)?.code === k || (err as Error)?.message?.includes(k))) return true;
  return false;
}

/** `action` is the API operation, e.g. "CreateProvisionedModelThroughput"; `resource` what it acted on. */
export function explainAwsError(err: unknown, subject: ErrorSubject, action: string, resource?: string): BedrockPtError {
  const name = awsErrorName(err);
  const raw = ((err as SdkErrorLike)?.message ?? String(err)).replace(/\s+/g, ' ').trim();
  const at = [subject.stack, subject.address].filter(Boolean).join('/');
  const prefix = at ? `${at}: ` : '';
  let message: string;
  switch (name) {
    case 'ServiceQuotaExceededException':
      message = `${prefix}${action} exceeds a Bedrock quota: ${raw}. Model units for committed Provisioned Throughput are granted by AWS Support (Service Quotas → Amazon Bedrock → "Model units per provisioned model"); request an increase or reduce model units`;
      break;
    case 'AccessDeniedException':
      message = `${prefix}access denied for bedrock:${action}${resource ? ` on ${resource}` : ''}: ${raw}. Grant that action to the credentials this stack uses`;
      break;
    case 'ValidationException':
      message = `${prefix}Bedrock rejected ${action}: ${raw}`;
      break;
    case 'ThrottlingException':
      message = `${prefix}${action} was throttled on every retry: ${raw}. Lower --parallelism or retry later`;
      break;
    case 'CredentialsProviderError':
      message = `${prefix}no AWS credentials: ${raw}. Set a profile or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY`;
      break;
    default:
      message = `${prefix}${action} failed (${name}): ${raw}`;
  }
  return new BedrockPtError('aws', message, subject, { cause: err });
}
