import {
  CreateProvisionedModelThroughputCommand,
  DeleteProvisionedModelThroughputCommand,
  GetCustomModelCommand,
  GetFoundationModelCommand,
  GetProvisionedModelThroughputCommand,
  ListCustomModelsCommand,
  ListFoundationModelsCommand,
  ListProvisionedModelThroughputsCommand,
  ListTagsForResourceCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateProvisionedModelThroughputCommand,
  type BedrockClient,
} from '@aws-sdk/client-bedrock';
import fixture from '../../src/emulator/bedrock-api-constraints.json';
import type { Emulator, OperationName } from '../../src/emulator';
import { bedrock, DEV, DEV_CUSTOM, HAIKU_PT, startExampleEmulator } from './helpers';

/** Any Bedrock command; send() overloads are too narrow for a heterogeneous table. */
type AnyCommand = { input: object };

const MISSING_PT = 'arn:aws:bedrock:us-east-1:111111111111:provisioned-model/abcdefabcdef';
const many = (n: number) => Array.from({ length: n }, (_, i) => ({ key: `k${i}`, value: 'v' }));
const createInput = { provisionedModelName: 'fresh', modelId: DEV_CUSTOM, modelUnits: 1 };

/** For each operation: calls that provoke each modelled client error (server-side ones come from controls). */
const PROVOKE: Record<OperationName, Record<string, () => AnyCommand>> = {
  CreateProvisionedModelThroughput: {
    ok: () => new CreateProvisionedModelThroughputCommand(createInput),
    ValidationException: () => new CreateProvisionedModelThroughputCommand({ ...createInput, modelUnits: 0 }),
    ResourceNotFoundException: () => new CreateProvisionedModelThroughputCommand({ ...createInput, modelId: 'no.such-model:0:8k' }),
    TooManyTagsException: () => new CreateProvisionedModelThroughputCommand({ ...createInput, tags: many(51) }),
    ServiceQuotaExceededException: () =>
      new CreateProvisionedModelThroughputCommand({ ...createInput, modelId: HAIKU_PT, modelUnits: 99, commitmentDuration: 'OneMonth' }),
  },
  GetProvisionedModelThroughput: {
    ok: () => new GetProvisionedModelThroughputCommand({ provisionedModelId: 'existing' }),
    ValidationException: () => new GetProvisionedModelThroughputCommand({ provisionedModelId: 'bad name!' }),
    ResourceNotFoundException: () => new GetProvisionedModelThroughputCommand({ provisionedModelId: MISSING_PT }),
  },
  ListProvisionedModelThroughputs: {
    ok: () => new ListProvisionedModelThroughputsCommand({}),
    ValidationException: () => new ListProvisionedModelThroughputsCommand({ maxResults: 1001 }),
  },
  UpdateProvisionedModelThroughput: {
    ok: () => new UpdateProvisionedModelThroughputCommand({ provisionedModelId: 'existing' }),
    ValidationException: () => new UpdateProvisionedModelThroughputCommand({ provisionedModelId: 'existing', desiredProvisionedModelName: 'bad name!' }),
    ResourceNotFoundException: () => new UpdateProvisionedModelThroughputCommand({ provisionedModelId: MISSING_PT }),
  },
  DeleteProvisionedModelThroughput: {
    ok: () => new DeleteProvisionedModelThroughputCommand({ provisionedModelId: 'creating' }),
    ValidationException: () => new DeleteProvisionedModelThroughputCommand({ provisionedModelId: 'bad name!' }),
    ResourceNotFoundException: () => new DeleteProvisionedModelThroughputCommand({ provisionedModelId: MISSING_PT }),
    ConflictException: () => new DeleteProvisionedModelThroughputCommand({ provisionedModelId: 'creating' }),
  },
  TagResource: {
    ok: () => new TagResourceCommand({ resourceARN: MISSING_PT, tags: [] }),
    ValidationException: () => new TagResourceCommand({ resourceARN: MISSING_PT, tags: many(201) }),
    ResourceNotFoundException: () => new TagResourceCommand({ resourceARN: MISSING_PT, tags: [] }),
    TooManyTagsException: () => new TagResourceCommand({ resourceARN: 'EXISTING_ARN', tags: many(51) }),
  },
  UntagResource: {
    ok: () => new UntagResourceCommand({ resourceARN: MISSING_PT, tagKeys: [] }),
    ValidationException: () => new UntagResourceCommand({ resourceARN: MISSING_PT, tagKeys: [''] }),
    ResourceNotFoundException: () => new UntagResourceCommand({ resourceARN: MISSING_PT, tagKeys: [] }),
  },
  ListTagsForResource: {
    ok: () => new ListTagsForResourceCommand({ resourceARN: MISSING_PT }),
    ValidationException: () => new ListTagsForResourceCommand({ resourceARN: 'short' + ' x' }),
    ResourceNotFoundException: () => new ListTagsForResourceCommand({ resourceARN: MISSING_PT }),
  },
  GetFoundationModel: {
    ok: () => new GetFoundationModelCommand({ modelIdentifier: HAIKU_PT }),
    ValidationException: () => new GetFoundationModelCommand({ modelIdentifier: 'NoDot' }),
    ResourceNotFoundException: () => new GetFoundationModelCommand({ modelIdentifier: 'no.such-model' }),
  },
  ListFoundationModels: {
    ok: () => new ListFoundationModelsCommand({}),
    ValidationException: () => new ListFoundationModelsCommand({ byInferenceType: 'SOMETIMES' as never }),
  },
  GetCustomModel: {
    ok: () => new GetCustomModelCommand({ modelIdentifier: DEV_CUSTOM }),
    ValidationException: () => new GetCustomModelCommand({ modelIdentifier: 'bad name!' }),
    ResourceNotFoundException: () => new GetCustomModelCommand({ modelIdentifier: 'no-such-model' }),
  },
  ListCustomModels: {
    ok: () => new ListCustomModelsCommand({}),
    ValidationException: () => new ListCustomModelsCommand({ sortOrder: 'Sideways' as never }),
  },
};

