/**
 * Bedrock does not document how soon a name let go by a delete or a rename can be taken again.
 * Before a change takes a name another change of the plan freed, look once, and while another
 * PT still shows the name, wait for it with the engine's backoff instead of sending a call that
 * would fail.
 */
import { WaiterState, createWaiter } from '@smithy/util-waiter';
import { BedrockPtError } from '../errors';
import { listAllPts } from '../refresh/refresh';
import type { ApplyContext } from './context';
import { DEFAULT_WAIT_POLICY } from './wait';

/** A name still held this long after its freer finished is held by something the plan did not foresee. */
const MAX_WAIT_SEC = 300;

export async function waitForNameFree(ctx: ApplyContext, address: string, name: string): Promise<void> {
  const policy = { ...DEFAULT_WAIT_POLICY, ...ctx.waitPolicy };
  let holder: string | undefined;
  const result = await createWaiter(
    {
      client: ctx.clients.bedrock,
      minDelay: policy.minDelaySec,
      maxDelay: Math.max(policy.maxDelaySec, policy.minDelaySec),
      maxWaitTime: Math.max(Math.min(policy.maxWaitSec, MAX_WAIT_SEC), policy.minDelaySec + 1),
      abortSignal: ctx.signal,
    },
    name,
    async () => {
      const pts = await ctx.limit(() => listAllPts(ctx.clients, ctx.stack));
      holder = Object.values(pts).find((pt) => pt.name === name)?.arn;
      return { state: holder ? WaiterState.RETRY : WaiterState.SUCCESS };
    },
  );
  if (result.state === WaiterState.SUCCESS) return;
  const subject = { stack: ctx.stack, address };
  if (result.state === WaiterState.ABORTED) {
    throw new BedrockPtError('apply', `${ctx.stack}/${address}: stopped while waiting for the name "${name}" to be free`, subject);
  }
  throw new BedrockPtError(
    'apply',
    `${ctx.stack}/${address}: the name "${name}" is still held by ${holder ?? 'another PT'} after the change that frees it finished; nothing was sent for ${address} — run plan again`,
    subject,
  );
}
