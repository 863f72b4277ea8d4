import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateProvisionedModelThroughputCommand,
  GetFoundationModelCommand,
  GetProvisionedModelThroughputCommand,
  ListFoundationModelsCommand,
  ListProvisionedModelThroughputsCommand,
} from '@aws-sdk/client-bedrock';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { ListServiceQuotasCommand } from '@aws-sdk/client-service-quotas';
import { Command } from 'commander';
import { connectEmulator, registerEmulatorCommand, startEmulator, type Emulator } from '../../src/emulator';
import { bedrock, DEV, DEV_CUSTOM, exampleOptions, HAIKU_PT, PROD, rejection, serviceQuotas, startExampleEmulator, sts, TITAN_PT } from './helpers';

const SONNET_PT = 'anthropic.claude-3-sonnet-20240229-v1:0:200k';

let emulator: Emulator;

beforeAll(async () => {
  emulator = await startExampleEmulator();
});
afterAll(() => emulator.close());
beforeEach(() => emulator.reset());

const createDevPt = (client = bedrock(emulator, DEV), token?: string) =>
  client.send(
    new CreateProvisionedModelThroughputCommand({ provisionedModelName: 'dev-support-chat', modelId: DEV_CUSTOM, modelUnits: 1, clientRequestToken: token }),
  );

describe('fault injection', () => {
  it('answers the next N calls of an operation with 500 InternalServerException, then recovers', async () => {
    emulator.injectFault({ operation: 'GetFoundationModel', kind: 'internal-error', count: 2 });
    const client = bedrock(emulator, DEV);
    for (let i = 0; i < 2; i++) {
      const error = await rejection(client.send(new GetFoundationModelCommand({ modelIdentifier: HAIKU_PT })));
      expect([error.name, error.$metadata?.httpStatusCode]).toEqual(['InternalServerException', 500]);
    }
    await expect(client.send(new GetFoundationModelCommand({ modelIdentifier: HAIKU_PT }))).resolves.toBeDefined();
  });

  it('drops the connection without doing the work', async () => {
    emulator.injectFault({ operation: 'CreateProvisionedModelThroughput', kind: 'drop-connection' });
    const error = await rejection(createDevPt());
    expect(error.name).not.toMatch(/Exception$/);
    expect(emulator.inventory()).toEqual([]);
    expect(emulator.requests()[0]).toMatchObject({
      operation: 'CreateProvisionedModelThroughput',
      outcome: 'dropped',
      fault: 'drop-connection',
      mutated: false,
    });
  });

  it('holds a request past the client timeout, then drops it', async () => {
    emulator.injectFault({ operation: 'ListProvisionedModelThroughputs', kind: 'timeout', holdMs: 1000 });
    const started = Date.now();
    const error = await rejection(bedrock(emulator, DEV, { requestTimeoutMs: 150 }).send(new ListProvisionedModelThroughputsCommand({})));
    expect(error.name).toMatch(/Timeout/);
    expect(Date.now() - started).toBeLessThan(900);
  });

  it('does the work and then fails the response, so a retry with the same token returns the same ARN', async () => {
    emulator.injectFault({ operation: 'CreateProvisionedModelThroughput', kind: 'fail-after-success' });
    const out = await createDevPt(bedrock(emulator, DEV, { maxAttempts: 2 }));
    expect(emulator.inventory().map((pt) => pt.provisionedModelArn)).toEqual([out.provisionedModelArn]);
    expect(emulator.requests().map((r) => [r.operation, r.status, r.mutated, r.fault])).toEqual([
      ['CreateProvisionedModelThroughput', 500, true, 'fail-after-success'],
      ['CreateProvisionedModelThroughput', 201, false, undefined],
    ]);
  });
});

