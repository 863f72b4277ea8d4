/**
 * A saved plan is applied only if the world it was made for is still there: the same state
 * (lineage and serial), the same account and region, and every PT it relies on unchanged. Each
 * mismatch refuses the apply with what changed, before any mutating call. The config is checked
 * after these, by deriving the plan again (rederive.ts), so the refusal can name what differs.
 */
import { BedrockPtError } from '../errors';
import type { LivePt, StackConfig, StackPlan } from '../model';
import type { StackClients } from '../aws/clients';
import { callerAccount, listAllPts, readTags } from '../refresh/refresh';
import { mapLimit } from '../aws/concurrency';
import { ptFingerprint } from '../plan';
import type { StateWriter } from '../apply/context';

function stale(plan: StackPlan, why: string, address?: string): BedrockPtError {
  return new BedrockPtError('plan-file', `saved plan is stale: ${why}; plan again`, { stack: plan.stack, address });
}

function whatChanged(plan: StackPlan, arn: string, live: LivePt): { address?: string; what: string } {
  const change = plan.changes.find((c) => c.arn === arn || c.before?.provisioned_model_arn === arn);
  const before = change?.before;
  const address = change?.address;
  if (before) {
    if (before.provisioned_model_name !== live.name)
      return { address, what: `was renamed outside bedrock-pt (${before.provisioned_model_name} → ${live.name})` };
    if (before.model_arn !== live.modelArn && before.model_arn !== live.desiredModelArn) return { address, what: 'had its model changed outside bedrock-pt' };
    if (JSON.stringify(sorted(before.tags_all)) !== JSON.stringify(sorted(live.tags ?? {})))
      return { address, what: 'had its tags changed outside bedrock-pt' };
  }
  return { address, what: `changed outside bedrock-pt (status ${live.status}, last modified ${live.lastModifiedTime})` };
}

function sorted(tags: Record<string, string>): [string, string][] {
  return Object.entries(tags).sort(([a], [b]) => a.localeCompare(b));
}

export async function verifyStackPlan(plan: StackPlan, state: StateWriter, clients: StackClients, config?: StackConfig): Promise<void> {
  if (plan.state.lineage === '') {
    if (state.exists) throw stale(plan, `${plan.stack}: the plan was made before the stack had state, but a state file exists now`);
  } else if (!state.exists) {
    throw stale(plan, `${plan.stack}: the state file the plan was made for is missing`);
  } else if (state.lineage !== plan.state.lineage) {
    throw stale(plan, `${plan.stack}: the state file is a different one (lineage ${state.lineage}, the plan was made for ${plan.state.lineage})`);
  }
  if (state.serial !== plan.state.serial) {
    throw stale(plan, `${plan.stack}: the state changed since the plan was made (serial ${plan.state.serial} → ${state.serial})`);
  }
  // The clients come from the plan's own target, so only the current config can show a region move.
  const region = config?.provider.region ?? clients.region;
  if (region !== plan.region) {
    throw new BedrockPtError('plan-file', `saved plan for ${plan.stack} is for region ${plan.region}, but the stack now targets ${region}; plan again`, {
      stack: plan.stack,
    });
  }
  const account = await callerAccount(clients, plan.stack);
  if (account !== plan.account) {
    throw new BedrockPtError(
      'plan-file',
      `saved plan for ${plan.stack} is for account ${plan.account}, but the credentials reach account ${account}; use the right credentials or plan again`,
      { stack: plan.stack },
    );
  }
  const arns = Object.keys(plan.ptFingerprints).sort();
  if (arns.length === 0) return;
  const live = await listAllPts(clients, plan.stack);
  const tags = await mapLimit(arns, 10, (arn) => (live[arn] ? readTags(clients, plan.stack, arn) : Promise.resolve(undefined)));
  arns.forEach((arn, i) => {
    const pt = live[arn];
    if (!pt) {
      const change = plan.changes.find((c) => c.arn === arn);
      throw stale(plan, `${plan.stack}/${change?.address ?? arn} was deleted outside bedrock-pt since the plan was made`, change?.address);
    }
    const withTags = { ...pt, tags: tags[i] ?? {} };
    if (ptFingerprint(withTags) !== plan.ptFingerprints[arn]) {
      const { address, what } = whatChanged(plan, arn, withTags);
      throw stale(plan, `${plan.stack}/${address ?? arn} ${what} since the plan was made`, address);
    }
  });
}
