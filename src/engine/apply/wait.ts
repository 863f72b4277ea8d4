/**
 * The one waiter of the engine: poll GetProvisionedModelThroughput with capped exponential
 * backoff and jitter (smithy's waiter) until the PT is InService, and say how it ended as a
 * value instead of throwing for expected outcomes.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { GetProvisionedModelThroughputCommand, type BedrockClient } from '@aws-sdk/client-bedrock';
import { WaiterState, createWaiter } from '@smithy/util-waiter';
import type { LivePt } from '../model';
import { isNotFound } from '../aws/errors';
import { toLivePt } from '../refresh/refresh';

export interface WaitPolicy {
  /** Seconds before the second poll; later gaps double (with jitter) up to maxDelaySec. */
  minDelaySec: number;
  maxDelaySec: number;
  /** Give up after this many seconds (the action's Terraform-style timeout). */
  maxWaitSec: number;
}

export const DEFAULT_WAIT_POLICY: WaitPolicy = { minDelaySec: 1, maxDelaySec: 30, maxWaitSec: 60 * 60 };

export type WaitOutcome =
  | { kind: 'in-service'; pt: LivePt; polls: number }
  | { kind: 'failed'; pt: LivePt; message: string; polls: number }
  | { kind: 'gone'; polls: number }
  | { kind: 'timeout'; polls: number; last?: LivePt }
  | { kind: 'aborted'; polls: number; last?: LivePt };

export interface WaitOptions {
  policy?: Partial<WaitPolicy>;
  /**
   * Skip the immediate first poll and wait one minimum delay first: right after a create the
   * answer is known ("Creating"), and an early poll only spends the read-rate quota.
   */
  skipFirstPoll?: boolean;
  signal?: AbortSignal;
  onPoll?: (pt: LivePt | undefined) => void;
  /**
   * How one poll reads the PT: undefined means it no longer exists, a throw is a transient
   * failure. Defaults to GetProvisionedModelThroughput.
   */
  read?: (arn: string) => Promise<LivePt | undefined>;
}

/** One GetProvisionedModelThroughput: the PT, or undefined when it does not exist. */
export async function getPt(bedrock: BedrockClient, arn: string): Promise<LivePt | undefined> {
  try {
    const out = await bedrock.send(new GetProvisionedModelThroughputCommand({ provisionedModelId: arn }));
    const pt = toLivePt(out);
    if (out.failureMessage) pt.failureMessage = out.failureMessage;
    return pt;
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

export async function waitForInService(bedrock: BedrockClient, arn: string, options: WaitOptions = {}): Promise<WaitOutcome> {
  const policy = { ...DEFAULT_WAIT_POLICY, ...options.policy };
  if (options.skipFirstPoll) {
    try {
      await sleep(policy.minDelaySec * 1000, undefined, { signal: options.signal });
    } catch {
      return { kind: 'aborted', polls: 0 };
    }
  }
  const read = options.read ?? ((id: string) => getPt(bedrock, id));
  let polls = 0;
  let last: LivePt | undefined;
  let gone = false;
  const result = await createWaiter(
    {
      client: bedrock,
      minDelay: policy.minDelaySec,
      maxDelay: Math.max(policy.maxDelaySec, policy.minDelaySec),
      maxWaitTime: Math.max(policy.maxWaitSec, policy.minDelaySec + 1),
      abortSignal: options.signal,
    },
    arn,
    async (_client, id) => {
      // smithy's waiter returns at once on abort, but its polling loop sleeps out its backoff step
      // and polls once more (or has a read in flight): that poll reads and reports nothing.
      if (options.signal?.aborted) return { state: WaiterState.ABORTED };
      polls++;
      const answer = await read(id).then(
        (pt) => ({ pt }),
        (error: unknown) => ({ error }),
      );
      if (options.signal?.aborted) return { state: WaiterState.ABORTED };
      if ('error' in answer) {
        // Transient read failures (the SDK already retried) do not end the wait; the next poll may succeed.
        options.onPoll?.(undefined);
        return { state: WaiterState.RETRY, reason: answer.error };
      }
      if (!answer.pt) {
        gone = true;
        return { state: WaiterState.FAILURE };
      }
      last = answer.pt;
      options.onPoll?.(last);
      if (last.status === 'InService') return { state: WaiterState.SUCCESS };
      if (last.status === 'Failed') return { state: WaiterState.FAILURE };
      return { state: WaiterState.RETRY };
    },
  );
  switch (result.state) {
    case WaiterState.SUCCESS:
      return { kind: 'in-service', pt: last!, polls };
    case WaiterState.FAILURE:
      if (gone || !last) return { kind: 'gone', polls };
      return { kind: 'failed', pt: last, message: last.failureMessage ?? 'the service reported status Failed without a message', polls };
    case WaiterState.ABORTED:
      return { kind: 'aborted', polls, last };
    default:
      return { kind: 'timeout', polls, last };
  }
}
