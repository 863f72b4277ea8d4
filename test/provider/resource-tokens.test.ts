/**
 * Purchases through the provider: every create has a token of its own, recorded in the purchase
 * journal before the Create is sent; an interrupted create is resumed with its token only by a
 * resource that asks for exactly what it asked, and blocks every other purchase until settled.
 */
import { BedrockClient, CreateProvisionedModelThroughputCommand } from '@aws-sdk/client-bedrock';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Emulator } from '../../src/emulator';
import type { CtyObject, ProviderImpl, ResourceType } from '../../src/provider/contract';
import { IN_FLIGHT_WINDOW_MS, type JournalEntry } from '../../src/provider/resources/purchase-journal';
import { DEV, DEV_CUSTOM, HAIKU_PT, mutatingCalls } from '../e2e/harness';
import { configuredProvider, createPt, errors, plan, planAndApply, ptConfig, testWorkingDir, withProviderAgainstEmulator } from './terraform-driver';

let emulator: Emulator;
let provider: ProviderImpl;
let pt: ResourceType;

withProviderAgainstEmulator((f) => ({ emulator, provider, pt } = f));

const HAIKU_ARN = `arn:aws:bedrock:${DEV.region}::foundation-model/${HAIKU_PT}`;
const config = ptConfig({ name: 'support-chat', model: HAIKU_PT, units: 1, commitment: 'OneMonth', tags: { CostCenter: 'cc-1' } });
const inventory = () => emulator.inventory(DEV.account, DEV.region);
const creates = () => emulator.requests().filter((r) => r.operation === 'CreateProvisionedModelThroughput');
const journalDir = () => path.join(testWorkingDir(), '.terraform', 'bedrock-pt', 'purchases', 'default');
const journal = () => (fs.existsSync(journalDir()) ? fs.readdirSync(journalDir()).filter((f) => f.endsWith('.json')) : []);

/** What a provider killed after sending `config`'s create left behind: its journal entry, and (when `bought`) the PT its request bought. */
async function interruptedCreate(token: string, options: { bought: boolean; startedAt?: Date; name?: string }): Promise<JournalEntry> {
  const startedAt = options.startedAt ?? emulator.now();
  const entry: JournalEntry = {
    address: 'bedrockpt_provisioned_model_throughput.this',
    name: options.name ?? 'support-chat',
    model: HAIKU_ARN,
    modelUnits: 1,
    commitment: 'OneMonth',
    tagsAll: { CostCenter: 'cc-1', ManagedBy: 'bedrock-pt', Project: 'support-bot' },
    clientRequestToken: token,
    startedAt: startedAt.toISOString(),
    partition: 'aws',
    account: DEV.account,
    region: DEV.region,
    workspace: 'default',
  };
  fs.mkdirSync(journalDir(), { recursive: true });
  fs.writeFileSync(path.join(journalDir(), `${token}.json`), JSON.stringify(entry));
  if (options.bought) {
    const client = new BedrockClient({ endpoint: emulator.url, region: DEV.region, credentials: { accessKeyId: DEV.accessKeyId, secretAccessKey: 'x' } });
    await client.send(
      new CreateProvisionedModelThroughputCommand({
        clientRequestToken: token,
        provisionedModelName: entry.name,
        modelId: entry.model,
        modelUnits: 1,
        commitmentDuration: 'OneMonth',
        tags: Object.entries(entry.tagsAll).map(([key, value]) => ({ key, value })),
      }),
    );
    client.destroy();
  }
  emulator.resetRequests();
  return entry;
}

/** A later Terraform run: a provider process of its own. */
async function nextRun(): Promise<{ provider: ProviderImpl; pt: ResourceType }> {
  return configuredProvider(emulator);
}

it('sends a token of its own with every create, so the same PT can be bought, deleted and bought again, cycle after cycle', async () => {
  const custom = ptConfig({ name: 'nightly-dev', model: DEV_CUSTOM, units: 1 });
  for (let cycle = 1; cycle <= 6; cycle++) {
    const bought = await createPt(pt, custom);
    const run = await nextRun();
    const { applied } = await planAndApply(run.pt, bought, null);
    await run.provider.stop();
    expect(errors(applied)).toEqual([]);
  }
  const tokens = creates().map((r) => r.params.clientRequestToken);
  expect(new Set(tokens).size).toBe(6);
  expect(inventory()).toEqual([]);
});

it.each(['fail-after-success', 'drop-connection', 'unreadable-success'] as const)(
  'buys one PT when the create answer is lost (%s): it finds that PT, or sends the same token again',
  async (kind) => {
    emulator.injectFault({ operation: 'CreateProvisionedModelThroughput', kind, count: 1 });
    const state = await createPt(pt, config);
    expect(inventory().map((p) => p.provisionedModelArn)).toEqual([state.id]);
    const tokens = new Set(creates().map((r) => r.params.clientRequestToken));
    expect(tokens.size).toBe(1);
  },
);

