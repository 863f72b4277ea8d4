import {
  CreateProvisionedModelThroughputCommand,
  DeleteProvisionedModelThroughputCommand,
  GetProvisionedModelThroughputCommand,
  ListTagsForResourceCommand,
  TagResourceCommand,
  UpdateProvisionedModelThroughputCommand,
  type BedrockClient,
  type CreateProvisionedModelThroughputCommandInput,
} from '@aws-sdk/client-bedrock';
import { commitmentExpiry, startEmulator, type Emulator } from '../../src/emulator';
import { bedrock, DAY, DEV, DEV_CUSTOM, DEV_CUSTOM_SIBLING, HAIKU_ON_DEMAND, HAIKU_PT, PROD, rejection, startExampleEmulator, TITAN_PT } from './helpers';

let emulator: Emulator;
let dev: BedrockClient;
let prod: BedrockClient;

beforeAll(async () => {
  emulator = await startExampleEmulator();
  dev = bedrock(emulator, DEV);
  prod = bedrock(emulator, PROD);
});
afterAll(() => emulator.close());
beforeEach(() => emulator.reset());

const TITAN_ARN = `arn:aws:bedrock:us-east-1::foundation-model/${TITAN_PT}`;
const create = (client: BedrockClient, input: Partial<CreateProvisionedModelThroughputCommandInput> = {}) =>
  client.send(new CreateProvisionedModelThroughputCommand({ provisionedModelName: 'dev-support-chat', modelId: DEV_CUSTOM, modelUnits: 1, ...input }));
const committed = (input: Partial<CreateProvisionedModelThroughputCommandInput> = {}) =>
  create(prod, { provisionedModelName: 'prod-support-chat', modelId: HAIKU_PT, modelUnits: 2, commitmentDuration: 'SixMonths', ...input });
const get = (client: BedrockClient, id: string) => client.send(new GetProvisionedModelThroughputCommand({ provisionedModelId: id }));

/** Asserts a call fails with `type` and that the caller's PTs are exactly as before. */
async function expectRejectedWithoutChange(client: BedrockClient, call: Promise<unknown>, type: string, message?: RegExp): Promise<void> {
  const before = JSON.stringify(emulator.inventory());
  const error = await rejection(call);
  expect(error.name).toBe(type);
  if (message) expect(error.message).toMatch(message);
  expect(JSON.stringify(emulator.inventory())).toBe(before);
}

describe('lifecycle', () => {
  it('moves Creating to InService after the create delay, computed from the clock', async () => {
    const { provisionedModelArn: arn } = await create(dev);
    emulator.advance(59_999);
    expect((await get(dev, arn!)).status).toBe('Creating');
    emulator.advance(1);
    const pt = await get(dev, arn!);
    expect(pt.status).toBe('InService');
    expect(pt.lastModifiedTime).toEqual(new Date(Date.parse('2025-01-15T10:01:00.000Z')));
  });

  it('ends a create Failed with the injected failure message', async () => {
    emulator.failNextCreate('Insufficient capacity for amazon.titan-text-express-v1:0:8k', { account: DEV.account });
    const { provisionedModelArn: arn } = await create(dev);
    emulator.advance(60_000);
    expect(await get(dev, arn!)).toMatchObject({ status: 'Failed', failureMessage: 'Insufficient capacity for amazon.titan-text-express-v1:0:8k' });
    const { provisionedModelArn: next } = await create(dev, { provisionedModelName: 'second' });
    emulator.advance(60_000);
    expect((await get(dev, next!)).status).toBe('InService');
  });

  it('moves a model change through Updating with desiredModelArn ahead of modelArn', async () => {
    const { provisionedModelArn: arn } = await create(dev);
    emulator.advance(60_000);
    await dev.send(new UpdateProvisionedModelThroughputCommand({ provisionedModelId: arn, desiredModelId: DEV_CUSTOM_SIBLING }));
    expect(await get(dev, arn!)).toMatchObject({ status: 'Updating', modelArn: DEV_CUSTOM, desiredModelArn: DEV_CUSTOM_SIBLING });
    emulator.advance(60_000);
    expect(await get(dev, arn!)).toMatchObject({ status: 'InService', modelArn: DEV_CUSTOM_SIBLING, desiredModelArn: DEV_CUSTOM_SIBLING });
  });

  it('renames a PT immediately without a transition', async () => {
    const { provisionedModelArn: arn } = await create(dev);
    emulator.advance(60_000);
    await dev.send(new UpdateProvisionedModelThroughputCommand({ provisionedModelId: 'dev-support-chat', desiredProvisionedModelName: 'renamed' }));
    expect(await get(dev, arn!)).toMatchObject({ provisionedModelName: 'renamed', status: 'InService' });
  });
});

