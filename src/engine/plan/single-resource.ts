/**
 * The planner for one resource at a time, as the Terraform provider asks for it: Terraform
 * sends one resource's prior state and proposed config per call, and the provider needs the
 * same decisions `bedrock-pt plan` makes (update in place, replace, blocked). This wraps
 * planStack on a one-resource stack instead of keeping a second copy of the rules; it only
 * adapts the two facts that differ when Terraform, not bedrock-pt, owns the state.
 */
import {
  PT_RESOURCE_TYPE,
  type DesiredPt,
  type Diagnostic,
  type LivePt,
  type LiveView,
  type ManagedPt,
  type ResourceChange,
  type Tags,
} from '../model';
import { ModelCatalog } from './models';
import { planStack } from './plan-stack';
import type { PlannedPurchase } from './quotas';

/** The address every one-resource plan uses; Terraform does not tell the provider the real one. */
export const SINGLE_RESOURCE_ADDRESS = `${PT_RESOURCE_TYPE}.this`;

export interface SingleResourceInput {
  /** From the proposed config; undefined when Terraform plans a destroy. */
  desired?: Omit<DesiredPt, 'address' | 'lifecycle'>;
  /** From the prior state; undefined when Terraform plans a create. */
  managed?: Omit<ManagedPt, 'address'>;
  live: LiveView;
  defaultTags: Tags;
  now: Date;
  /**
   * ARN of the PT this create replaces (the create half of a replace): Terraform deletes it
   * first, so its name is not held by a PT "someone else" owns.
   */
  replacing?: string;
  /** Creates this provider process planned before in the same account and region. */
  alsoPlanned?: PlannedPurchase[];
}

export interface SingleResourcePlan {
  change: ResourceChange;
  /** Errors block the change. */
  diagnostics: Diagnostic[];
}

export function planSingleResource(input: SingleResourceInput): SingleResourcePlan {
  const address = SINGLE_RESOURCE_ADDRESS;
  const pts = { ...input.live.pts };
  if (input.replacing) delete pts[input.replacing];
  const live: LiveView = { ...input.live, pts };
  // Terraform itself enforces lifecycle (prevent_destroy, create_before_destroy, ignore_changes) before the provider is asked.
  const desired: DesiredPt | undefined = input.desired && {
    ...input.desired,
    address,
    lifecycle: { preventDestroy: false, createBeforeDestroy: false, ignoreChanges: [] },
  };
  const plan = planStack({
    stack: {
      name: 'terraform',
      provider: { region: live.region, defaultTags: input.defaultTags },
      backend: { type: 'local', path: '' },
      resources: desired ? [desired] : [],
      moved: [],
      imports: [],
      otherResourceCount: 0,
      fingerprint: '',
    },
    state: { lineage: '', serial: 0, pts: input.managed ? { [address]: { ...input.managed, address } } : {}, pending: {} },
    live,
    now: input.now,
    alsoPlanned: input.alsoPlanned,
  });
  const change = plan.changes.find((c) => c.address === address)!;
  const interrupted = !!desired && plan.diagnostics.some((d) => mayBeInterruptedCreate(d, change, desired, live));
  // Such a create buys nothing new: its token answers with the PT that holds the name, or the name is refused.
  const diagnostics = plan.diagnostics
    .filter((d) => !(interrupted && d.code === 'quota-exceeded'))
    .map((d) => (interrupted && d.code === 'name-taken' ? asInterruptedCreate(d) : d));
  const doesSomething = change.action !== 'no-op';
  return { change: { ...change, blocked: doesSomething && diagnostics.some((d) => d.severity === 'error') }, diagnostics };
}

/**
 * A create whose name is held by a PT with exactly the requested model, units and commitment may
 * be this resource's own purchase from an apply that was killed before Terraform saved the state.
 * It is not refused at plan: the create sends the idempotency token derived from those same
 * attributes, so Bedrock answers with that PT if it was ours, and refuses the name if it was not.
 */
function mayBeInterruptedCreate(d: Diagnostic, change: ResourceChange, desired: DesiredPt, live: LiveView): boolean {
  if (d.code !== 'name-taken' || change.action !== 'create') return false;
  const holder = Object.values(live.pts).find((pt) => pt.name === desired.name);
  return !!holder && sameRequest(holder, desired, new ModelCatalog(live.models));
}

function sameRequest(pt: LivePt, desired: DesiredPt, catalog: ModelCatalog): boolean {
  const model = catalog.canonical(desired.model);
  return (
    pt.modelUnits === desired.modelUnits &&
    (pt.commitment ?? null) === (desired.commitment ?? null) &&
    (pt.modelArn === model || pt.desiredModelArn === model)
  );
}

function asInterruptedCreate(d: Diagnostic): Diagnostic {
  return {
    ...d,
    severity: 'warning',
    summary: `${d.summary}, with the same model, model units and commitment`,
    detail:
      'If an earlier apply of this resource was interrupted, apply sends the same idempotency token, Bedrock answers with that PT ' +
      'and it is recorded without buying another. If it is not this resource\'s PT, the create is refused and nothing is bought: ' +
      'adopt it with `terraform import`, or choose another name.',
  };
}
