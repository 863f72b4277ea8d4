/** Turn AWS SDK errors into one-line messages a person can act on. */
import { isThrottlingError, isTransientError } from '@smithy/service-error-classification';
import { BedrockPtError, type ErrorSubject } from '../errors';
import { explainUnreached } from './explain-reach';
import { callContextOf } from './reach';
import { isCustomModelArn, NO_COMMITMENT_ACROSS_BASE, NO_COMMITMENT_ACROSS_CUSTOM, perModelQuotaName, SERVICE_CODE } from '../rules/model-unit-quotas';

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

/**
 * Errors after which the same call may be sent again: what the SDK's own retry strategy calls
 * throttling or transient (timeouts, dropped and refused connections, unresolvable hosts, 500/502/
 * 503/504, a `$retryable` trait), plus every other 5xx. The SDK does not retry a 501 or 505, but a
 * server error leaves a Create's outcome unknown, and the caller must then keep its token and look
 * rather than conclude that nothing was bought. A 4xx (validation, access denied, quota) is an answer:
 * the service refused the call. Clock-skew errors are left out on purpose: the SDK counts
 * AccessDeniedException among them, which is a refusal, not an accident of the wire.
 */
export function isTransient(err: unknown): boolean {
  if (err === null || typeof err !== 'object') return false;
  const e = err as Parameters<typeof isTransientError>[0];
  return isThrottlingError(e) || isTransientError(e) || isServerStatus(e.$metadata?.httpStatusCode);
}

/**
 * The service answered and said no: a 4xx error that is not throttling or a timeout, or
 * credentials that could not be loaded (then nothing was sent). Only after a refusal may a
 * caller conclude that a Create bought nothing. Anything else — a 2xx whose body cannot be
 * read, an answer without the ARN, an error the SDK cannot place — leaves the outcome unknown.
 */
export function isRefusal(err: unknown): boolean {
  if (isTransient(err)) return false;
  if (awsErrorName(err) === 'CredentialsProviderError') return true;
  const status = (err as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode;
  return status !== undefined && status >= 400 && status <= 499;
}

function isServerStatus(status: number | undefined): boolean {
  return status !== undefined && status >= 500 && status <= 599;
}

/** What a refused Create asked for, so a quota refusal can name its quota. */
export interface PurchaseHint {
  modelId: string;
  committed: boolean;
}

function quotaOf(hint: PurchaseHint | undefined): string {
  if (!hint)
    return `a model-unit quota ("${perModelQuotaName('…')}" for committed units, "${NO_COMMITMENT_ACROSS_BASE}" or "${NO_COMMITMENT_ACROSS_CUSTOM}" otherwise)`;
  if (!hint.committed) return `the quota "${isCustomModelArn(hint.modelId) ? NO_COMMITMENT_ACROSS_CUSTOM : NO_COMMITMENT_ACROSS_BASE}"`;
  return `the quota "${perModelQuotaName('…')}" of the base model of ${hint.modelId}`;
}

/**
 * `action` is the API operation, e.g. "CreateProvisionedModelThroughput"; `resource` what it acted
 * on; `purchase` what a Create asked for.
 */
export function explainAwsError(err: unknown, subject: ErrorSubject, action: string, resource?: string, purchase?: PurchaseHint): BedrockPtError {
  const name = awsErrorName(err);
  const raw = ((err as SdkErrorLike)?.message ?? String(err)).replace(/\s+/g, ' ').trim();
  // Terraform names the resource above a provider's diagnostic; the stack is a CLI notion.
  const door = callContextOf(err)?.door ?? 'cli';
  const at = door === 'cli' ? [subject.stack, subject.address].filter(Boolean).join('/') : '';
  const prefix = at ? `${at}: ` : '';
  const unreached = explainUnreached(err, action, subject.stack);
  if (unreached) return new BedrockPtError('aws', `${prefix}${unreached}`, subject, { cause: err });
  let message: string;
  switch (name) {
    case 'ServiceQuotaExceededException':
      message =
        `${prefix}Bedrock refused ${action}: it exceeds ${quotaOf(purchase)} (${raw.replace(/\.$/, '')}). Nothing was bought. ` +
        `Find the quota's code with \`aws service-quotas list-service-quotas --service-code ${SERVICE_CODE}\`, ask for more with ` +
        `\`aws service-quotas request-service-quota-increase --service-code ${SERVICE_CODE} --quota-code CODE --desired-value N\`, or buy fewer model units`;
      break;
    case 'AccessDeniedException':
      message = `${prefix}access denied for bedrock:${action}${resource ? ` on ${resource}` : ''}: ${raw}. Grant that action to the credentials ${door === 'cli' ? 'this stack' : 'this provider'} uses`;
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