it('records the create in the journal before sending it, and settles it when the PT is handed to Terraform', async () => {
  emulator.setLatency('CreateProvisionedModelThroughput', 500);
  const applying = planAndApply(pt, null, config);
  while (creates().length === 0) await new Promise((r) => setTimeout(r, 5));
  const [file] = journal();
  expect(file).toBe(`${creates()[0].params.clientRequestToken}.json`);
  const { applied } = await applying;
  expect(errors(applied)).toEqual([]);
  expect(journal()).toEqual([]);
});

it('sends nothing when the journal cannot be written', async () => {
  fs.writeFileSync(path.join(testWorkingDir(), '.terraform'), 'not a directory');
  const { applied } = await planAndApply(pt, null, config);
  expect(errors(applied)[0].detail).toContain('nothing was sent');
  expect(creates()).toEqual([]);
});

it('returns the PT with a warning, not an error, when Terraform stops the provider during the wait', async () => {
  emulator.setTransitionDelays({ createMs: 60_000 });
  const planned = await plan(pt, null, config);
  const applying = pt.apply({ prior: null, planned: planned.planned, config, plannedPrivate: planned.plannedPrivate });
  while (creates().length === 0) await new Promise((r) => setTimeout(r, 10));
  await provider.stop();
  const stopped = await applying;
  expect(errors(stopped)).toEqual([]);
  expect(stopped.diagnostics).toEqual([expect.objectContaining({ severity: 'warning', detail: expect.stringContaining('stopped while waiting') })]);
  expect(stopped.newState).toMatchObject({ id: inventory()[0].provisionedModelArn, status: 'Creating' });
});

describe('an interrupted create left in the journal', () => {
  it('is resumed with its own token by a resource that asks for exactly what it asked, and then settled', async () => {
    await interruptedCreate('bpt-killed-1', { bought: true });
    const run = await nextRun();
    const planned = await plan(run.pt, null, config);
    expect(errors(planned)).toEqual([]);
    const applied = await run.pt.apply({ prior: null, planned: planned.planned, config, plannedPrivate: planned.plannedPrivate });
    await run.provider.stop();
    expect(errors(applied)).toEqual([]);
    expect(creates().map((r) => r.params.clientRequestToken)).toEqual(['bpt-killed-1']);
    expect(inventory()).toHaveLength(1);
    expect(applied.newState).toMatchObject({ id: inventory()[0].provisionedModelArn });
    expect(journal()).toEqual([]);
  });

  it('blocks the purchase of anything else while it is open, naming its PT', async () => {
    await interruptedCreate('bpt-killed-2', { bought: true });
    const run = await nextRun();
    const renamed = await plan(run.pt, null, ptConfig({ name: 'renamed-since', model: HAIKU_PT, units: 1, commitment: 'OneMonth' }));
    await run.provider.stop();
    expect(errors(renamed)[0].summary).toContain(inventory()[0].provisionedModelArn);
    expect(mutatingCalls(emulator)).toEqual([]);
  });

  it('is settled by reading or importing its PT into a resource', async () => {
    await interruptedCreate('bpt-killed-3', { bought: true });
    const run = await nextRun();
    const { imported } = await run.pt.importState(inventory()[0].provisionedModelArn);
    await run.provider.stop();
    expect(imported).toHaveLength(1);
    expect(journal()).toEqual([]);
  });

  it('belongs to the workspace it ran in: another workspace of the directory plans its own creates', async () => {
    await interruptedCreate('bpt-default-ws', { bought: true });
    fs.writeFileSync(path.join(testWorkingDir(), '.terraform', 'environment'), 'feature\n');
    const run = await nextRun();
    const other = await plan(run.pt, null, ptConfig({ name: 'feature-chat', model: HAIKU_PT, units: 1, commitment: 'OneMonth' }));
    await run.provider.stop();
    expect(errors(other)).toEqual([]);
  });

  it('keeps blocking while its create may still take effect, and is forgotten once no PT appeared in that window', async () => {
    await interruptedCreate('bpt-never-arrived', { bought: false });
    const other = ptConfig({ name: 'another', model: HAIKU_PT, units: 1, commitment: 'OneMonth' });
    const early = await nextRun();
    expect(errors(await plan(early.pt, null, other))).toHaveLength(1);
    await early.provider.stop();
    emulator.advance(IN_FLIGHT_WINDOW_MS + 60_000);
    const late = await nextRun();
    expect(errors(await plan(late.pt, null, other))).toEqual([]);
    await late.provider.stop();
    expect(journal()).toEqual([]);
  });
});

describe('one run', () => {
  it('refuses the second of two creates of one name', async () => {
    expect(errors(await plan(pt, null, config))).toEqual([]);
    const second = await plan(pt, null, config);
    expect(errors(second)[0].summary).toContain('support-chat');
  });

  it('never deletes a PT it just bought (a deposed delete after a create that returned it)', async () => {
    const { applied } = await planAndApply(pt, null, config);
    const bought = applied.newState as CtyObject;
    emulator.resetRequests();
    const deleted = await pt.apply({ prior: bought, planned: null, config: null });
    expect(errors(deleted)[0].summary).toContain('this Terraform run just created it');
    expect(mutatingCalls(emulator)).toEqual([]);
  });
});