describe('names and lookups', () => {
  it('refuses a second PT with the same name in the same account and region', async () => {
    await create(dev);
    await expectRejectedWithoutChange(dev, create(dev, { modelId: DEV_CUSTOM_SIBLING }), 'ValidationException', /already exists/);
  });

  it('allows the same name in another account', async () => {
    await create(dev);
    await expect(create(prod, { modelId: HAIKU_PT, commitmentDuration: 'OneMonth' })).resolves.toBeDefined();
  });

  it('refuses a rename onto a taken name', async () => {
    await create(dev);
    await create(dev, { provisionedModelName: 'other', modelId: DEV_CUSTOM_SIBLING });
    emulator.advance(60_000);
    await expectRejectedWithoutChange(
      dev,
      dev.send(new UpdateProvisionedModelThroughputCommand({ provisionedModelId: 'other', desiredProvisionedModelName: 'dev-support-chat' })),
      'ValidationException',
    );
  });

  it('reports an unknown name or ARN as ResourceNotFoundException', async () => {
    expect((await rejection(get(dev, 'nope'))).name).toBe('ResourceNotFoundException');
    expect((await rejection(get(dev, 'arn:aws:bedrock:us-east-1:111111111111:provisioned-model/abcdefabcdef'))).name).toBe('ResourceNotFoundException');
    await expectRejectedWithoutChange(dev, dev.send(new DeleteProvisionedModelThroughputCommand({ provisionedModelId: 'nope' })), 'ResourceNotFoundException');
    await expectRejectedWithoutChange(
      dev,
      dev.send(new UpdateProvisionedModelThroughputCommand({ provisionedModelId: 'nope', desiredProvisionedModelName: 'x' })),
      'ResourceNotFoundException',
    );
  });
});

describe('model rules', () => {
  it('refuses a foundation model that does not support PROVISIONED', async () => {
    await expectRejectedWithoutChange(prod, committed({ modelId: HAIKU_ON_DEMAND }), 'ValidationException', /PROVISIONED/);
  });

  it('refuses an unknown model with ResourceNotFoundException', async () => {
    await expectRejectedWithoutChange(prod, committed({ modelId: 'anthropic.claude-9-v1:0:200k' }), 'ResourceNotFoundException');
    await expectRejectedWithoutChange(prod, create(prod, { modelId: DEV_CUSTOM }), 'ResourceNotFoundException');
  });

  it('accepts a foundation model by ARN and a LEGACY model that still supports PROVISIONED', async () => {
    await expect(committed({ modelId: `arn:aws:bedrock:us-east-1::foundation-model/${HAIKU_PT}`, modelUnits: 1 })).resolves.toBeDefined();
    await expect(committed({ provisionedModelName: 'legacy', modelId: 'anthropic.claude-v2:1:200k', modelUnits: 1 })).resolves.toBeDefined();
  });

  it('never changes the model of a PT bought for a base model', async () => {
    const { provisionedModelArn: arn } = await committed();
    emulator.advance(60_000);
    await expectRejectedWithoutChange(
      prod,
      prod.send(new UpdateProvisionedModelThroughputCommand({ provisionedModelId: arn, desiredModelId: 'anthropic.claude-3-haiku-20240307-v1:0:48k' })),
      'ValidationException',
      /base model/,
    );
  });

  it('moves a custom-model PT to its base model or a sibling, but not to another base', async () => {
    emulator.addCustomModel({
      account: DEV.account,
      region: DEV.region,
      id: 'llamatuned01',
      name: 'llama-tuned',
      baseModelId: 'meta.llama3-1-8b-instruct-v1:0:128k',
    });
    const { provisionedModelArn: arn } = await create(dev);
    emulator.advance(60_000);
    await expectRejectedWithoutChange(
      dev,
      dev.send(new UpdateProvisionedModelThroughputCommand({ provisionedModelId: arn, desiredModelId: 'llama-tuned' })),
      'ValidationException',
      /derived from/,
    );
    await dev.send(new UpdateProvisionedModelThroughputCommand({ provisionedModelId: arn, desiredModelId: TITAN_PT }));
    emulator.advance(60_000);
    expect(await get(dev, arn!)).toMatchObject({ modelArn: TITAN_ARN, status: 'InService' });
    await dev.send(new UpdateProvisionedModelThroughputCommand({ provisionedModelId: arn, desiredModelId: DEV_CUSTOM_SIBLING }));
    emulator.advance(60_000);
    expect((await get(dev, arn!)).modelArn).toBe(DEV_CUSTOM_SIBLING);
  });
});