describe('rate limits and latency', () => {
  it('throttles beyond the token bucket with 429 ThrottlingException and refills with the clock', async () => {
    emulator.setRateLimit('ListFoundationModels', { ratePerSecond: 1, burst: 2 });
    const client = bedrock(emulator, DEV);
    await client.send(new ListFoundationModelsCommand({}));
    await client.send(new ListFoundationModelsCommand({}));
    const error = await rejection(client.send(new ListFoundationModelsCommand({})));
    expect([error.name, error.$metadata?.httpStatusCode]).toEqual(['ThrottlingException', 429]);
    emulator.advance(1000);
    await expect(client.send(new ListFoundationModelsCommand({}))).resolves.toBeDefined();
    await expect(client.send(new GetFoundationModelCommand({ modelIdentifier: TITAN_PT }))).resolves.toBeDefined();
  });

  it('delays an operation by its configured latency', async () => {
    emulator.setLatency('GetFoundationModel', 150);
    const started = Date.now();
    await bedrock(emulator, DEV).send(new GetFoundationModelCommand({ modelIdentifier: HAIKU_PT }));
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });
});

describe('clock', () => {
  it('starts frozen where asked, advances on demand and runs again when unfrozen', async () => {
    expect(emulator.now().toISOString()).toBe('2025-01-15T10:00:00.000Z');
    emulator.advance(90_000);
    expect(emulator.now().toISOString()).toBe('2025-01-15T10:01:30.000Z');
    emulator.unfreezeClock();
    await new Promise((r) => setTimeout(r, 20));
    expect(emulator.now().getTime()).toBeGreaterThan(Date.parse('2025-01-15T10:01:30.010Z'));
  });

  it('works with real time: a PT with a short create delay becomes InService by itself', async () => {
    const live = await startEmulator({ createDelayMs: 100, committedUnitsQuota: 1 });
    try {
      const client = bedrock(live, PROD);
      const { provisionedModelArn } = await client.send(
        new CreateProvisionedModelThroughputCommand({ provisionedModelName: 'p', modelId: HAIKU_PT, modelUnits: 1, commitmentDuration: 'OneMonth' }),
      );
      expect((await client.send(new GetProvisionedModelThroughputCommand({ provisionedModelId: provisionedModelArn }))).status).toBe('Creating');
      await new Promise((r) => setTimeout(r, 150));
      expect((await client.send(new GetProvisionedModelThroughputCommand({ provisionedModelId: provisionedModelArn }))).status).toBe('InService');
    } finally {
      await live.close();
    }
  });
});

describe('request log and resets', () => {
  it('records operation, account, region, parameters, mutation and outcome of every call', async () => {
    await createDevPt(bedrock(emulator, DEV), 'tok-1');
    await rejection(bedrock(emulator, PROD).send(new GetProvisionedModelThroughputCommand({ provisionedModelId: 'missing' })));
    expect(emulator.requests()).toEqual([
      expect.objectContaining({
        seq: 1,
        operation: 'CreateProvisionedModelThroughput',
        account: DEV.account,
        region: DEV.region,
        accessKeyId: DEV.accessKeyId,
        params: { provisionedModelName: 'dev-support-chat', modelId: DEV_CUSTOM, modelUnits: 1, clientRequestToken: 'tok-1' },
        mutated: true,
        outcome: 'success',
        status: 201,
        time: '2025-01-15T10:00:00.000Z',
      }),
      expect.objectContaining({
        seq: 2,
        operation: 'GetProvisionedModelThroughput',
        account: PROD.account,
        params: { provisionedModelId: 'missing' },
        mutated: false,
        outcome: 'error',
        error: 'ResourceNotFoundException',
        status: 404,
      }),
    ]);
    emulator.resetRequests();
    expect(emulator.requests()).toEqual([]);
    expect(emulator.inventory()).toHaveLength(1);
  });

  it('resets to the start-up configuration: no PTs, seeded custom models, no faults', async () => {
    await createDevPt();
    emulator.injectFault({ operation: 'GetCustomModel', kind: 'internal-error' });
    emulator.advance(1000);
    emulator.reset();
    expect(emulator.inventory()).toEqual([]);
    expect(emulator.now().toISOString()).toBe('2025-01-15T10:00:00.000Z');
    await expect(createDevPt()).resolves.toBeDefined();
  });
});

