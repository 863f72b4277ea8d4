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
import { BEDROCK_API_CONSTRAINTS, type Emulator } from '../../src/emulator';
import { bedrock, DEV, DEV_CUSTOM, startExampleEmulator } from './helpers';

interface Shape {
  type: string;
  min?: number;
  max?: number;
  pattern?: string;
  enum?: string[];
  member?: string;
}
const shapes = fixture.shapes as Record<string, Shape>;

/** The test's own reading of the fixture: whole-value pattern match, lengths, enums, integer ranges. */
function satisfies(shapeName: string, value: unknown): boolean {
  const shape = shapes[shapeName];
  if (shape.type === 'integer')
    return typeof value === 'number' && (shape.min === undefined || value >= shape.min) && (shape.max === undefined || value <= shape.max);
  if (shape.type === 'list') {
    const list = value as unknown[];
    return (shape.min === undefined || list.length >= shape.min) && (shape.max === undefined || list.length <= shape.max);
  }
  const text = value as string;
  if (shape.min !== undefined && text.length < shape.min) return false;
  if (shape.max !== undefined && text.length > shape.max) return false;
  if (shape.enum && !shape.enum.includes(text)) return false;
  return shape.pattern === undefined || new RegExp(`^(?:${shape.pattern})$`).test(text);
}

const SAMPLES = [
  'dev-support-chat',
  'a',
  'A1_b-2',
  'has space',
  '-leading',
  'trailing-',
  'double__under',
  'x.y',
  'ünïcode',
  'semi;colon',
  'anthropic.claude-3-haiku-20240307-v1:0:200k',
  'amazon.titan-text-express-v1:0:8k',
  'Anthropic',
  'UPPER.case',
  'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0:200k',
  'arn:aws:bedrock:us-east-1:111111111111:provisioned-model/abcdefabcdef',
  'arn:aws:bedrock:us-east-1:111111111111:provisioned-model/ABCDEF',
  'arn:aws:bedrock:us-east-1:111111111111:custom-model/amazon.titan-text-express-v1:0:8k/devsupport01',
  'arn:aws:bedrock:us-east-1:111111111111:custom-model/amazon.titan-text-express-v1:0:8k/short',
  'arn:aws:s3:::bucket',
  'key=value@host/+',
  'tab\there',
  'OneMonth',
  'SixMonths',
  'ThreeMonths',
  'onemonth',
  'InService',
  'Creating',
  'Deleting',
  'CreationTime',
  'Name',
  'Ascending',
  'Descending',
  'TEXT',
  'EMBEDDING',
  'VIDEO',
  'PROVISIONED',
  'ON_DEMAND',
  'FINE_TUNING',
  'DISTILLATION',
  'PRETRAINING',
  'token-123',
  'abc/+=',
  '<tag>',
];

/** Candidates for a string shape: fixed samples, enum members and the length boundaries. */
function stringCandidates(shapeName: string, allowEmpty: boolean): string[] {
  const shape = shapes[shapeName];
  const lengths = [shape.min, shape.max, shape.max === undefined ? undefined : shape.max + 1].filter((n): n is number => n !== undefined && n > 0);
  const all = [...SAMPLES, ...(shape.enum ?? []), ...lengths.map((n) => 'a'.repeat(n)), ...(allowEmpty ? [''] : [])];
  return [...new Set(all)];
}

type Send = (client: BedrockClient, value: unknown) => Promise<unknown>;

interface FieldCase {
  operation: string;
  member: string;
  /** The path the service names in its message. */
  path: string;
  shape: string;
  candidates: unknown[];
  send: Send;
}

const str = (operation: keyof typeof BEDROCK_API_CONSTRAINTS.operations, member: string, send: Send, allowEmpty = false): FieldCase => {
  const shape = BEDROCK_API_CONSTRAINTS.operations[operation].members[member].shape;
  return { operation, member, path: member, shape, candidates: stringCandidates(shape, allowEmpty), send };
};

const PT = 'arn:aws:bedrock:us-east-1:111111111111:provisioned-model/abcdefabcdef';
const createWith = (patch: Record<string, unknown>) => (c: BedrockClient) =>
  c.send(new CreateProvisionedModelThroughputCommand({ provisionedModelName: 'base', modelId: DEV_CUSTOM, modelUnits: 1, ...patch } as never));

