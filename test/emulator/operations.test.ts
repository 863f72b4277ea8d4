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
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { Emulator } from '../../src/emulator';
import { bedrock, DEV, DEV_CUSTOM, DEV_CUSTOM_SIBLING, HAIKU_PT, PROD, rejection, STAGING, startExampleEmulator, sts, TITAN_PT } from './helpers';

let emulator: Emulator;
let dev: BedrockClient;

beforeAll(async () => {
  emulator = await startExampleEmulator();
  dev = bedrock(emulator, DEV);
});
afterAll(() => emulator.close());
beforeEach(() => emulator.reset());

describe('happy paths through the real SDK', () => {
  it('creates a PT with 201 and an ARN of 12 lowercase alphanumerics in the caller account and region', async () => {
    const out = await dev.send(new CreateProvisionedModelThroughputCommand({ provisionedModelName: 'dev-support-chat', modelId: DEV_CUSTOM, modelUnits: 1 }));
    expect(out.$metadata.httpStatusCode).toBe(201);
    expect(out.provisionedModelArn).toMatch(/^arn:aws:bedrock:us-east-1:111111111111:provisioned-model\/[a-z0-9]{12}$/);
  });

  it('gets a PT by ARN and by name with ISO-8601 timestamps parsed as Dates', async () => {
    const { provisionedModelArn } = await dev.send(
      new CreateProvisionedModelThroughputCommand({
        provisionedModelName: 'dev-support-chat',
        modelId: DEV_CUSTOM,
        modelUnits: 1,
        tags: [{ key: 'CostCenter', value: 'cc-1234' }],
      }),
    );
    const byArn = await dev.send(new GetProvisionedModelThroughputCommand({ provisionedModelId: provisionedModelArn }));
    const byName = await dev.send(new GetProvisionedModelThroughputCommand({ provisionedModelId: 'dev-support-chat' }));
    expect(byName).toMatchObject({ provisionedModelArn, provisionedModelName: 'dev-support-chat' });
    expect(byArn).toMatchObject({
      provisionedModelName: 'dev-support-chat',
      modelArn: DEV_CUSTOM,
      desiredModelArn: DEV_CUSTOM,
      foundationModelArn: `arn:aws:bedrock:us-east-1::foundation-model/${TITAN_PT}`,
      modelUnits: 1,
      desiredModelUnits: 1,
      status: 'Creating',
    });
    expect(byArn.creationTime).toEqual(new Date('2025-01-15T10:00:00.000Z'));
    expect(byArn.lastModifiedTime).toEqual(new Date('2025-01-15T10:00:00.000Z'));
    expect(byArn.commitmentDuration).toBeUndefined();
  });

  it('lists PTs, updates, tags, untags, lists tags and deletes', async () => {
    const { provisionedModelArn: arn } = await dev.send(
      new CreateProvisionedModelThroughputCommand({ provisionedModelName: 'dev-support-chat', modelId: DEV_CUSTOM, modelUnits: 1 }),
    );
    emulator.advance(60_000);
    const list = await dev.send(new ListProvisionedModelThroughputsCommand({}));
    expect(list.provisionedModelSummaries?.map((s) => [s.provisionedModelArn, s.status])).toEqual([[arn, 'InService']]);

    const update = await dev.send(
      new UpdateProvisionedModelThroughputCommand({
        provisionedModelId: arn,
        desiredModelId: DEV_CUSTOM_SIBLING,
        desiredProvisionedModelName: 'dev-support-chat-2',
      }),
    );
    expect(update.$metadata.httpStatusCode).toBe(200);
    emulator.advance(60_000);

    await dev.send(
      new TagResourceCommand({
        resourceARN: arn,
        tags: [
          { key: 'Project', value: 'support-bot' },
          { key: 'Tier', value: 'low' },
        ],
      }),
    );
    await dev.send(new UntagResourceCommand({ resourceARN: arn, tagKeys: ['Tier'] }));
    const tags = await dev.send(new ListTagsForResourceCommand({ resourceARN: arn }));
    expect(tags.tags).toEqual([{ key: 'Project', value: 'support-bot' }]);

    const got = await dev.send(new GetProvisionedModelThroughputCommand({ provisionedModelId: 'dev-support-chat-2' }));
    expect(got).toMatchObject({ modelArn: DEV_CUSTOM_SIBLING, status: 'InService' });

    const deleted = await dev.send(new DeleteProvisionedModelThroughputCommand({ provisionedModelId: arn }));
    expect(deleted.$metadata.httpStatusCode).toBe(200);
    expect((await dev.send(new ListProvisionedModelThroughputsCommand({}))).provisionedModelSummaries).toEqual([]);
  });

  it('gets and lists foundation models with lifecycle and inference types', async () => {
    const haiku = await dev.send(new GetFoundationModelCommand({ modelIdentifier: HAIKU_PT }));
    expect(haiku.modelDetails).toMatchObject({
      modelArn: `arn:aws:bedrock:us-east-1::foundation-model/${HAIKU_PT}`,
      modelId: HAIKU_PT,
      providerName: 'Anthropic',
      inferenceTypesSupported: ['PROVISIONED'],
      modelLifecycle: { status: 'ACTIVE' },
    });
    const legacy = await dev.send(new GetFoundationModelCommand({ modelIdentifier: 'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-v2:1:200k' }));
    expect(legacy.modelDetails?.modelLifecycle).toEqual({
      status: 'LEGACY',
      legacyTime: expect.any(Date),
      endOfLifeTime: new Date('2025-07-21T00:00:00.000Z'),
    });

    const provisioned = await dev.send(new ListFoundationModelsCommand({ byInferenceType: 'PROVISIONED', byProvider: 'amazon' }));
    expect(provisioned.modelSummaries?.map((m) => m.modelId).sort()).toEqual(['amazon.titan-embed-text-v1:2:8k', TITAN_PT]);
  });

  it('gets custom models by ARN or name and lists them per account and region', async () => {
    const byArn = await dev.send(new GetCustomModelCommand({ modelIdentifier: DEV_CUSTOM }));
    expect(byArn).toMatchObject({
      modelArn: DEV_CUSTOM,
      modelName: 'dev-support-01',
      baseModelArn: `arn:aws:bedrock:us-east-1::foundation-model/${TITAN_PT}`,
      modelStatus: 'Active',
    });
    const byName = await dev.send(new GetCustomModelCommand({ modelIdentifier: 'dev-support-02' }));
    expect(byName.modelArn).toBe(DEV_CUSTOM_SIBLING);

    const list = await dev.send(new ListCustomModelsCommand({ sortOrder: 'Ascending' }));
    expect(list.modelSummaries?.map((m) => [m.modelArn, m.baseModelName, m.ownerAccountId])).toEqual([
      [DEV_CUSTOM, 'amazon.titan-text-express-v1', DEV.account],
      [DEV_CUSTOM_SIBLING, 'amazon.titan-text-express-v1', DEV.account],
    ]);
    // The model gives baseModelName the ModelName shape; its pattern has no room for a version suffix.
    for (const m of list.modelSummaries ?? []) expect(m.baseModelName).toMatch(/^[a-z0-9-]{1,63}[.][a-z0-9-]{1,63}$/);
    const otherAccount = await bedrock(emulator, PROD).send(new ListCustomModelsCommand({}));
    expect(otherAccount.modelSummaries).toEqual([]);
  });

  it('answers STS GetCallerIdentity with the account mapped from the access key', async () => {
    expect((await sts(emulator, STAGING).send(new GetCallerIdentityCommand({}))).Account).toBe(STAGING.account);
    expect((await sts(emulator, { accessKeyId: 'AKIAUNKNOWN', region: 'eu-west-1' }).send(new GetCallerIdentityCommand({}))).Account).toBe('123456789012');
  });
});