describe('transitions block changes', () => {
  it('refuses an update while Creating (ValidationException) and a delete while Creating or Updating (ConflictException)', async () => {
    const { provisionedModelArn: arn } = await create(dev);
    await expectRejectedWithoutChange(
      dev,
      dev.send(new UpdateProvisionedModelThroughputCommand({ provisionedModelId: arn, desiredProvisionedModelName: 'x' })),
      'ValidationException',
      /Creating/,
    );
    await expectRejectedWithoutChange(dev, dev.send(new DeleteProvisionedModelThroughputCommand({ provisionedModelId: arn })), 'ConflictException');
    emulator.advance(60_000);
    await dev.send(new UpdateProvisionedModelThroughputCommand({ provisionedModelId: arn, desiredModelId: DEV_CUSTOM_SIBLING }));
    await expectRejectedWithoutChange(
      dev,
      dev.send(new UpdateProvisionedModelThroughputCommand({ provisionedModelId: arn, desiredModelId: DEV_CUSTOM })),
      'ValidationException',
      /Updating/,
    );
    await expectRejectedWithoutChange(dev, dev.send(new DeleteProvisionedModelThroughputCommand({ provisionedModelId: arn })), 'ConflictException');
  });
});

describe('commitments', () => {
  it('sets commitmentExpirationTime one calendar month or six months after creation', async () => {
    const { provisionedModelArn: six } = await committed();
    const { provisionedModelArn: one } = await committed({ provisionedModelName: 'one', modelUnits: 1, commitmentDuration: 'OneMonth' });
    expect((await get(prod, six!)).commitmentExpirationTime).toEqual(new Date('2025-07-15T10:00:00.000Z'));
    expect((await get(prod, one!)).commitmentExpirationTime).toEqual(new Date('2025-02-15T10:00:00.000Z'));
    expect(new Date(commitmentExpiry(Date.parse('2025-01-31T00:00:00Z'), 'OneMonth')).toISOString()).toBe('2025-02-28T00:00:00.000Z');
  });

  it('refuses to delete a committed PT before the term ends and allows it after', async () => {
    const { provisionedModelArn: arn } = await committed({ commitmentDuration: 'OneMonth' });
    emulator.advance(30 * DAY);
    await expectRejectedWithoutChange(
      prod,
      prod.send(new DeleteProvisionedModelThroughputCommand({ provisionedModelId: arn })),
      'ValidationException',
      /2025-02-15T10:00:00.000Z/,
    );
    emulator.advance(1 * DAY);
    await prod.send(new DeleteProvisionedModelThroughputCommand({ provisionedModelId: arn }));
    expect(emulator.inventory(PROD.account)).toEqual([]);
  });

  it('allows the delete a second after the term ends: the service judges on its own clock, with no margin (the planner keeps one)', async () => {
    const { provisionedModelArn: arn } = await committed({ commitmentDuration: 'OneMonth' });
    emulator.advance(31 * DAY - 1_000);
    await expectRejectedWithoutChange(
      prod,
      prod.send(new DeleteProvisionedModelThroughputCommand({ provisionedModelId: arn })),
      'ValidationException',
      /2025-02-15T10:00:00.000Z/,
    );
    emulator.advance(2_000);
    await prod.send(new DeleteProvisionedModelThroughputCommand({ provisionedModelId: arn }));
    expect(emulator.inventory(PROD.account)).toEqual([]);
  });

  it('refuses to delete a Failed committed PT before its term ends, as any committed PT', async () => {
    emulator.failNextCreate('capacity');
    const { provisionedModelArn: arn } = await committed({ commitmentDuration: 'OneMonth' });
    emulator.advance(60_000);
    expect((await get(prod, arn!)).status).toBe('Failed');
    await expectRejectedWithoutChange(
      prod,
      prod.send(new DeleteProvisionedModelThroughputCommand({ provisionedModelId: arn })),
      'ValidationException',
      /before 2025-02-15T10:00:00.000Z, even in status Failed/,
    );
    emulator.advance(31 * DAY);
    await prod.send(new DeleteProvisionedModelThroughputCommand({ provisionedModelId: arn }));
    expect(emulator.inventory()).toEqual([]);
  });
});