const CASES: FieldCase[] = [
  str('CreateProvisionedModelThroughput', 'provisionedModelName', (c, v) => createWith({ provisionedModelName: v })(c), true),
  str('CreateProvisionedModelThroughput', 'modelId', (c, v) => createWith({ modelId: v })(c), true),
  str('CreateProvisionedModelThroughput', 'clientRequestToken', (c, v) => createWith({ clientRequestToken: v })(c)),
  str('CreateProvisionedModelThroughput', 'commitmentDuration', (c, v) => createWith({ commitmentDuration: v })(c)),
  {
    operation: 'CreateProvisionedModelThroughput',
    member: 'modelUnits',
    path: 'modelUnits',
    shape: 'PositiveInteger',
    candidates: [-3, 0, 1, 2],
    send: (c, v) => createWith({ modelUnits: v })(c),
  },
  {
    operation: 'CreateProvisionedModelThroughput',
    member: 'tags',
    path: 'tags',
    shape: 'TagList',
    candidates: [0, 3, 200, 201].map((n) => Array.from({ length: n }, (_, i) => ({ key: `k${i}`, value: 'v' }))),
    send: (c, v) => createWith({ tags: v })(c),
  },
  {
    ...str('CreateProvisionedModelThroughput', 'tags', (c, v) => createWith({ tags: [{ key: v, value: 'v' }] })(c)),
    shape: 'TagKey',
    path: 'tags.1.member.key',
    candidates: stringCandidates('TagKey', true),
  },
  {
    ...str('CreateProvisionedModelThroughput', 'tags', (c, v) => createWith({ tags: [{ key: 'k', value: v }] })(c)),
    shape: 'TagValue',
    path: 'tags.1.member.value',
    candidates: stringCandidates('TagValue', true),
  },
  str('GetProvisionedModelThroughput', 'provisionedModelId', (c, v) => c.send(new GetProvisionedModelThroughputCommand({ provisionedModelId: v as string }))),
  str('UpdateProvisionedModelThroughput', 'provisionedModelId', (c, v) =>
    c.send(new UpdateProvisionedModelThroughputCommand({ provisionedModelId: v as string })),
  ),
  str(
    'UpdateProvisionedModelThroughput',
    'desiredProvisionedModelName',
    (c, v) => c.send(new UpdateProvisionedModelThroughputCommand({ provisionedModelId: 'base', desiredProvisionedModelName: v as string })),
    true,
  ),
  str(
    'UpdateProvisionedModelThroughput',
    'desiredModelId',
    (c, v) => c.send(new UpdateProvisionedModelThroughputCommand({ provisionedModelId: 'base', desiredModelId: v as string })),
    true,
  ),
  str('DeleteProvisionedModelThroughput', 'provisionedModelId', (c, v) =>
    c.send(new DeleteProvisionedModelThroughputCommand({ provisionedModelId: v as string })),
  ),
  str('ListProvisionedModelThroughputs', 'statusEquals', (c, v) => c.send(new ListProvisionedModelThroughputsCommand({ statusEquals: v as never }))),
  str('ListProvisionedModelThroughputs', 'nameContains', (c, v) => c.send(new ListProvisionedModelThroughputsCommand({ nameContains: v as string }))),
  str('ListProvisionedModelThroughputs', 'modelArnEquals', (c, v) => c.send(new ListProvisionedModelThroughputsCommand({ modelArnEquals: v as string }))),
  str('ListProvisionedModelThroughputs', 'sortBy', (c, v) => c.send(new ListProvisionedModelThroughputsCommand({ sortBy: v as never }))),
  str('ListProvisionedModelThroughputs', 'sortOrder', (c, v) => c.send(new ListProvisionedModelThroughputsCommand({ sortOrder: v as never }))),
  str('ListProvisionedModelThroughputs', 'nextToken', (c, v) => c.send(new ListProvisionedModelThroughputsCommand({ nextToken: v as string }))),
  {
    operation: 'ListProvisionedModelThroughputs',
    member: 'maxResults',
    path: 'maxResults',
    shape: 'MaxResults',
    candidates: [0, 1, 1000, 1001],
    send: (c, v) => c.send(new ListProvisionedModelThroughputsCommand({ maxResults: v as number })),
  },
  str('TagResource', 'resourceARN', (c, v) => c.send(new TagResourceCommand({ resourceARN: v as string, tags: [] })), true),
  str('UntagResource', 'resourceARN', (c, v) => c.send(new UntagResourceCommand({ resourceARN: v as string, tagKeys: [] })), true),
  {
    ...str('UntagResource', 'tagKeys', (c, v) => c.send(new UntagResourceCommand({ resourceARN: PT, tagKeys: [v as string] })), true),
    shape: 'TagKey',
    path: 'tagKeys.1.member',
    candidates: stringCandidates('TagKey', true),
  },
  str('ListTagsForResource', 'resourceARN', (c, v) => c.send(new ListTagsForResourceCommand({ resourceARN: v as string })), true),
  str('GetFoundationModel', 'modelIdentifier', (c, v) => c.send(new GetFoundationModelCommand({ modelIdentifier: v as string }))),
  str('ListFoundationModels', 'byProvider', (c, v) => c.send(new ListFoundationModelsCommand({ byProvider: v as string }))),
  str('ListFoundationModels', 'byCustomizationType', (c, v) => c.send(new ListFoundationModelsCommand({ byCustomizationType: v as never }))),
  str('ListFoundationModels', 'byOutputModality', (c, v) => c.send(new ListFoundationModelsCommand({ byOutputModality: v as never }))),
  str('ListFoundationModels', 'byInferenceType', (c, v) => c.send(new ListFoundationModelsCommand({ byInferenceType: v as never }))),
  str('GetCustomModel', 'modelIdentifier', (c, v) => c.send(new GetCustomModelCommand({ modelIdentifier: v as string }))),
  str('ListCustomModels', 'nameContains', (c, v) => c.send(new ListCustomModelsCommand({ nameContains: v as string }))),
  str('ListCustomModels', 'baseModelArnEquals', (c, v) => c.send(new ListCustomModelsCommand({ baseModelArnEquals: v as string }))),
  str('ListCustomModels', 'foundationModelArnEquals', (c, v) => c.send(new ListCustomModelsCommand({ foundationModelArnEquals: v as string }))),
  str('ListCustomModels', 'modelStatus', (c, v) => c.send(new ListCustomModelsCommand({ modelStatus: v as never }))),
];