let emulator: Emulator;
let dev: BedrockClient;

beforeAll(async () => {
  emulator = await startExampleEmulator({ committedUnitsQuota: 0 });
  dev = bedrock(emulator, DEV);
});
afterAll(() => emulator.close());

function rawPath(operation: OperationName): { method: string; path: string } {
  const op = fixture.operations[operation];
  return { method: op.method, path: op.requestUri.replace(/\{[^}]+\}/g, 'x') };
}

it.each(Object.keys(PROVOKE) as OperationName[])('%s can return every error the model lists for it, and only those', async (operation) => {
  emulator.reset();
  const { provisionedModelArn: existing } = await dev.send(
    new CreateProvisionedModelThroughputCommand({ ...createInput, provisionedModelName: 'existing', tags: many(50) }),
  );
  emulator.advance(60_000);
  await dev.send(new CreateProvisionedModelThroughputCommand({ ...createInput, provisionedModelName: 'creating', modelUnits: 1 }));
  emulator.resetRequests();
  const calls = PROVOKE[operation];
  const send = async (make: () => AnyCommand): Promise<string | undefined> => {
    const command = make();
    const input = command.input as Record<string, unknown>;
    if (input.resourceARN === 'EXISTING_ARN') input.resourceARN = existing;
    return dev.send(command as never).then(
      () => undefined,
      (e: Error) => e.name,
    );
  };

  const surfaced = new Set<string>();
  for (const [expected, make] of Object.entries(calls)) {
    if (expected === 'ok') continue;
    surfaced.add((await send(make)) ?? 'success');
  }
  emulator.injectFault({ operation, kind: 'internal-error' });
  surfaced.add((await send(calls.ok)) ?? 'success');
  emulator.setRateLimit(operation, { ratePerSecond: 0, burst: 0 });
  surfaced.add((await send(calls.ok)) ?? 'success');
  emulator.setRateLimit(operation, null);
  const { method, path } = rawPath(operation);
  const unsigned = await fetch(emulator.url + path, { method, body: method === 'GET' || method === 'DELETE' ? undefined : '{}' });
  surfaced.add(unsigned.headers.get('x-amzn-errortype') ?? 'success');

  const modelled = fixture.operations[operation].errors;
  expect([...surfaced].sort()).toEqual([...modelled].sort());
  const logged = new Set(
    emulator
      .requests()
      .filter((r) => r.operation === operation)
      .map((r) => r.error),
  );
  expect([...logged].sort()).toEqual([...modelled].sort());
});
