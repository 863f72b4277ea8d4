/**
 * The emulator's Service Quotas, through the real @aws-sdk/client-service-quotas (and boto3):
 * the model-unit quotas of service code bedrock, paginated and scoped by account and region,
 * with values from the emulator's options and control API — the same values Create enforces.
 */
import { execFile } from 'node:child_process';
import { CreateProvisionedModelThroughputCommand } from '@aws-sdk/client-bedrock';
import { GetServiceQuotaCommand, ListServiceQuotasCommand, paginateListServiceQuotas, type ServiceQuota } from '@aws-sdk/client-service-quotas';
import type { Emulator } from '../../src/emulator';
import { bedrock, DEV, DEV_CUSTOM, HAIKU_PT, PROD, rejection, serviceQuotas, startExampleEmulator, STAGING } from './helpers';

const HAIKU_QUOTA = 'Model units per provisioned model for Anthropic Claude 3 Haiku 200K';
const TITAN_QUOTA = 'Model units per provisioned model for Amazon Titan Text G1 - Express 8K';
const ACROSS_CUSTOM = 'Model units no-commitment Provisioned Throughputs across custom models';
const ACROSS_BASE = 'Model units no-commitment Provisioned Throughputs across base models';

let emulator: Emulator;

beforeEach(async () => {
  emulator = await startExampleEmulator({ committedUnitsQuota: 4, modelUnitsQuotas: { [`${STAGING.account}/${STAGING.region}/${HAIKU_PT}`]: 7 } });
});
afterEach(() => emulator.close());

async function listAll(who = DEV, pageSize?: number): Promise<{ quotas: ServiceQuota[]; pages: number }> {
  const quotas: ServiceQuota[] = [];
  let pages = 0;
  for await (const page of paginateListServiceQuotas({ client: serviceQuotas(emulator, who), ...(pageSize ? { pageSize } : {}) }, { ServiceCode: 'bedrock' })) {
    pages++;
    quotas.push(...(page.Quotas ?? []));
  }
  return { quotas, pages };
}

const valueOf = (quotas: ServiceQuota[], name: string) => quotas.find((q) => q.QuotaName === name)?.Value;

describe('ListServiceQuotas for bedrock', () => {
  it('lists one committed-units quota per model sold as PT and the two no-commitment quotas, with AWS defaults for the latter', async () => {
    const { quotas, pages } = await listAll();
    expect(pages).toBe(1);
    expect(quotas.map((q) => q.QuotaName)).toEqual([
      HAIKU_QUOTA,
      'Model units per provisioned model for Anthropic Claude 3 Haiku 48K',
      'Model units per provisioned model for Anthropic Claude 3 Sonnet 200K',
      'Model units per provisioned model for Anthropic Claude 200K',
      TITAN_QUOTA,
      'Model units per provisioned model for Amazon Titan Embeddings G1 - Text 8K',
      'Model units per provisioned model for Meta Llama 3.1 8B Instruct 128K',
      ACROSS_BASE,
      ACROSS_CUSTOM,
    ]);
    expect(valueOf(quotas, HAIKU_QUOTA)).toBe(4);
    expect(valueOf(quotas, ACROSS_CUSTOM)).toBe(2);
    expect(quotas.find((q) => q.QuotaName === ACROSS_CUSTOM)).toMatchObject({
      QuotaCode: 'L-BE77399C',
      ServiceCode: 'bedrock',
      Adjustable: true,
      GlobalQuota: false,
    });
    expect(quotas.find((q) => q.QuotaName === ACROSS_BASE)?.QuotaCode).toBe('L-FE44174A');
    expect(new Set(quotas.map((q) => q.QuotaCode)).size).toBe(quotas.length);
  });

  it('pages with the SDK paginator: every quota once, in the same order as one page', async () => {
    const whole = await listAll();
    const paged = await listAll(DEV, 2);
    expect(paged.pages).toBe(5);
    expect(paged.quotas).toEqual(whole.quotas);
  });

  it('scopes values and ARNs by the caller account and region', async () => {
    emulator.setModelUnitsQuota(PROD.account, PROD.region, 'no-commitment-custom', 5);
    const prod = await listAll(PROD);
    const staging = await listAll(STAGING);
    const dev = await listAll(DEV);
    expect(valueOf(prod.quotas, ACROSS_CUSTOM)).toBe(5);
    expect(valueOf(dev.quotas, ACROSS_CUSTOM)).toBe(2);
    expect(valueOf(staging.quotas, HAIKU_QUOTA)).toBe(7);
    expect(valueOf(dev.quotas, HAIKU_QUOTA)).toBe(4);
    const arn = staging.quotas.find((q) => q.QuotaName === HAIKU_QUOTA)!.QuotaArn;
    expect(arn).toBe(
      `arn:aws:servicequotas:${STAGING.region}:${STAGING.account}:bedrock/${staging.quotas.find((q) => q.QuotaName === HAIKU_QUOTA)!.QuotaCode}`,
    );
  });

  it('refuses another service code, a page size outside 1–100 and a token from another query', async () => {
    const client = serviceQuotas(emulator);
    expect((await rejection(client.send(new ListServiceQuotasCommand({ ServiceCode: 'ec2' })))).name).toBe('NoSuchResourceException');
    expect((await rejection(client.send(new ListServiceQuotasCommand({ ServiceCode: 'bedrock', MaxResults: 101 })))).name).toBe('IllegalArgumentException');
    const first = await client.send(new ListServiceQuotasCommand({ ServiceCode: 'bedrock', MaxResults: 1 }));
    const replayed = await rejection(
      client.send(new ListServiceQuotasCommand({ ServiceCode: 'bedrock', QuotaCode: 'L-BE77399C', NextToken: first.NextToken })),
    );
    expect(replayed.name).toBe('InvalidPaginationTokenException');
  });

  it('answers access denied when told to, as for a policy without servicequotas:ListServiceQuotas', async () => {
    emulator.injectFault({ operation: 'ListServiceQuotas', kind: 'access-denied' });
    const denied = await rejection(serviceQuotas(emulator).send(new ListServiceQuotasCommand({ ServiceCode: 'bedrock' })));
    expect(denied.name).toBe('AccessDeniedException');
    expect(denied.message).toContain('servicequotas:ListServiceQuotas');
    expect(denied.$metadata?.httpStatusCode).toBe(403);
  });

  it('can be listed by boto3 too', async () => {
    const script = [
      'import boto3, json, sys',
      "c = boto3.client('service-quotas', endpoint_url=sys.argv[1], region_name='us-east-1', aws_access_key_id='AKIADEVEXAMPLE000001', aws_secret_access_key='x')",
      "names = [q['QuotaName'] for p in c.get_paginator('list_service_quotas').paginate(ServiceCode='bedrock', PaginationConfig={'PageSize': 4}) for q in p['Quotas']]",
      'print(json.dumps(names))',
    ].join('\n');
    const run = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
      execFile('python3', ['-c', script, emulator.url], { timeout: 30_000 }, (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      ),
    );
    if (run.code !== 0 && /No module named 'boto3'|ENOENT/.test(run.stderr + String(run.code))) {
      process.stderr.write(`SKIPPED "can be listed by boto3 too": needs python3 with boto3 (${run.stderr.trim().split('\n').pop()})\n`);
      return;
    }
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual((await listAll()).quotas.map((q) => q.QuotaName));
  });
});