describe('clientRequestToken', () => {
  it('returns the original ARN for the same token and parameters and creates nothing', async () => {
    const first = await create(dev, { clientRequestToken: 'token-1' });
    const again = await create(dev, { clientRequestToken: 'token-1' });
    expect(again.provisionedModelArn).toBe(first.provisionedModelArn);
    expect(emulator.inventory()).toHaveLength(1);
    expect(emulator.requests().map((r) => r.mutated)).toEqual([true, false]);
  });

  it('ignores a repeated token with different parameters: no error, the original ARN, nothing created', async () => {
    const first = await create(dev, { clientRequestToken: 'token-1' });
    const again = await create(dev, { clientRequestToken: 'token-1', provisionedModelName: 'another-name', modelUnits: 2 });
    expect(again.provisionedModelArn).toBe(first.provisionedModelArn);
    expect(emulator.inventory().map((pt) => [pt.provisionedModelName, pt.modelUnits])).toEqual([['dev-support-chat', 1]]);
    expect(emulator.requests().map((r) => r.mutated)).toEqual([true, false]);
  });

  it('answers a repeated token with the ARN of its PT even after that PT was deleted, and buys nothing', async () => {
    const first = await create(dev, { clientRequestToken: 'token-1' });
    emulator.advance(60_000);
    await dev.send(new DeleteProvisionedModelThroughputCommand({ provisionedModelId: first.provisionedModelArn }));
    const again = await create(dev, { clientRequestToken: 'token-1' });
    expect(again.provisionedModelArn).toBe(first.provisionedModelArn);
    expect(emulator.inventory()).toEqual([]);
  });

  it('keeps tokens apart per account and region', async () => {
    const devFirst = await create(dev, { clientRequestToken: 'token-1' });
    const prodFirst = await committed({ clientRequestToken: 'token-1' });
    expect(prodFirst.provisionedModelArn).not.toBe(devFirst.provisionedModelArn);
    expect(emulator.inventory()).toHaveLength(2);
  });
});

describe('tags', () => {
  const tags = (n: number, prefix = 'k') => Array.from({ length: n }, (_, i) => ({ key: `${prefix}${i}`, value: 'v' }));

  it('accepts 50 tags on create and refuses 51 with TooManyTagsException', async () => {
    await expectRejectedWithoutChange(dev, create(dev, { tags: tags(51) }), 'TooManyTagsException');
    const { provisionedModelArn: arn } = await create(dev, { tags: tags(50) });
    expect((await dev.send(new ListTagsForResourceCommand({ resourceARN: arn }))).tags).toHaveLength(50);
  });

  it('refuses a TagResource that would exceed 50 tags and names the resource', async () => {
    const { provisionedModelArn: arn } = await create(dev, { tags: tags(49) });
    await dev.send(new TagResourceCommand({ resourceARN: arn, tags: [{ key: 'k0', value: 'changed' }] }));
    const error = await rejection(dev.send(new TagResourceCommand({ resourceARN: arn, tags: tags(2, 'new') })));
    expect(error.name).toBe('TooManyTagsException');
    expect(error.resourceName).toBe(arn);
    expect((await dev.send(new ListTagsForResourceCommand({ resourceARN: arn }))).tags).toHaveLength(49);
  });

  it('reports tagging an unknown resource as ResourceNotFoundException', async () => {
    await expectRejectedWithoutChange(
      dev,
      dev.send(new TagResourceCommand({ resourceARN: 'arn:aws:bedrock:us-east-1:111111111111:provisioned-model/abcdefabcdef', tags: [] })),
      'ResourceNotFoundException',
    );
  });
});

describe('quotas', () => {
  it('refuses no-commitment PTs for foundation models', async () => {
    await expectRejectedWithoutChange(prod, committed({ commitmentDuration: undefined }), 'ValidationException', /custom models/);
  });

  it('allows 2 no-commitment model units across custom models per account and region, as AWS does by default', async () => {
    await expectRejectedWithoutChange(dev, create(dev, { modelUnits: 3 }), 'ServiceQuotaExceededException');
    await create(dev, { provisionedModelName: 'a' });
    await create(dev, { provisionedModelName: 'b', modelId: DEV_CUSTOM_SIBLING });
    await expectRejectedWithoutChange(
      dev,
      create(dev, { provisionedModelName: 'c' }),
      'ServiceQuotaExceededException',
      /does not currently have any no commitment model units/,
    );
  });

  it('limits committed units per model by the scope quota, AWS default 0', async () => {
    emulator.setCommittedUnitsQuota(PROD.account, PROD.region, 3);
    await committed({ modelUnits: 2 });
    await expectRejectedWithoutChange(
      prod,
      committed({ provisionedModelName: 'more', modelUnits: 2 }),
      'ServiceQuotaExceededException',
      /only 1 model units available for anthropic/,
    );
    await committed({ provisionedModelName: 'fits', modelUnits: 1 });
  });

  it('uses a committed-units quota of 0 unless configured, as AWS does', async () => {
    const plain = await startEmulator();
    try {
      const error = await rejection(
        bedrock(plain, PROD).send(
          new CreateProvisionedModelThroughputCommand({ provisionedModelName: 'x', modelId: HAIKU_PT, modelUnits: 1, commitmentDuration: 'OneMonth' }),
        ),
      );
      expect(error.name).toBe('ServiceQuotaExceededException');
      expect(plain.inventory()).toEqual([]);
    } finally {
      await plain.close();
    }
  });
});
