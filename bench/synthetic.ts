/**
 * A synthetic stack of many PTs whose plan mixes every kind of change: creates, tag updates,
 * replaces (model units), deletes, no-ops and blocked replaces (unexpired commitment).
 */
import type { LivePt, LiveView, ManagedPt, StackConfig } from '../src/engine/model';
import type { PlanInput } from '../src/engine/plan';
import { desired, managed, managedState, stack } from './stacks';

const ACCOUNT = '123456789012';
const REGION = 'us-east-1';
const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0:200k';
const HAIKU_ARN = `arn:aws:bedrock:${REGION}::foundation-model/${HAIKU}`;
const DEFAULT_TAGS = { Project: 'support-bot', Environment: 'bench', ManagedBy: 'bedrock-pt' };
const DAY_MS = 86_400_000;

export const MIX = ['create', 'update', 'replace', 'delete', 'no-op', 'blocked'] as const;
export type MixKind = (typeof MIX)[number];

export function kindOf(i: number): MixKind {
  return MIX[i % MIX.length];
}

function arnOf(i: number): string {
  return `arn:aws:bedrock:${REGION}:${ACCOUNT}:provisioned-model/p${i.toString(36).padStart(11, '0')}`;
}

function livePt(i: number, name: string, modelUnits: number, tags: Record<string, string>, created: number, expires: number): LivePt {
  return {
    arn: arnOf(i),
    name,
    modelArn: HAIKU_ARN,
    desiredModelArn: HAIKU_ARN,
    foundationModelArn: HAIKU_ARN,
    modelUnits,
    desiredModelUnits: modelUnits,
    status: 'InService',
    commitment: 'OneMonth',
    commitmentExpirationTime: new Date(expires).toISOString(),
    creationTime: new Date(created).toISOString(),
    lastModifiedTime: new Date(created).toISOString(),
    tags,
  };
}

export function syntheticPlanInput(count: number, now = new Date('2026-06-01T00:00:00Z')): PlanInput {
  const t = now.getTime();
  const resources: StackConfig['resources'] = [];
  const statePts: ManagedPt[] = [];
  const pts: Record<string, LivePt> = {};
  for (let i = 0; i < count; i++) {
    const kind = kindOf(i);
    const name = `pt-${String(i).padStart(6, '0')}`;
    const recorded = desired({
      logicalId: `pt_${i}`,
      name,
      model: HAIKU,
      modelUnits: 1,
      commitment: 'OneMonth',
      tags: { CostCenter: 'cc-1234' },
      defaultTags: DEFAULT_TAGS,
    });
    // Expired commitments may be replaced or deleted; the blocked ones still run for 20 days.
    const [created, expires] = kind === 'blocked' ? [t - 10 * DAY_MS, t + 20 * DAY_MS] : [t - 60 * DAY_MS, t - 30 * DAY_MS];
    if (kind !== 'create') {
      statePts.push(managed(recorded, arnOf(i), HAIKU_ARN, REGION));
      const live = livePt(i, name, 1, recorded.tagsAll, created, expires);
      pts[live.arn] = live;
    }
    if (kind === 'delete') continue;
    const units = kind === 'replace' || kind === 'blocked' ? 2 : 1;
    const tags = kind === 'update' ? { CostCenter: 'cc-5678' } : { CostCenter: 'cc-1234' };
    resources.push(desired({ logicalId: `pt_${i}`, name, model: HAIKU, modelUnits: units, commitment: 'OneMonth', tags, defaultTags: DEFAULT_TAGS }));
  }
  const facts = { exists: true, kind: 'foundation' as const, arn: HAIKU_ARN, baseModelArn: HAIKU_ARN, lifecycle: 'ACTIVE' as const, supportsProvisioned: true };
  const live: LiveView = {
    account: ACCOUNT,
    region: REGION,
    pts,
    models: { [HAIKU]: { identifier: HAIKU, ...facts }, [HAIKU_ARN]: { identifier: HAIKU_ARN, ...facts } },
  };
  const config = stack('synthetic', { region: REGION, defaultTags: DEFAULT_TAGS }, resources);
  return { stack: config, state: managedState(statePts), live, now };
}