describe('accounts and regions', () => {
  it('keeps PTs of one account or region invisible to others', async () => {
    const { provisionedModelArn } = await dev.send(
      new CreateProvisionedModelThroughputCommand({ provisionedModelName: 'dev-support-chat', modelId: DEV_CUSTOM, modelUnits: 1 }),
    );
    const prod = bedrock(emulator, PROD);
    const devInOtherRegion = bedrock(emulator, { ...DEV, region: 'us-west-2' });
    expect((await prod.send(new ListProvisionedModelThroughputsCommand({}))).provisionedModelSummaries).toEqual([]);
    expect((await devInOtherRegion.send(new ListProvisionedModelThroughputsCommand({}))).provisionedModelSummaries).toEqual([]);
    const error = await rejection(prod.send(new GetProvisionedModelThroughputCommand({ provisionedModelId: provisionedModelArn })));
    expect(error.name).toBe('ResourceNotFoundException');
    expect(error.$metadata?.httpStatusCode).toBe(404);
    expect(emulator.inventory(DEV.account, DEV.region)).toHaveLength(1);
    expect(emulator.inventory(PROD.account)).toHaveLength(0);
  });

  it('refuses a request without SigV4 authorization with AccessDeniedException (403)', async () => {
    const response = await fetch(`${emulator.url}/provisioned-model-throughputs`);
    expect(response.status).toBe(403);
    expect(response.headers.get('x-amzn-errortype')).toBe('AccessDeniedException');
    expect(await response.json()).toEqual({ __type: 'AccessDeniedException', message: expect.stringContaining('SigV4') });
  });
});
