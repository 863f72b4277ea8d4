/**
 * The planner for one resource at a time, as the Terraform provider asks for it: Terraform
 * sends one resource's prior state and proposed config per call, and the provider needs the
 * same decisions `bedrock-pt plan` makes (update in place, replace, blocked). This wraps
 * planStack on a one-resource stack instead of keeping a second copy of the rules; it only
 * says what the provider knows that a stack's state would have said: the PT a create half
 * replaces, the creates other resources of the run planned, and the intents of its journal.
 */
import { PT_RESOURCE_TYPE, type DesiredPt, type Diagnostic, type LiveView, type ManagedPt, type PendingCreate, type ResourceChange, type Tags } from '../model';
import { managedFromLive } from '../pt/records';
import { untrackedTags } from './addresses';
import { planStack } from './plan-stack';
import type { PlannedPurchase } from './quotas';

/** The address every one-resource plan uses; Terraform does not tell the provider the real one. */
export const SINGLE_RESOURCE_ADDRESS = `${PT_RESOURCE_TYPE}.this`;

export type SingleDesired = Omit<DesiredPt, 'address' | 'lifecycle'>;

export interface SingleResourceInput {
  /** From the proposed config; undefined when Terraform plans a destroy. */
  desired?: SingleDesired;
  /** From the prior state; undefined when Terraform plans a create. */
  managed?: Omit<ManagedPt, 'address'>;
  live: LiveView;
  defaultTags: Tags;
  now: Date;
  /**
   * ARN of the PT this create replaces (the create half of a replace, forced or not): it is
   * planned as that PT's replacement, so the destroy rules (commitment) apply to it.
   */
  replaces?: string;
  /** Creates that other resources planned earlier in this run: each takes its name. */
  otherCreates?: SingleDesired[];
  /** Create intents in doubt that cannot be tied to a resource (see planStack). */
  intents?: PendingCreate[];
  /** Creates this provider process planned before in the same account and region (counted against the quota). */
  alsoPlanned?: PlannedPurchase[];
}

export interface SingleResourcePlan {
  change: ResourceChange;
  /** Errors block the change. */
  diagnostics: Diagnostic[];
}

// Terraform itself enforces lifecycle (prevent_destroy, create_before_destroy, ignore_changes) before the provider is asked.
const TERRAFORM_LIFECYCLE = { preventDestroy: false, createBeforeDestroy: false, ignoreChanges: [] };

export function planSingleResource(input: SingleResourceInput): SingleResourcePlan {
  const address = SINGLE_RESOURCE_ADDRESS;
  const { live } = input;
  const replaced = input.replaces && !input.managed ? live.pts[input.replaces] : undefined;
  const managed = input.managed ?? (replaced ? managedFromLive(address, replaced, untrackedTags(replaced, input.defaultTags)) : undefined);
  const desired: DesiredPt | undefined = input.desired && { ...input.desired, address, lifecycle: TERRAFORM_LIFECYCLE };
  const others: DesiredPt[] = (input.otherCreates ?? []).map((d, i) => ({ ...d, address: `${PT_RESOURCE_TYPE}.other_${i}`, lifecycle: TERRAFORM_LIFECYCLE }));
  const plan = planStack({
    stack: {
      name: 'terraform',
      provider: { region: live.region, defaultTags: input.defaultTags },
      backend: { type: 'local', path: '' },
      resources: desired ? [desired, ...others] : [],
      moved: [],
      imports: [],
      otherResourceCount: 0,
      fingerprint: '',
    },
    state: { lineage: '', serial: 0, pts: managed ? { [address]: { ...managed, address } } : {}, pending: {} },
    live,
    now: input.now,
    ...(replaced ? { replace: [address] } : {}),
    unaddressedIntents: input.intents ?? [],
    // The other creates are planned here as changes, and count against the quota as such.
    alsoPlanned: (input.alsoPlanned ?? []).filter((p) => !others.some((o) => o.name === p.name)),
  });
  const change = plan.changes.find((c) => c.address === address)!;
  const diagnostics = plan.diagnostics.filter((d) => !d.address || d.address === address);
  return { change, diagnostics };
}
