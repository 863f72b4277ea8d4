/**
 * Refresh one stack: who we are (STS), every PT in the account and region (one paginated
 * List, not a Get per resource), tags only for PTs this stack manages or may adopt, and
 * facts for each distinct model. The result feeds the pure planner.
 */
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { ListTagsForResourceCommand, paginateListProvisionedModelThroughputs, type ProvisionedModelSummary } from '@aws-sdk/client-bedrock';
import type { LivePt, LiveView, ManagedState, ModelFacts, StackConfig, Tags } from '../model';
import type { StackClients } from '../aws/clients';
import { explainAwsError, isNotFound } from '../aws/errors';
import { mapLimit } from '../aws/concurrency';
import { ModelFactsCache } from './models';
import { partitionOf } from '../aws/partition';

export interface RefreshOptions {
  /** Concurrent ListTagsForResource / model lookups. */
  concurrency?: number;
  models?: ModelFactsCache;
}

export async function callerAccount(clients: StackClients, stack: string): Promise<string> {
  try {
    const out = await clients.sts.send(new GetCallerIdentityCommand({}));
    if (!out.Account) throw new Error('GetCallerIdentity returned no account');
    return out.Account;
  } catch (err) {
    throw explainAwsError(err, { stack }, 'sts:GetCallerIdentity');
  }
}

export async function listAllPts(clients: StackClients, stack: string): Promise<Record<string, LivePt>> {
  const pts: Record<string, LivePt> = {};
  try {
    for await (const page of paginateListProvisionedModelThroughputs({ client: clients.bedrock, pageSize: 1000 }, {})) {
      for (const summary of page.provisionedModelSummaries ?? []) {
        const pt = toLivePt(summary);
        pts[pt.arn] = pt;
      }
    }
  } catch (err) {
    throw explainAwsError(err, { stack }, 'ListProvisionedModelThroughputs');
  }
  return pts;
}

export function toLivePt(s: ProvisionedModelSummary): LivePt {
  return {
    arn: s.provisionedModelArn!,
    name: s.provisionedModelName!,
    modelArn: s.modelArn!,
    desiredModelArn: s.desiredModelArn ?? s.modelArn!,
    foundationModelArn: s.foundationModelArn!,
    modelUnits: s.modelUnits!,
    desiredModelUnits: s.desiredModelUnits ?? s.modelUnits!,
    status: s.status as LivePt['status'],
    commitment: s.commitmentDuration as LivePt['commitment'],
    commitmentExpirationTime: s.commitmentExpirationTime?.toISOString(),
    creationTime: s.creationTime!.toISOString(),
    lastModifiedTime: s.lastModifiedTime!.toISOString(),
    ...('failureMessage' in s && (s as { failureMessage?: string }).failureMessage
      ? { failureMessage: (s as { failureMessage?: string }).failureMessage }
      : {}),
  };
}

function accountOf(pts: Record<string, LivePt>): string | undefined {
  const arn = Object.keys(pts)[0];
  return arn?.split(':')[4] || undefined;
}

export async function readTags(clients: StackClients, stack: string, arn: string): Promise<Tags | undefined> {
  try {
    const out = await clients.bedrock.send(new ListTagsForResourceCommand({ resourceARN: arn }));
    const tags: Tags = {};
    for (const t of out.tags ?? []) if (t.key !== undefined) tags[t.key] = t.value ?? '';
    return tags;
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw explainAwsError(err, { stack }, 'ListTagsForResource', arn);
  }
}

/** PTs whose tags the planner needs: those in state, and those a desired name or import would match. */
export function ptsOfInterest(stack: StackConfig, state: ManagedState, pts: Record<string, LivePt>): LivePt[] {
  const byName = new Map(Object.values(pts).map((p) => [p.name, p]));
  const arns = new Set<string>();
  for (const m of Object.values(state.pts)) if (pts[m.arn]) arns.add(m.arn);
  // Deposed PTs are planned for deletion, and a saved plan checks their fingerprints (tags included).
  for (const m of Object.values(state.deposed ?? {})) if (pts[m.arn]) arns.add(m.arn);
  for (const d of stack.resources) {
    const hit = byName.get(d.name);
    if (hit) arns.add(hit.arn);
  }
  for (const p of Object.values(state.pending)) {
    const hit = byName.get(p.name);
    if (hit) arns.add(hit.arn);
  }
  for (const i of stack.imports) {
    const hit = pts[i.id] ?? byName.get(i.id);
    if (hit) arns.add(hit.arn);
  }
  return [...arns].sort().map((a) => pts[a]);
}

/** Distinct model identifiers the planner will ask about: config models, state models, and live models of PTs of interest. */
export function modelIdentifiers(stack: StackConfig, state: ManagedState, interesting: LivePt[]): string[] {
  const ids = new Set<string>();
  for (const d of stack.resources) ids.add(d.model);
  for (const m of Object.values(state.pts)) ids.add(m.modelArn);
  for (const p of interesting) {
    ids.add(p.modelArn);
    ids.add(p.desiredModelArn);
  }
  return [...ids].filter(Boolean).sort();
}

export async function refreshStack(stack: StackConfig, state: ManagedState, clients: StackClients, options: RefreshOptions = {}): Promise<LiveView> {
  const concurrency = options.concurrency ?? 10;
  const cache = options.models ?? new ModelFactsCache();
  const pts = await listAllPts(clients, stack.name);
  // A PT's ARN names the account that owns it, which is the caller's: STS is only asked when there is none.
  const account = accountOf(pts) ?? (await callerAccount(clients, stack.name));
  const interesting = ptsOfInterest(stack, state, pts);
  const identifiers = modelIdentifiers(stack, state, interesting);
  const scope = `${account}|${clients.region}`;
  const [tagLists, facts] = await Promise.all([
    mapLimit(interesting, concurrency, (p) => readTags(clients, stack.name, p.arn)),
    mapLimit(identifiers, concurrency, (id) => cache.get(clients.bedrock, scope, id)),
  ]);
  interesting.forEach((p, i) => {
    const tags = tagLists[i];
    if (tags) pts[p.arn] = { ...p, tags };
  });
  const models: Record<string, ModelFacts> = {};
  identifiers.forEach((id, i) => (models[id] = facts[i]));
  return { account, region: clients.region, partition: partitionOf(clients.region), pts, models };
}
