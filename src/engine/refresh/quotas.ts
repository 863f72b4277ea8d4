/**
 * Bedrock's model-unit quotas for the quota check (plan/quotas.ts), read only when a plan buys
 * model units: one paginated ListServiceQuotas per account and region per run, shared by the
 * stacks of a run (and by every resource one provider process plans). A read that fails is
 * reported as unreadable with its reason; the check then warns instead of guessing.
 */
import { paginateListServiceQuotas } from '@aws-sdk/client-service-quotas';
import type { LiveView, ModelFacts, QuotaRead, ServiceQuotaValue } from '../model';
import type { StackClients } from '../aws/clients';
import { awsErrorName } from '../aws/errors';
import { explainUnreached } from '../aws/explain-reach';
import { SERVICE_CODE } from '../rules/model-unit-quotas';
import type { ModelFactsCache } from './models';

/** The API's largest page. */
const PAGE_SIZE = 100;

export class QuotaCache {
  private readonly entries = new Map<string, Promise<QuotaRead>>();

  read(clients: StackClients, account: string): Promise<QuotaRead> {
    const key = `${account}|${clients.region}`;
    let read = this.entries.get(key);
    if (!read) {
      read = readModelUnitQuotas(clients);
      this.entries.set(key, read);
    }
    return read;
  }
}

/** Bedrock lists hundreds of quotas (on-demand rates, jobs, …); only the model-unit ones matter here. */
const isModelUnitQuota = (name: string) => /^model units /i.test(name.trim());

export async function readModelUnitQuotas(clients: StackClients): Promise<QuotaRead> {
  const quotas: ServiceQuotaValue[] = [];
  try {
    for await (const page of paginateListServiceQuotas({ client: clients.quotas, pageSize: PAGE_SIZE }, { ServiceCode: SERVICE_CODE })) {
      for (const q of page.Quotas ?? []) {
        if (q.QuotaCode && q.QuotaName && typeof q.Value === 'number' && isModelUnitQuota(q.QuotaName))
          quotas.push({ code: q.QuotaCode, name: q.QuotaName, value: q.Value });
      }
    }
  } catch (err) {
    return { readable: false, reason: unreadableReason(err) };
  }
  return { readable: true, quotas };
}

function unreadableReason(err: unknown): string {
  const unreached = explainUnreached(err, 'ListServiceQuotas', undefined);
  if (unreached) return unreached;
  const raw = String((err as Error)?.message ?? err)
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\.$/, '');
  const name = awsErrorName(err);
  if (name === 'AccessDeniedException') return `access denied for servicequotas:ListServiceQuotas (${raw})`;
  return `ListServiceQuotas failed (${name}): ${raw}`;
}

/**
 * What the quota check needs beyond the refresh: the quotas of the scope, and facts of the base
 * models whose quota names are not known yet (those of custom models bought with a commitment).
 */
export async function readQuotaInputs(
  clients: StackClients,
  account: string,
  baseModels: string[],
  caches: { quotas: QuotaCache; models: ModelFactsCache },
): Promise<Required<Pick<LiveView, 'quotas' | 'models'>>> {
  const scope = `${account}|${clients.region}`;
  const [quotas, facts] = await Promise.all([
    caches.quotas.read(clients, account),
    Promise.all(baseModels.map((arn) => caches.models.get(clients.bedrock, scope, arn))),
  ]);
  const models: Record<string, ModelFacts> = {};
  baseModels.forEach((arn, i) => (models[arn] = facts[i]));
  return { quotas, models };
}
