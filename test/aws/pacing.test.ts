/**
 * Per-operation pacing in the engine's clients, through the real @aws-sdk/client-bedrock against
 * the emulator's per-operation token buckets: a burst of creates waits for its own rate, never
 * draws a 429, and does not hold up reads of another operation. Assertions are on counts and
 * on the order of the emulator's request log, never on absolute times.
 */
import { CreateProvisionedModelThroughputCommand, ListProvisionedModelThroughputsCommand } from '@aws-sdk/client-bedrock';
import type { Emulator } from '../../src/emulator';
import { ClientPool } from '../../src/engine/aws/clients';
import { BedrockPtError } from '../../src/engine/errors';
import { PACER, parseRates, rateFor, TokenBucket, type OperationRates } from '../../src/engine/aws/pacing';
import { DEV, HAIKU_PT, startExampleEmulator } from '../emulator/helpers';

const CREATE = 'CreateProvisionedModelThroughput';
const LIST = 'ListProvisionedModelThroughputs';
const BURST = 12;
const RATES: OperationRates = { '*': 10, [CREATE]: 4 };

let emulator: Emulator;
const savedEnv = { ...process.env };

beforeAll(async () => {
  emulator = await startExampleEmulator({ createDelayMs: 0, committedUnitsQuota: 1000, frozenAt: undefined });
});
afterAll(async () => {
  await emulator.close();
});
beforeEach(() => {
  emulator.reset();
  emulator.setRateLimit(CREATE, { ratePerSecond: 4, burst: 4 });
  emulator.setRateLimit(LIST, { ratePerSecond: 10, burst: 10 });
  process.env.AWS_ACCESS_KEY_ID = DEV.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = 'not-checked';
  delete process.env.AWS_PROFILE;
});
afterEach(() => {
  process.env = { ...savedEnv };
});

/** BURST creates at once, and a List sent after the first create answers; returns the request log. */
async function burstOfCreatesThenList(rates: OperationRates | false) {
  const pool = new ClientPool({ rates });
  const { bedrock } = pool.forProvider({ region: DEV.region, bedrockEndpoint: emulator.url, stsEndpoint: emulator.url, defaultTags: {} });
  try {
    const creates = Array.from({ length: BURST }, (_, i) =>
      bedrock.send(
        new CreateProvisionedModelThroughputCommand({ provisionedModelName: `burst-${i}`, modelId: HAIKU_PT, modelUnits: 1, commitmentDuration: 'OneMonth' }),
      ),
    );
    // Sent once the burst is under way, so an unpaced client has already drawn 429s by then.
    const list = Promise.race(creates).then(() => bedrock.send(new ListProvisionedModelThroughputsCommand({})));
    const settled = await Promise.allSettled([...creates, list]);
    return { settled, log: emulator.requests() };
  } finally {
    pool.destroy();
  }
}

const failures = (settled: PromiseSettledResult<unknown>[]): string[] =>
  settled.flatMap((s) => (s.status === 'rejected' ? [String((s.reason as Error).message)] : []));

describe('per-operation pacing in the engine clients', () => {
  it('sends a burst of creates at the create rate without one ThrottlingException', async () => {
    const { settled, log } = await burstOfCreatesThenList(RATES);
    expect(failures(settled)).toEqual([]);
    expect(log.filter((r) => r.error === 'ThrottlingException')).toEqual([]);
    expect(log.filter((r) => r.operation === CREATE)).toHaveLength(BURST);
    expect(emulator.inventory(DEV.account, DEV.region)).toHaveLength(BURST);
  });

  it('answers a List sent behind a queued burst of creates before most of the creates', async () => {
    const { log } = await burstOfCreatesThenList(RATES);
    const listAt = log.findIndex((r) => r.operation === LIST);
    const createsBeforeList = log.slice(0, listAt).filter((r) => r.operation === CREATE).length;
    expect(listAt).toBeGreaterThanOrEqual(0);
    // The create bucket holds 3 tokens at the start; the rest of the burst queues behind it, the List does not.
    expect(createsBeforeList).toBeLessThanOrEqual(3);
  });

  it('draws 429s from the same burst when pacing is off (the retry then hides them)', async () => {
    const { settled, log } = await burstOfCreatesThenList(false);
    expect(failures(settled)).toEqual([]);
    expect(log.filter((r) => r.error === 'ThrottlingException').length).toBeGreaterThan(0);
  });
});

describe('where the pacer sits', () => {
  it('runs inside the retry middleware and before signing, so a retry is paced and a waited request is signed fresh', () => {
    const pool = new ClientPool({ rates: RATES });
    const { bedrock, sts } = pool.forProvider({ region: DEV.region, bedrockEndpoint: emulator.url, stsEndpoint: emulator.url, defaultTags: {} });
    try {
      for (const client of [bedrock, sts]) {
        const order = client.middlewareStack.identify().map((entry) => entry.split(' ')[0]);
        expect(order.indexOf('retryMiddleware')).toBeLessThan(order.indexOf(PACER));
        expect(order.indexOf(PACER)).toBeLessThan(order.indexOf('httpSigningMiddleware'));
      }
    } finally {
      pool.destroy();
    }
  });
});

describe('TokenBucket', () => {
  it('grants one second of tokens less one at once, then spaces reservations 1/rate apart in arrival order', () => {
    let now = 0;
    const bucket = new TokenBucket(5, () => now);
    const waits = Array.from({ length: 7 }, () => bucket.reserve());
    expect(waits).toEqual([0, 0, 0, 0, 200, 400, 600]);
    now = 1000;
    expect(bucket.reserve()).toBe(0);
  });

  it('keeps at least one token for rates below two per second', () => {
    const now = 0;
    const bucket = new TokenBucket(0.5, () => now);
    expect([bucket.reserve(), bucket.reserve()]).toEqual([0, 2000]);
  });
});

describe('rates', () => {
  it('overrides named operations and the default from BEDROCK_PT_API_RATES text', () => {
    const rates = parseRates(`${CREATE}=2, *=20`);
    expect(rateFor(rates, CREATE)).toBe(2);
    expect(rateFor(rates, 'ListTagsForResource')).toBe(20);
    expect(rateFor(rates, 'UpdateProvisionedModelThroughput')).toBe(5);
  });

  it('refuses a malformed rate and names the variable', () => {
    expect(() => parseRates(`${CREATE}=fast`)).toThrow(BedrockPtError);
    expect(() => parseRates(`${CREATE}=0`)).toThrow(/BEDROCK_PT_API_RATES/);
  });
});