let emulator: Emulator;
let dev: BedrockClient;

beforeAll(async () => {
  emulator = await startExampleEmulator({ createDelayMs: 0 });
  dev = bedrock(emulator, DEV);
});
afterAll(() => emulator.close());

describe.each(CASES.map((c) => [`${c.operation} ${c.path}`, c] as const))('%s', (_name, field) => {
  it('accepts exactly the values the model allows, names the field otherwise, and changes nothing when it rejects', async () => {
    const verdicts = field.candidates.map((value) => ({ value, valid: satisfies(field.shape, value) }));
    expect(verdicts.some((v) => v.valid)).toBe(true);
    expect(verdicts.some((v) => !v.valid)).toBe(true);
    for (const { value, valid } of verdicts) {
      emulator.reset();
      await createWith({ provisionedModelName: 'base' })(dev);
      const before = JSON.stringify(emulator.inventory());
      const error = await field.send(dev, value).then(
        () => undefined,
        (e: Error) => e,
      );
      const rejected = !!error && error.name === 'ValidationException' && error.message.includes(`at '${field.path}' failed to satisfy constraint`);
      if (rejected !== !valid)
        throw new Error(
          `${field.path}=${JSON.stringify(value).slice(0, 80)}: expected ${valid ? 'accepted' : 'rejected'}, got ${error ? `${error.name}: ${error.message}` : 'success'}`,
        );
      if (rejected) expect(JSON.stringify(emulator.inventory())).toBe(before);
    }
  });
});

it('reports a missing required member as "must not be null" naming it', async () => {
  const error = await createWith({ provisionedModelName: undefined })(dev).then(
    () => undefined,
    (e: Error) => e,
  );
  expect(error?.name).toBe('ValidationException');
  expect(error?.message).toContain("Value null at 'provisionedModelName' failed to satisfy constraint: Member must not be null");
});

it('reports a body that is not JSON as ValidationException', async () => {
  const response = await fetch(`${emulator.url}/provisioned-model-throughput`, {
    method: 'POST',
    headers: {
      authorization: 'AWS4-HMAC-SHA256 Credential=AKIADEVEXAMPLE000001/20250115/us-east-1/bedrock/aws4_request, SignedHeaders=host, Signature=x',
      'content-type': 'application/json',
    },
    body: '{not json',
  });
  expect(response.status).toBe(400);
  expect(response.headers.get('x-amzn-errortype')).toBe('ValidationException');
});
