/**
 * Purchases through Terraform: the idempotency token derived from what is bought makes an apply
 * run again after a kill find the PT already sold instead of buying another.
 */
import { BedrockClient, DeleteProvisionedModelThroughputCommand, UpdateProvisionedModelThroughputCommand } from '@aws-sdk/client-bedrock';
import { fromIni } from '@aws-sdk/credential-providers';
import type { Emulator } from '../../src/emulator';
import type { ApplyResponse, CtyObject, ProviderImpl, ResourceType } from '../../src/provider/contract';
import { DEV, DEV_CUSTOM, HAIKU_PT } from '../e2e/harness';
import { configuredProvider, createPt, errors, plan, planAndApply, ptConfig, withProviderAgainstEmulator } from './terraform-driver';

let emulator: Emulator;
let provider: ProviderImpl;
let pt: ResourceType;

withProviderAgainstEmulator((f) => ({ emulator, provider, pt } = f));

const config = ptConfig({ name: 'support-chat', model: HAIKU_PT, units: 1, commitment: 'OneMonth', tags: { CostCenter: 'cc-1' } });
const inventory = () => emulator.inventory(DEV.account, DEV.region);
const creates = () => emulator.requests().filter((r) => r.operation === 'CreateProvisionedModelThroughput');

function bedrock(): BedrockClient {
  return new BedrockClient({ region: DEV.region, endpoint: emulator.url, credentials: fromIni({ profile: DEV.profile }) });
}

/** Terraform killed while waiting: StopProvider aborts the wait, and the state Terraform would have saved is lost. */
async function killedCreate(resource: ResourceType, stop: () => Promise<void>, c: CtyObject): Promise<ApplyResponse> {
  emulator.setTransitionDelays({ createMs: 60_000 });
  const planned = await plan(resource, null, c);
  const applying = resource.apply({ prior: null, planned: planned.planned, config: c });
  while (creates().length === 0) await new Promise((r) => setTimeout(r, 10));
  await stop();
  const stopped = await applying;
  emulator.setTransitionDelays({ createMs: 200 });
  emulator.advance(60_000);
  return stopped;
}

it('buys one PT when an apply killed during the create is run again', async () => {
  const stopped = await killedCreate(pt, () => provider.stop(), config);
  expect(inventory()).toHaveLength(1);
  // Had Terraform lived to save it, the PT would be in state (tainted), not lost.
  expect(stopped.newState).toMatchObject({ id: inventory()[0].provisionedModelArn });
  expect(errors(stopped)[0].detail).toContain('stopped while waiting');

  const rerun = await configuredProvider(emulator);
  const planned = await plan(rerun.pt, null, config);
  expect(errors(planned)).toEqual([]);
  expect(planned.diagnostics).toContainEqual(expect.objectContaining({ severity: 'warning', path: [{ attribute: 'provisioned_model_name' }], detail: expect.stringContaining('same idempotency token') }));
  const applied = await rerun.pt.apply({ prior: null, planned: planned.planned, config });
  await rerun.provider.stop();

  expect(errors(applied)).toEqual([]);
  expect(inventory()).toHaveLength(1);
  expect(applied.newState).toMatchObject({ id: inventory()[0].provisionedModelArn, status: 'InService' });
  const [first, second] = creates();
  expect(second.params.clientRequestToken).toBe(first.params.clientRequestToken);
});

it('sets the planned tags on the PT an interrupted run bought with other tags', async () => {
  await killedCreate(pt, () => provider.stop(), config);
  const rerun = await configuredProvider(emulator);
  const retagged = ptConfig({ name: 'support-chat', model: HAIKU_PT, units: 1, commitment: 'OneMonth', tags: { CostCenter: 'cc-2' } });
  const { applied } = await planAndApply(rerun.pt, null, retagged);
  await rerun.provider.stop();
  expect(errors(applied)).toEqual([]);
  expect(inventory()).toHaveLength(1);
  expect(inventory()[0].tags).toMatchObject({ CostCenter: 'cc-2' });
});

it('buys again a PT deleted after an earlier purchase with the same attributes: a dead ARN is not a purchase', async () => {
  const first = await createPt(pt, ptConfig({ name: 'support-bot', model: DEV_CUSTOM, units: 1 }));
  const { applied: deleted } = await planAndApply(pt, first, null);
  expect(deleted.newState).toBeNull();

  const second = await createPt(pt, ptConfig({ name: 'support-bot', model: DEV_CUSTOM, units: 1 }));
  expect(second.id).not.toBe(first.id);
  expect(inventory().map((p) => p.provisionedModelArn)).toEqual([second.id]);
  const tokens = creates().map((r) => r.params.clientRequestToken);
  expect(tokens[1]).toBe(tokens[0]);
  expect(tokens[2]).not.toBe(tokens[0]);
});

it('refuses, recording nothing, when the token is answered with a PT that is no longer what the create asks for', async () => {
  const first = await createPt(pt, config);
  // Renamed outside, then the state lost: the same create is asked for again.
  const client = bedrock();
  await client.send(new UpdateProvisionedModelThroughputCommand({ provisionedModelId: String(first.id), desiredProvisionedModelName: 'renamed-outside' }));
  client.destroy();
  const { applied } = await planAndApply(pt, null, config);
  expect(applied.newState).toBeNull();
  expect(errors(applied)[0].detail).toContain('Not a purchase');
  expect(inventory()).toHaveLength(1);
});

it('buys again when the PT its token answers with was deleted outside Terraform', async () => {
  const first = await createPt(pt, ptConfig({ name: 'support-bot', model: DEV_CUSTOM, units: 1 }));
  const client = bedrock();
  await client.send(new DeleteProvisionedModelThroughputCommand({ provisionedModelId: String(first.id) }));
  client.destroy();
  const { applied } = await planAndApply(pt, null, ptConfig({ name: 'support-bot', model: DEV_CUSTOM, units: 1 }));
  expect(errors(applied)).toEqual([]);
  expect(inventory()).toHaveLength(1);
});

it('buys again with other tags a PT deleted after an earlier purchase, when Bedrock refuses the used token', async () => {
  const first = await createPt(pt, ptConfig({ name: 'support-bot', model: DEV_CUSTOM, units: 1, tags: { Team: 'a' } }));
  await planAndApply(pt, first, null);
  const second = await createPt(pt, ptConfig({ name: 'support-bot', model: DEV_CUSTOM, units: 1, tags: { Team: 'b' } }));
  expect(second.id).not.toBe(first.id);
  expect(inventory()).toEqual([expect.objectContaining({ provisionedModelArn: second.id, tags: expect.objectContaining({ Team: 'b' }) })]);
});

it.each(['fail-after-success', 'drop-connection', 'unreadable-success'] as const)('buys one PT when the create answer is lost (%s) and the same token is sent again', async (kind) => {
  emulator.injectFault({ operation: 'CreateProvisionedModelThroughput', kind, count: 1 });
  const state = await createPt(pt, config);
  expect(inventory().map((p) => p.provisionedModelArn)).toEqual([state.id]);
  const tokens = new Set(creates().map((r) => r.params.clientRequestToken));
  expect(creates().length).toBeGreaterThan(1);
  expect(tokens.size).toBe(1);
});
