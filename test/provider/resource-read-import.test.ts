/** Refresh, import, state moves and upgrades of bedrockpt_provisioned_model_throughput, against the emulator. */
import { DeleteProvisionedModelThroughputCommand, BedrockClient } from '@aws-sdk/client-bedrock';
import { fromIni } from '@aws-sdk/credential-providers';
import type { Emulator } from '../../src/emulator';
import { UNKNOWN, type CtyObject, type ProviderImpl, type ResourceType } from '../../src/provider/contract';
import { DEV, DEV_CUSTOM, HAIKU_PT, PROD } from '../e2e/harness';
import { configuredProvider, createPt, DEFAULT_TAGS, errors, plan, providerConfig, ptConfig, withProviderAgainstEmulator } from './terraform-driver';
import { createBedrockptProvider } from '../../src/provider/resources';

let emulator: Emulator;
let provider: ProviderImpl;
let pt: ResourceType;

withProviderAgainstEmulator((f) => ({ emulator, provider, pt } = f));

const calls = (operation: string) => emulator.requests().filter((r) => r.operation === operation).length;
const custom = (name: string) => ptConfig({ name, model: DEV_CUSTOM, units: 1, tags: { Team: 'search' } });

describe('read', () => {
  it('serves concurrent reads of one refresh from one List, without a Get per PT', async () => {
    const states: CtyObject[] = [];
    for (const name of ['pt-a', 'pt-b']) states.push(await createPt(pt, custom(name)));
    // A new provider process, as in a fresh `terraform plan`.
    const fresh = await configuredProvider(emulator);
    emulator.resetRequests();
    const reads = await Promise.all(states.map((s) => fresh.pt.read(s)));
    expect(reads.map((r) => r.newState)).toEqual(states);
    expect(calls('ListProvisionedModelThroughputs')).toBe(1);
    expect(calls('GetProvisionedModelThroughput')).toBe(0);
    expect(calls('ListTagsForResource')).toBe(2);
    await fresh.provider.stop();
  });

  it('keeps sharing the List while the reads of one refresh keep coming, even past its max age', async () => {
    const states: CtyObject[] = [];
    for (const name of ['pt-s1', 'pt-s2', 'pt-s3', 'pt-s4'])
      states.push(await createPt(pt, ptConfig({ name, model: HAIKU_PT, units: 1, commitment: 'OneMonth' })));
    const fresh = await configuredProvider(emulator, { listMaxAgeMs: 300 });
    emulator.resetRequests();
    // Tag reads are paced, so a large refresh's reads arrive over many seconds; here 4 reads, 200 ms apart.
    for (const state of states) {
      expect((await fresh.pt.read(state)).newState).toEqual(state);
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(calls('ListProvisionedModelThroughputs')).toBe(1);
    await fresh.provider.stop();
  });

  it('confirms with a Get a PT missing from a List taken a moment earlier, instead of reporting it gone', async () => {
    const older = await createPt(pt, custom('pt-old'));
    const fresh = await configuredProvider(emulator, { listMaxAgeMs: 60_000 });
    await fresh.pt.read(older);
    const newer = await createPt(pt, custom('pt-new'));
    const read = await fresh.pt.read(newer);
    expect(read.newState).toEqual(newer);
    await fresh.provider.stop();
  });

  it('returns null for a PT deleted outside Terraform, so Terraform plans its create', async () => {
    const state = await createPt(pt, custom('pt-gone'));
    const bedrock = new BedrockClient({ region: DEV.region, endpoint: emulator.url, credentials: fromIni({ profile: DEV.profile }) });
    await bedrock.send(new DeleteProvisionedModelThroughputCommand({ provisionedModelId: String(state.id) }));
    bedrock.destroy();
    const read = await pt.read(state);
    expect(read).toEqual({ newState: null, diagnostics: [] });
    // With -refresh=false Terraform plans from the old state: refused, rather than an update of nothing.
    const response = await plan(pt, state, custom('pt-gone'));
    expect(errors(response)[0].summary).toContain(`${String(state.id)} no longer exists`);
  });

  it("keeps the resource's own tags apart from default_tags and plans a default_tags change into tags_all", async () => {
    const state = await createPt(pt, custom('pt-drift'));
    const fresh = await configuredProvider(emulator, {}, { default_tags: [{ tags: { ...DEFAULT_TAGS, Owner: 'ops' } }] });
    const read = await fresh.pt.read(state);
    expect(read.newState).toMatchObject({ tags: { Team: 'search' }, tags_all: { ...DEFAULT_TAGS, Team: 'search' } });
    const response = await plan(fresh.pt, read.newState, custom('pt-drift'));
    expect(response.planned!.tags_all).toEqual({ ...DEFAULT_TAGS, Owner: 'ops', Team: 'search' });
    await fresh.provider.stop();
  });
});

describe('import', () => {
  it("imports by ARN and by name, with the resource's own tags apart from default_tags", async () => {
    const state = await createPt(pt, custom('pt-import'));
    for (const id of [String(state.id), 'pt-import']) {
      // Each `terraform import` runs a provider process of its own.
      const run = await configuredProvider(emulator);
      const { imported, diagnostics } = await run.pt.importState(id);
      await run.provider.stop();
      expect(diagnostics).toEqual([]);
      expect(imported).toEqual([{ ...state, timeouts: null }]);
    }
  });

  it('refuses to import a PT that does not exist, naming the account and region', async () => {
    const { imported, diagnostics } = await pt.importState('no-such-pt');
    expect(imported).toEqual([]);
    expect(errors({ diagnostics })[0].summary).toContain(`account ${DEV.account}, region ${DEV.region}`);
  });
});

describe('moved from hashicorp/aws', () => {
  /** The attributes hashicorp/aws 5.100.0 writes for aws_bedrock_provisioned_model_throughput (6.x adds region). */
  function awsState(state: CtyObject): Record<string, unknown> {
    return {
      commitment_duration: state.commitment_duration,
      id: state.id,
      model_arn: state.model_arn,
      model_units: state.model_units,
      provisioned_model_arn: state.provisioned_model_arn,
      provisioned_model_name: state.provisioned_model_name,
      region: DEV.region,
      tags: state.tags,
      tags_all: state.tags_all,
      timeouts: null,
    };
  }

  it('carries the state over, and the next plan neither replaces nor changes anything', async () => {
    const state = await createPt(pt, custom('pt-moved'));
    const { target, diagnostics } = pt.moveState({
      sourceProviderAddress: 'registry.terraform.io/hashicorp/aws',
      sourceTypeName: 'aws_bedrock_provisioned_model_throughput',
      sourceSchemaVersion: 0,
      sourceState: awsState(state),
    });
    expect(diagnostics).toEqual([]);
    expect(target).toMatchObject({ id: state.id, provisioned_model_name: 'pt-moved', status: null });
    const read = await pt.read(target!);
    expect(read.newState).toEqual({ ...state, timeouts: null });
    const response = await plan(pt, read.newState, custom('pt-moved'));
    expect(response.requiresReplace).toEqual([]);
    expect(response.planned).toEqual(read.newState);
  });

  it('refuses a move from another resource type', () => {
    const { target, diagnostics } = pt.moveState({
      sourceProviderAddress: 'registry.terraform.io/hashicorp/aws',
      sourceTypeName: 'aws_instance',
      sourceSchemaVersion: 1,
      sourceState: {},
    });
    expect(target).toBeNull();
    expect(errors({ diagnostics })).toHaveLength(1);
  });
});

describe('upgrade', () => {
  it('reads a version-0 raw state as the current object', () => {
    const { upgraded, diagnostics } = pt.upgradeState(0, {
      id: 'arn:aws:bedrock:us-east-1:111111111111:provisioned-model/abc',
      provisioned_model_name: 'x',
      model_units: 1,
      tags: { A: 'b' },
    });
    expect(diagnostics).toEqual([]);
    expect(upgraded).toMatchObject({ id: expect.stringContaining('provisioned-model/abc'), model_units: 1, tags: { A: 'b' }, status: null, timeouts: null });
  });

  it('refuses a state written by a newer schema', () => {
    expect(errors(pt.upgradeState(7, {}))).toHaveLength(1);
  });
});

describe('provider configuration', () => {
  it('refuses credentials that reach an account outside allowed_account_ids', async () => {
    const other = createBedrockptProvider();
    const diagnostics = await other.configure(providerConfig(emulator, { allowed_account_ids: [PROD.account] }), { terraformVersion: '1.13.0' });
    expect(errors({ diagnostics })).toEqual([
      expect.objectContaining({
        summary: expect.stringContaining(`${DEV.account} is not in allowed_account_ids`),
        path: [{ attribute: 'allowed_account_ids' }],
      }),
    ]);
    expect((await other.resources[0].plan({ prior: null, proposed: custom('x'), config: custom('x') })).diagnostics[0].summary).toContain('not configured');
  });

  it('refuses a provider block whose region is not known yet', async () => {
    const other = createBedrockptProvider();
    const diagnostics = await other.configure(providerConfig(emulator, { region: UNKNOWN }), { terraformVersion: '1.13.0' });
    expect(errors({ diagnostics })[0]).toMatchObject({ path: [{ attribute: 'region' }] });
  });

  it('refuses new calls after StopProvider', async () => {
    await provider.stop();
    const response = await plan(pt, null, ptConfig({ name: 'late', model: HAIKU_PT, units: 1, commitment: 'OneMonth' }));
    expect(errors(response)[0].detail).toContain('StopProvider');
  });
});

describe('validate', () => {
  it('reports each broken API limit on its attribute, and skips values not known yet', () => {
    const diagnostics = pt.validate({
      ...ptConfig({ name: 'bad name', model: HAIKU_PT, units: 0, commitment: 'OneYear' as 'OneMonth' }),
      tags: { 'aws:x': 'y', Team: UNKNOWN },
    });
    expect(diagnostics.map((d) => d.path)).toEqual([
      [{ attribute: 'provisioned_model_name' }],
      [{ attribute: 'model_units' }],
      [{ attribute: 'commitment_duration' }],
      [{ attribute: 'tags' }],
    ]);
    expect(pt.validate(ptConfig({ name: UNKNOWN, model: HAIKU_PT, units: UNKNOWN }))).toEqual([]);
  });
});
