/**
 * tfplugin6.Provider over real gRPC (a unix socket, protobuf on the wire) with a small resource
 * behind the contract, so each RPC's decoding, dispatch and encoding is checked as Terraform sees it.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { UNKNOWN, type CtyObject, type ProviderImpl, type ResourceType } from '../../src/provider/contract';
import { decodeMsgpack, encodeMsgpack } from '../../src/provider/protocol/cty';
import { loadProtocol, loadProtocolClients } from '../../src/provider/protocol/descriptor';
import { providerHandlers } from '../../src/provider/protocol/provider-service';
import { blockType } from '../../src/provider/protocol/schema';
import { call } from './plugin-process';

const calls: { method: string; args: unknown[] }[] = [];
let applyFails = false;

const example: ResourceType = {
  typeName: 'bedrockpt_example',
  schemaVersion: 2,
  schema: {
    attributes: [
      { name: 'name', type: 'string', required: true },
      { name: 'units', type: 'number', required: true },
      { name: 'arn', type: 'string', computed: true },
      { name: 'tags', type: ['map', 'string'], optional: true },
    ],
    blocks: [{ typeName: 'timeouts', nesting: 'single', block: { attributes: [{ name: 'create', type: 'string', optional: true }] } }],
  },
  movableFrom: ['aws_bedrock_provisioned_model_throughput'],
  validate: (config) => {
    calls.push({ method: 'validate', args: [config] });
    return [{ severity: 'error', summary: 'tag value too long', path: [{ attribute: 'tags' }, { key: 'Team' }] }];
  },
  plan: async (request) => {
    calls.push({ method: 'plan', args: [request] });
    return { planned: request.proposed, requiresReplace: [[{ attribute: 'units' }]], diagnostics: [] };
  },
  apply: async (request) => {
    calls.push({ method: 'apply', args: [request] });
    if (applyFails) throw new Error('the emulator went away');
    return { newState: { ...(request.planned as CtyObject), arn: 'arn:aws:bedrock:us-east-1:111111111111:provisioned-model/abc' }, diagnostics: [] };
  },
  read: async () => ({ newState: null, diagnostics: [] }),
  importState: async (id) => ({ imported: [{ name: id, units: 1, arn: `arn:${id}`, tags: null, timeouts: null }], diagnostics: [] }),
  upgradeState: (version, raw) => {
    calls.push({ method: 'upgradeState', args: [version, raw] });
    return { upgraded: { name: String(raw.provisioned_model_name), units: 1, arn: null, tags: null, timeouts: null }, diagnostics: [] };
  },
  moveState: (request) => {
    calls.push({ method: 'moveState', args: [request] });
    return { target: { name: String(request.sourceState.provisioned_model_name), units: 2, arn: 'arn:x', tags: {}, timeouts: null }, diagnostics: [] };
  },
};

const impl: ProviderImpl = {
  providerSchema: { attributes: [{ name: 'region', type: 'string', optional: true }] },
  resources: [example],
  validateConfig: () => [],
  configure: async (config, meta) => {
    calls.push({ method: 'configure', args: [config, meta] });
    return [{ severity: 'warning', summary: 'using the emulator' }];
  },
  stop: async () => {
    calls.push({ method: 'stop', args: [] });
  },
};

const TYPE = blockType(example.schema);
const dv = (value: CtyObject | null) => ({ msgpack: Buffer.from(encodeMsgpack(value, TYPE)) });
const PRIOR: CtyObject = { name: 'chat', units: 1, arn: 'arn:old', tags: { Team: 'ml' }, timeouts: null };

let server: grpc.Server;
let client: any;
let dir: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bedrockpt-rpc-'));
  const protocol = loadProtocol();
  server = new grpc.Server();
  server.addService(protocol.provider, providerHandlers(impl));
  const address = `unix://${path.join(dir, 'rpc.sock')}`;
  await new Promise<void>((resolve, reject) => server.bindAsync(address, grpc.ServerCredentials.createInsecure(), (err) => (err ? reject(err) : resolve())));
  client = new (loadProtocolClients().provider)(address, grpc.credentials.createInsecure());
});

afterAll(() => {
  client.close();
  server.forceShutdown();
  fs.rmSync(dir, { recursive: true, force: true });
});

beforeEach(() => {
  calls.length = 0;
  applyFails = false;
});

describe('tfplugin6.Provider dispatch', () => {
  it('describes the resource schema with cty JSON types, nested blocks and the capabilities Terraform needs', async () => {
    const response = await call(client, 'GetProviderSchema');
    const schema = response.resource_schemas.bedrockpt_example;
    expect(schema.version).toBe(2);
    expect(schema.block.attributes.map((a: any) => [a.name, JSON.parse(a.type.toString()), !!a.required, !!a.computed])).toEqual([
      ['name', 'string', true, false],
      ['units', 'number', true, false],
      ['arn', 'string', false, true],
      ['tags', ['map', 'string'], false, false],
    ]);
    expect(schema.block.block_types[0]).toMatchObject({ type_name: 'timeouts', nesting: 'SINGLE' });
    expect(response.server_capabilities).toMatchObject({ plan_destroy: true, move_resource_state: true });
    expect((await call(client, 'GetMetadata')).resources).toEqual([{ type_name: 'bedrockpt_example' }]);
  });

  it('passes diagnostics back with their attribute paths', async () => {
    const response = await call(client, 'ValidateResourceConfig', { type_name: 'bedrockpt_example', config: dv(PRIOR) });
    expect(response.diagnostics).toHaveLength(1);
    expect(response.diagnostics[0]).toMatchObject({ severity: 'ERROR', summary: 'tag value too long' });
    expect(response.diagnostics[0].attribute.steps).toMatchObject([{ attribute_name: 'tags' }, { element_key_string: 'Team' }]);
  });

  it("configures the provider with its decoded config and Terraform's version", async () => {
    const config = { msgpack: Buffer.from(encodeMsgpack({ region: 'us-east-1' }, blockType(impl.providerSchema))) };
    const response = await call(client, 'ConfigureProvider', { terraform_version: '1.11.4', config });
    expect(calls).toEqual([{ method: 'configure', args: [{ region: 'us-east-1' }, { terraformVersion: '1.11.4' }] }]);
    expect(response.diagnostics).toMatchObject([{ severity: 'WARNING', summary: 'using the emulator' }]);
  });

  it('plans with unknowns kept unknown and returns the paths that force replacement', async () => {
    const proposed: CtyObject = { ...PRIOR, units: 2, arn: UNKNOWN };
    const response = await call(client, 'PlanResourceChange', {
      type_name: 'bedrockpt_example',
      prior_state: dv(PRIOR),
      proposed_new_state: dv(proposed),
      config: dv(proposed),
    });
    expect((calls[0].args[0] as any).proposed).toEqual(proposed);
    expect(decodeMsgpack(response.planned_state.msgpack, TYPE)).toEqual(proposed);
    expect(response.requires_replace).toMatchObject([{ steps: [{ attribute_name: 'units' }] }]);
  });

  it('plans a create (no prior state) and a destroy (no proposed state) with null on that side', async () => {
    await call(client, 'PlanResourceChange', { type_name: 'bedrockpt_example', prior_state: dv(null), proposed_new_state: dv(PRIOR), config: dv(PRIOR) });
    await call(client, 'PlanResourceChange', { type_name: 'bedrockpt_example', prior_state: dv(PRIOR), proposed_new_state: dv(null), config: dv(null) });
    expect(calls.map((c) => [(c.args[0] as any).prior, (c.args[0] as any).proposed])).toEqual([
      [null, PRIOR],
      [PRIOR, null],
    ]);
  });

  it('applies and returns the new state', async () => {
    const response = await call(client, 'ApplyResourceChange', {
      type_name: 'bedrockpt_example',
      prior_state: dv(PRIOR),
      planned_state: dv({ ...PRIOR, name: 'renamed' }),
      config: dv(PRIOR),
    });
    expect(decodeMsgpack(response.new_state.msgpack, TYPE)).toMatchObject({
      name: 'renamed',
      arn: 'arn:aws:bedrock:us-east-1:111111111111:provisioned-model/abc',
    });
    expect(response.diagnostics ?? []).toEqual([]);
  });

  it('keeps the prior state when an apply throws, so Terraform does not forget the PT', async () => {
    applyFails = true;
    const response = await call(client, 'ApplyResourceChange', {
      type_name: 'bedrockpt_example',
      prior_state: dv(PRIOR),
      planned_state: dv({ ...PRIOR, name: 'renamed' }),
      config: dv(PRIOR),
    });
    expect(decodeMsgpack(response.new_state.msgpack, TYPE)).toEqual(PRIOR);
    expect(response.diagnostics).toMatchObject([
      { severity: 'ERROR', summary: 'bedrockpt provider: ApplyResourceChange failed', detail: 'the emulator went away' },
    ]);
  });

  it('reports a value that does not fit the schema as an error naming the attribute, not a broken call', async () => {
    const bad = { msgpack: Buffer.from(encodeMsgpack({ name: 'x', units: 'two' }, ['object', { name: 'string', units: 'string' }])) };
    const response = await call(client, 'ValidateResourceConfig', { type_name: 'bedrockpt_example', config: bad });
    expect(response.diagnostics[0].summary).toBe('bedrockpt provider: ValidateResourceConfig got a value it cannot read');
    expect(response.diagnostics[0].attribute.steps).toMatchObject([{ attribute_name: 'units' }]);
    expect(calls).toEqual([]);
  });

  it('reads a PT that is gone as null state, and imports by id', async () => {
    const read = await call(client, 'ReadResource', { type_name: 'bedrockpt_example', current_state: dv(PRIOR) });
    expect(decodeMsgpack(read.new_state.msgpack, TYPE)).toBeNull();
    const imported = await call(client, 'ImportResourceState', { type_name: 'bedrockpt_example', id: 'chat' });
    expect(imported.imported_resources).toHaveLength(1);
    expect(imported.imported_resources[0].type_name).toBe('bedrockpt_example');
    expect(decodeMsgpack(imported.imported_resources[0].state.msgpack, TYPE)).toMatchObject({ name: 'chat', arn: 'arn:chat' });
  });

  it('upgrades state from its raw JSON and version', async () => {
    const raw = { provisioned_model_name: 'old-name', model_units: 1 };
    const response = await call(client, 'UpgradeResourceState', {
      type_name: 'bedrockpt_example',
      version: 1,
      raw_state: { json: Buffer.from(JSON.stringify(raw)) },
    });
    expect(calls).toEqual([{ method: 'upgradeState', args: [1, raw] }]);
    expect(decodeMsgpack(response.upgraded_state.msgpack, TYPE)).toMatchObject({ name: 'old-name' });
  });

  it('moves state only from the types the resource accepts', async () => {
    const sourceState = { json: Buffer.from(JSON.stringify({ provisioned_model_name: 'chat' })) };
    const refused = await call(client, 'MoveResourceState', {
      source_type_name: 'aws_s3_bucket',
      target_type_name: 'bedrockpt_example',
      source_state: sourceState,
    });
    expect(refused.diagnostics[0].summary).toBe('bedrockpt provider: cannot move aws_s3_bucket to bedrockpt_example');
    expect(calls).toEqual([]);
    const moved = await call(client, 'MoveResourceState', {
      source_provider_address: 'registry.terraform.io/hashicorp/aws',
      source_type_name: 'aws_bedrock_provisioned_model_throughput',
      source_schema_version: 0,
      target_type_name: 'bedrockpt_example',
      source_state: sourceState,
    });
    expect(decodeMsgpack(moved.target_state.msgpack, TYPE)).toMatchObject({ name: 'chat', units: 2 });
    expect((calls[0].args[0] as any).sourceProviderAddress).toBe('registry.terraform.io/hashicorp/aws');
  });

  it('answers a type it does not serve, data sources and functions with a clear error or an empty list', async () => {
    const unknown = await call(client, 'PlanResourceChange', { type_name: 'bedrockpt_nope' });
    expect(unknown.diagnostics[0].summary).toBe('bedrockpt provider has no resource type "bedrockpt_nope"');
    const data = await call(client, 'ReadDataSource', { type_name: 'bedrockpt_thing' });
    expect(data.diagnostics[0].summary).toBe('bedrockpt provider has no data source "bedrockpt_thing"');
    const functions = await call(client, 'GetFunctions');
    expect([functions.functions ?? {}, functions.diagnostics ?? []]).toEqual([{}, []]);
  });

  it('forwards StopProvider to the provider', async () => {
    expect(await call(client, 'StopProvider')).toEqual({ Error: '' });
    expect(calls).toEqual([{ method: 'stop', args: [] }]);
  });
});
