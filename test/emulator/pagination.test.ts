import {
  CreateProvisionedModelThroughputCommand,
  ListProvisionedModelThroughputsCommand,
  paginateListProvisionedModelThroughputs,
  type BedrockClient,
  type ListProvisionedModelThroughputsCommandInput,
  type ProvisionedModelSummary,
} from '@aws-sdk/client-bedrock';
import type { Emulator } from '../../src/emulator';
import { bedrock, HAIKU_PT, PROD, rejection, startExampleEmulator } from './helpers';

const TOTAL = 2500;
const PER_SECOND = 100;
const START = Date.parse('2025-01-15T10:00:00.000Z');
const OTHER_MODEL = 'anthropic.claude-3-sonnet-20240229-v1:0:200k';

let emulator: Emulator;
let prod: BedrockClient;

/** PT i is created at START + floor(i / 100) seconds; even ones on Haiku, odd ones on Sonnet. */
beforeAll(async () => {
  emulator = await startExampleEmulator({ committedUnitsQuota: 10_000, createDelayMs: 10_000 });
  prod = bedrock(emulator, PROD, { maxAttempts: 1 });
  for (let second = 0; second < TOTAL / PER_SECOND; second++) {
    await Promise.all(
      Array.from({ length: PER_SECOND }, (_, k) => {
        const i = second * PER_SECOND + k;
        return prod.send(
          new CreateProvisionedModelThroughputCommand({
            provisionedModelName: `pt-${String(i).padStart(4, '0')}`,
            modelId: i % 2 ? OTHER_MODEL : HAIKU_PT,
            modelUnits: 1,
            commitmentDuration: 'OneMonth',
          }),
        );
      }),
    );
    emulator.advance(1000);
  }
}, 120_000); // 2,500 signed creates through the SDK: CPU-bound, so slower while other suites run beside it
afterAll(() => emulator.close());

async function listAll(input: ListProvisionedModelThroughputsCommandInput = {}, pageSize = 1000): Promise<{ items: ProvisionedModelSummary[]; pages: number }> {
  const items: ProvisionedModelSummary[] = [];
  let pages = 0;
  for await (const page of paginateListProvisionedModelThroughputs({ client: prod, pageSize }, input)) {
    pages++;
    items.push(...(page.provisionedModelSummaries ?? []));
  }
  return { items, pages };
}

const second = (s: number) => new Date(START + s * 1000);

it('pages through 2,500 PTs with the SDK paginator, newest first by default, each exactly once', async () => {
  const { items, pages } = await listAll();
  expect(pages).toBe(3);
  expect(new Set(items.map((p) => p.provisionedModelArn)).size).toBe(TOTAL);
  expect(items[0].creationTime).toEqual(second(24));
  expect(items[TOTAL - 1].creationTime).toEqual(second(0));
  const times = items.map((p) => p.creationTime!.getTime());
  expect(times).toEqual([...times].sort((a, b) => b - a));
});

it('sorts Ascending by CreationTime on request, across page boundaries', async () => {
  const { items, pages } = await listAll({ sortBy: 'CreationTime', sortOrder: 'Ascending' }, 333);
  expect(pages).toBe(8);
  const descending = await listAll();
  expect(items.map((p) => p.provisionedModelArn)).toEqual(descending.items.map((p) => p.provisionedModelArn).reverse());
  expect(items[0].creationTime).toEqual(second(0));
  expect(items[TOTAL - 1].creationTime).toEqual(second(24));
});

it('filters by creation time window (exclusive bounds), status, model ARN and name', async () => {
  const window = await listAll({ creationTimeAfter: second(3), creationTimeBefore: second(6) });
  expect(window.items.map((p) => p.provisionedModelName).sort()).toEqual(Array.from({ length: 200 }, (_, k) => `pt-${String(400 + k).padStart(4, '0')}`));

  // 25 s after the first create, everything created in the first 15 s is InService (10 s create delay).
  const inService = await listAll({ statusEquals: 'InService' });
  expect(inService.items).toHaveLength(1600);
  expect(inService.items.every((p) => p.creationTime!.getTime() <= START + 15_000)).toBe(true);

  const sonnet = await listAll({ modelArnEquals: `arn:aws:bedrock:us-east-1::foundation-model/${OTHER_MODEL}` });
  expect(sonnet.items).toHaveLength(TOTAL / 2);
  expect(sonnet.items.every((p) => Number(p.provisionedModelName!.slice(3)) % 2 === 1)).toBe(true);

  const named = await listAll({ nameContains: 'pt-24' });
  expect(named.items).toHaveLength(100);
});

it('returns no nextToken on the last page and rejects a token replayed against another query', async () => {
  const first = await prod.send(new ListProvisionedModelThroughputsCommand({ maxResults: 10, nameContains: 'pt-00' }));
  expect(first.nextToken).toBeDefined();
  const error = await rejection(prod.send(new ListProvisionedModelThroughputsCommand({ maxResults: 10, nameContains: 'pt-01', nextToken: first.nextToken })));
  expect(error.name).toBe('ValidationException');
  const last = await prod.send(new ListProvisionedModelThroughputsCommand({ maxResults: 100, nameContains: 'pt-00' }));
  expect(last.nextToken).toBeUndefined();
  expect(last.provisionedModelSummaries).toHaveLength(100);
});
