/** Waiters share one List of the account's PTs instead of a Get each. */
import { CreateProvisionedModelThroughputCommand } from '@aws-sdk/client-bedrock';
import type { Emulator } from '../../src/emulator';
import { BatchedStatusReader } from '../../src/engine/apply/status-reader';
import { bedrock, DEV, DEV_CUSTOM, serviceQuotas, startExampleEmulator, sts } from '../emulator/helpers';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startExampleEmulator({ createDelayMs: 0, committedUnitsQuota: 50 });
});
afterAll(async () => emulator.close());
beforeEach(() => emulator.reset());

async function create(name: string): Promise<string> {
  const client = bedrock(emulator, DEV);
  const out = await client.send(
    new CreateProvisionedModelThroughputCommand({ provisionedModelName: name, modelId: DEV_CUSTOM, modelUnits: 1, commitmentDuration: 'OneMonth' }),
  );
  client.destroy();
  return out.provisionedModelArn!;
}

const count = (op: string) => emulator.requests().filter((r) => r.operation === op).length;

describe('BatchedStatusReader', () => {
  it('answers many waiters with one List while its snapshot is fresh', async () => {
    const arns = await Promise.all(['a', 'b', 'c', 'd', 'e'].map(create));
    emulator.resetRequests();
    const clients = { bedrock: bedrock(emulator, DEV), sts: sts(emulator, DEV), quotas: serviceQuotas(emulator, DEV), region: DEV.region };
    let now = 0;
    const reader = new BatchedStatusReader(clients, 'dev', 500, () => now);

    const first = await Promise.all(arns.map((arn) => reader.read(arn)));
    now = 400;
    await Promise.all(arns.map((arn) => reader.read(arn)));

    expect(first.map((pt) => pt?.status)).toEqual(['InService', 'InService', 'InService', 'InService', 'InService']);
    expect(count('ListProvisionedModelThroughputs')).toBe(1);
    expect(count('GetProvisionedModelThroughput')).toBe(0);

    now = 600;
    await reader.read(arns[0]);
    expect(count('ListProvisionedModelThroughputs')).toBe(2);
    clients.bedrock.destroy();
    clients.sts.destroy();
  });

  it('confirms with a Get what the snapshot does not show, and reports a PT that is gone', async () => {
    const clients = { bedrock: bedrock(emulator, DEV), sts: sts(emulator, DEV), quotas: serviceQuotas(emulator, DEV), region: DEV.region };
    const reader = new BatchedStatusReader(clients, 'dev', 60_000);
    await reader.read('arn:aws:bedrock:us-east-1:111111111111:provisioned-model/aaaaaaaaaaaa');
    const arn = await create('late');
    emulator.resetRequests();

    const late = await reader.read(arn);
    const gone = await reader.read('arn:aws:bedrock:us-east-1:111111111111:provisioned-model/aaaaaaaaaaaa');

    expect(late?.name).toBe('late');
    expect(gone).toBeUndefined();
    expect(count('ListProvisionedModelThroughputs')).toBe(0);
    expect(count('GetProvisionedModelThroughput')).toBe(2);
    clients.bedrock.destroy();
    clients.sts.destroy();
  });

  it("reads a Failed PT's failureMessage with a Get", async () => {
    emulator.setTransitionDelays({ createMs: 0 });
    emulator.failNextCreate('capacity unavailable', { account: DEV.account, region: DEV.region });
    const arn = await create('broken');
    const clients = { bedrock: bedrock(emulator, DEV), sts: sts(emulator, DEV), quotas: serviceQuotas(emulator, DEV), region: DEV.region };
    const reader = new BatchedStatusReader(clients, 'dev', 500);

    const pt = await reader.read(arn);

    expect(pt).toMatchObject({ status: 'Failed', failureMessage: 'capacity unavailable' });
    clients.bedrock.destroy();
    clients.sts.destroy();
  });
});