describe('GetServiceQuota', () => {
  it('reads one quota by its code, and names an unknown code as NoSuchResourceException', async () => {
    const client = serviceQuotas(emulator);
    const { quotas } = await listAll();
    const titan = quotas.find((q) => q.QuotaName === TITAN_QUOTA)!;
    expect((await client.send(new GetServiceQuotaCommand({ ServiceCode: 'bedrock', QuotaCode: titan.QuotaCode }))).Quota).toEqual(titan);
    expect((await rejection(client.send(new GetServiceQuotaCommand({ ServiceCode: 'bedrock', QuotaCode: 'L-00000000' })))).name).toBe(
      'NoSuchResourceException',
    );
  });
});

describe('Create enforces the listed values', () => {
  const buy = (who: typeof DEV, input: { name: string; model?: string; units: number; commitment?: 'OneMonth' }) =>
    bedrock(emulator, who).send(
      new CreateProvisionedModelThroughputCommand({
        provisionedModelName: input.name,
        modelId: input.model ?? HAIKU_PT,
        modelUnits: input.units,
        ...(input.commitment ? { commitmentDuration: input.commitment } : {}),
      }),
    );

  it('lets committed units reach the model quota and refuses one more, naming the model', async () => {
    await buy(DEV, { name: 'a', units: 3, commitment: 'OneMonth' });
    await buy(DEV, { name: 'b', units: 1, commitment: 'OneMonth' });
    const refused = await rejection(buy(DEV, { name: 'c', units: 1, commitment: 'OneMonth' }));
    expect(refused.name).toBe('ServiceQuotaExceededException');
    expect(refused.message).toBe(`Your account does not currently have any model units reserved for ${HAIKU_PT}.`);
    // Another model's quota is its own.
    await buy(DEV, { name: 'd', model: 'anthropic.claude-3-sonnet-20240229-v1:0:200k', units: 4, commitment: 'OneMonth' });
    expect(emulator.inventory(DEV.account).map((p) => p.provisionedModelName)).toEqual(['a', 'b', 'd']);
  });

  it("counts a custom model's committed PT against its base model's quota", async () => {
    emulator.setModelUnitsQuota(DEV.account, DEV.region, 'amazon.titan-text-express-v1:0:8k', 2);
    await buy(DEV, { name: 'custom', model: DEV_CUSTOM, units: 1, commitment: 'OneMonth' });
    const refused = await rejection(buy(DEV, { name: 'base', model: 'amazon.titan-text-express-v1:0:8k', units: 2, commitment: 'OneMonth' }));
    expect(refused.message).toBe('Your account has only 1 model units available for amazon.titan-text-express-v1:0:8k; the request asks for 2.');
  });

  it('holds no-commitment units to the across-custom-models quota', async () => {
    await buy(DEV, { name: 'nc', model: DEV_CUSTOM, units: 2 });
    const refused = await rejection(buy(DEV, { name: 'nc2', model: DEV_CUSTOM, units: 1 }));
    expect(refused.message).toBe('Your account does not currently have any no commitment model units reserved for amazon.titan-text-express-v1:0:8k.');
    emulator.setModelUnitsQuota(DEV.account, DEV.region, 'no-commitment-custom', 3);
    await buy(DEV, { name: 'nc2', model: DEV_CUSTOM, units: 1 });
  });
});