describe('persistence', () => {
  it('saves after each mutation and a second emulator on the same state file sees the same cloud', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bedrock-emulator-'));
    const stateFile = join(dir, 'cloud.json');
    try {
      const first = await startEmulator(exampleOptions({ stateFile }));
      const { provisionedModelArn } = await createDevPt(bedrock(first, DEV), 'tok-persist');
      first.advance(120_000);
      await first.close();
      expect(readdirSync(dir)).toEqual(['cloud.json']);
      expect(JSON.parse(readFileSync(stateFile, 'utf8')).pts[provisionedModelArn!]).toMatchObject({ name: 'dev-support-chat' });

      const second = await startEmulator(exampleOptions({ stateFile }));
      try {
        const client = bedrock(second, DEV);
        expect(await client.send(new GetProvisionedModelThroughputCommand({ provisionedModelId: 'dev-support-chat' }))).toMatchObject({
          provisionedModelArn,
          status: 'InService',
        });
        expect((await createDevPt(client, 'tok-persist')).provisionedModelArn).toBe(provisionedModelArn);
        expect(second.now().toISOString()).toBe('2025-01-15T10:02:00.000Z');
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('HTTP control surface', () => {
  it('exposes every control method under /_emulator/ for other processes', async () => {
    const remote = connectEmulator(emulator.url);
    await remote.advance(5000);
    expect(await remote.now()).toBe('2025-01-15T10:00:05.000Z');
    await remote.injectFault({ operation: 'ListFoundationModels', kind: 'internal-error' });
    expect((await rejection(bedrock(emulator, DEV).send(new ListFoundationModelsCommand({})))).name).toBe('InternalServerException');
    await createDevPt();
    expect((await remote.inventory(DEV.account)).map((pt) => pt.provisionedModelName)).toEqual(['dev-support-chat']);
    expect((await remote.requests()).map((r) => r.operation)).toEqual(['ListFoundationModels', 'CreateProvisionedModelThroughput']);
    await expect(remote.addCustomModel({ account: DEV.account, region: DEV.region, id: 'BAD', name: 'x', baseModelId: TITAN_PT })).rejects.toThrow(
      /12 lowercase/,
    );
    expect((await fetch(`${emulator.url}/_emulator/nope`, { method: 'POST' })).status).toBe(404);
  });
});

describe('emulator command', () => {
  it('starts from the command line with an account map and quotas, prints the endpoint variables and stops on SIGINT', async () => {
    const program = new Command().exitOverride();
    registerEmulatorCommand(program);
    const output: string[] = [];
    const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      output.push(String(chunk));
      return true;
    });
    try {
      const running = program.parseAsync([
        'node',
        'bedrock-pt',
        'emulator',
        '--port',
        '0',
        '--account',
        'AKIACLI=444444444444',
        '--committed-units-quota',
        '1',
        '--model-units-quota',
        '444444444444/us-east-1/no-commitment-custom=5',
        '--model-units-quota',
        `${SONNET_PT}=3`,
      ]);
      while (!output.join('').includes('AWS_ENDPOINT_URL_SERVICE_QUOTAS')) await new Promise((r) => setTimeout(r, 10));
      const url = /listening on (\S+)/.exec(output.join(''))![1];
      expect(output.join('')).toContain(`AWS_ENDPOINT_URL_BEDROCK=${url}`);
      const who = { accessKeyId: 'AKIACLI', region: 'us-east-1' };
      expect((await sts({ url } as Emulator, who).send(new GetCallerIdentityCommand({}))).Account).toBe('444444444444');
      expect(output.join('')).toContain(`AWS_ENDPOINT_URL_SERVICE_QUOTAS=${url}`);
      await bedrock({ url } as Emulator, who).send(
        new CreateProvisionedModelThroughputCommand({ provisionedModelName: 'p', modelId: HAIKU_PT, modelUnits: 1, commitmentDuration: 'OneMonth' }),
      );
      const { Quotas } = await serviceQuotas({ url } as Emulator, who).send(new ListServiceQuotasCommand({ ServiceCode: 'bedrock' }));
      const value = (name: string) => Quotas?.find((q) => q.QuotaName === name)?.Value;
      expect(value('Model units per provisioned model for Anthropic Claude 3 Haiku 200K')).toBe(1);
      expect(value('Model units per provisioned model for Anthropic Claude 3 Sonnet 200K')).toBe(3);
      expect(value('Model units no-commitment Provisioned Throughputs across custom models')).toBe(5);
      process.emit('SIGINT');
      await running;
    } finally {
      write.mockRestore();
    }
  });
});
