/**
 * The engine's one waiter, against the emulator through the real SDK: it ends in a typed
 * outcome (in service, failed with the service's message, gone, timeout, aborted) and polls
 * once per backoff step.
 */
import { CreateProvisionedModelThroughputCommand, DeleteProvisionedModelThroughputCommand } from '@aws-sdk/client-bedrock';
import type { Emulator } from '../../src/emulator';
import { waitForInService } from '../../src/engine/apply/wait';
import { readDurationSec as parseDuration } from '../../src/engine/duration';
import { bedrock, DEV, DEV_CUSTOM, startExampleEmulator } from '../emulator/helpers';

let emulator: Emulator;

beforeAll(async () => {
  emulator = await startExampleEmulator({ frozenAt: undefined });
});
afterAll(async () => emulator.close());
beforeEach(() => emulator.reset());

const fast = { minDelaySec: 0.05, maxDelaySec: 0.2, maxWaitSec: 5 };

async function create(name: string): Promise<string> {
  const client = bedrock(emulator, DEV);
  const out = await client.send(new CreateProvisionedModelThroughputCommand({ provisionedModelName: name, modelId: DEV_CUSTOM, modelUnits: 1 }));
  client.destroy();
  return out.provisionedModelArn!;
}

describe('waitForInService', () => {
  it('returns the PT once it is InService, polling once per backoff step', async () => {
    emulator.setTransitionDelays({ createMs: 400 });
    const arn = await create('wait-ok');
    const client = bedrock(emulator, DEV);
    const seen: string[] = [];

    const outcome = await waitForInService(client, arn, { policy: fast, onPoll: (pt) => pt && seen.push(pt.status) });

    expect(outcome.kind).toBe('in-service');
    expect(seen[seen.length - 1]).toBe('InService');
    expect(seen.slice(0, -1).every((s) => s === 'Creating')).toBe(true);
    // 400 ms with 50–200 ms steps: never more than one poll per step.
    expect(outcome.polls).toBeLessThanOrEqual(Math.ceil(400 / 50) + 1);
    expect(emulator.requests().filter((r) => r.operation === 'GetProvisionedModelThroughput')).toHaveLength(outcome.polls);
    client.destroy();
  });

  it("reports the service's failureMessage when the create ends Failed", async () => {
    emulator.setTransitionDelays({ createMs: 100 });
    emulator.failNextCreate('insufficient capacity for amazon.titan-text-express-v1', { account: DEV.account, region: DEV.region });
    const arn = await create('wait-failed');
    const client = bedrock(emulator, DEV);

    const outcome = await waitForInService(client, arn, { policy: fast });

    expect(outcome).toMatchObject({ kind: 'failed', message: 'insufficient capacity for amazon.titan-text-express-v1' });
    client.destroy();
  });

  it('times out with the last status seen', async () => {
    emulator.setTransitionDelays({ createMs: 60_000 });
    const arn = await create('wait-slow');
    const client = bedrock(emulator, DEV);

    const outcome = await waitForInService(client, arn, { policy: { minDelaySec: 0.05, maxDelaySec: 0.1, maxWaitSec: 0.5 } });

    expect(outcome.kind).toBe('timeout');
    expect(outcome.kind === 'timeout' && outcome.last?.status).toBe('Creating');
    client.destroy();
  });

  it('stops when aborted', async () => {
    emulator.setTransitionDelays({ createMs: 60_000 });
    const arn = await create('wait-abort');
    const client = bedrock(emulator, DEV);
    const stop = new AbortController();
    setTimeout(() => stop.abort(), 150);

    const outcome = await waitForInService(client, arn, { policy: fast, signal: stop.signal });

    expect(outcome.kind).toBe('aborted');
    client.destroy();
  });

  it('reads and reports nothing once aborted, though the backoff step it was sleeping in ends later', async () => {
    emulator.setTransitionDelays({ createMs: 60_000 });
    const arn = await create('wait-abort-quiet');
    const client = bedrock(emulator, DEV);
    const stop = new AbortController();
    const steady = { minDelaySec: 0.2, maxDelaySec: 0.2, maxWaitSec: 5 };
    let reported = 0;
    const firstPoll = new Promise<void>((resolve) => {
      void waitForInService(client, arn, { policy: steady, signal: stop.signal, onPoll: () => (reported++, resolve()) });
    });
    await firstPoll;
    // Into the sleep before the second poll.
    await new Promise((r) => setTimeout(r, 50));
    stop.abort();
    const polled = () => emulator.requests().filter((r) => r.operation === 'GetProvisionedModelThroughput').length;
    const readsAtAbort = polled();

    // Two backoff steps later: the step the waiter slept in when aborted has ended.
    await new Promise((r) => setTimeout(r, 450));
    expect(polled()).toBe(readsAtAbort);
    expect(reported).toBe(1);
    client.destroy();
  });

  it('says the PT is gone when it disappears', async () => {
    emulator.setTransitionDelays({ createMs: 0 });
    const arn = await create('wait-gone');
    const client = bedrock(emulator, DEV);
    await client.send(new DeleteProvisionedModelThroughputCommand({ provisionedModelId: arn }));

    const outcome = await waitForInService(client, arn, { policy: fast });

    expect(outcome.kind).toBe('gone');
    client.destroy();
  });
});

describe('parseDuration', () => {
  it.each([
    ['90s', 90],
    ['30m', 1800],
    ['2h', 7200],
    ['1h30m', 5400],
  ])('reads the Terraform duration %s as %d seconds', (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });

  it('reads milliseconds, which the config accepts in timeouts, instead of ignoring the timeout', () => {
    expect(parseDuration('1500ms')).toBe(1.5);
    expect(parseDuration('1m500ms')).toBe(60.5);
  });

  it.each(['', '10', '5 minutes', '1d', 'm30'])('refuses %j', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });
});
