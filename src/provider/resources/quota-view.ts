/**
 * The provider's side of the engine's quota check (engine/plan/quotas.ts). Terraform plans one
 * resource per PlanResourceChange, and may apply unrelated resources in any order, so a
 * purchase must fit with the units in use in the account and region, plus the purchases this
 * process planned before (until their PT is live), plus its own; only a resource's own replace
 * frees units for its create. Quotas are read once per process, and only when a plan buys.
 */
import type { LiveView } from '../../engine/model';
import type { StackClients } from '../../engine/aws/clients';
import { ModelCatalog } from '../../engine/plan/models';
import { buysModelUnits, purchaseKey, unnamedBaseModels, type PlannedPurchase } from '../../engine/plan/quotas';
import type { SingleResourcePlan } from '../../engine/plan/single-resource';
import type { ModelFactsCache } from '../../engine/refresh/models';
import { QuotaCache, readQuotaInputs } from '../../engine/refresh/quotas';

export type PlanWith = (live: LiveView, alsoPlanned: PlannedPurchase[]) => SingleResourcePlan;

export class ProviderQuotas {
  private readonly cache = new QuotaCache();
  /** By PT name: a later plan of the same resource (Terraform plans again at apply) replaces its entry. */
  private readonly planned = new Map<string, PlannedPurchase>();

  constructor(
    private readonly clients: StackClients,
    private readonly account: string,
    private readonly models: ModelFactsCache,
  ) {}

  /**
   * Plans with `plan`; when the change buys model units, plans again with the quotas, and
   * remembers a purchase that may go ahead so the next resources' plans count it.
   * `replacing` is the PT this create replaces, if any: its name may still be live.
   */
  async planChecked(live: LiveView, plan: PlanWith, replacing?: string): Promise<SingleResourcePlan> {
    const first = plan(live, []);
    if (!buysModelUnits([first.change])) return first;
    const baseModels = unnamedBaseModels([first.change], new ModelCatalog(live.models));
    const read = await readQuotaInputs(this.clients, this.account, baseModels, { quotas: this.cache, models: this.models });
    const checked: LiveView = { ...live, quotas: read.quotas, models: { ...live.models, ...read.models } };
    const result = plan(checked, [...this.planned.values()]);
    const key = purchaseKey(result.change, new ModelCatalog(checked.models));
    const name = result.change.after?.provisioned_model_name;
    if (key && name !== undefined && !result.change.blocked) {
      const replaces = replacing ?? result.change.arn;
      this.planned.set(name, { name, modelUnits: result.change.after!.model_units, key, ...(replaces ? { replaces } : {}) });
    }
    return result;
  }
}
