/**
 * Small builders for planner inputs (StackConfig, ManagedState, LiveView). Defaults
 * follow the shared example facts: the prod stack's support_chat PT on Claude 3 Haiku.
 */
import type { PlanInput } from '../../src/engine/plan';
import {
  PT_RESOURCE_TYPE,
  type DesiredPt,
  type ImportBlock,
  type Lifecycle,
  type LivePt,
  type ManagedPt,
  type ModelFacts,
  type MovedBlock,
  type PendingCreate,
  type StackConfig,
  type Tags,
} from '../../src/engine/model';

export const NOW = new Date('2025-06-01T00:00:00.000Z');
export const ACCOUNT = '333333333333';
export const REGION = 'us-east-1';

export const HAIKU_ID = 'anthropic.claude-3-haiku-20240307-v1:0:200k';
export const HAIKU_ARN = `arn:aws:bedrock:${REGION}::foundation-model/${HAIKU_ID}`;
export const SONNET_ID = 'anthropic.claude-3-sonnet-20240229-v1:0:200k';
export const SONNET_ARN = `arn:aws:bedrock:${REGION}::foundation-model/${SONNET_ID}`;
export const TITAN_ID = 'amazon.titan-text-express-v1:0:8k';
export const TITAN_ARN = `arn:aws:bedrock:${REGION}::foundation-model/${TITAN_ID}`;
export const CUSTOM_1 = `arn:aws:bedrock:${REGION}:111111111111:custom-model/${TITAN_ID}/devsupport01`;
export const CUSTOM_2 = `arn:aws:bedrock:${REGION}:111111111111:custom-model/${TITAN_ID}/devsupport02`;
/** A custom model of a different base (Haiku). */
export const CUSTOM_HAIKU = `arn:aws:bedrock:${REGION}:111111111111:custom-model/${HAIKU_ID}/tuned01`;

export const DEFAULT_TAGS: Tags = { Project: 'support-bot', Environment: 'prod', ManagedBy: 'bedrock-pt' };
export const RESOURCE_TAGS: Tags = { CostCenter: 'cc-1234' };

export function address(logicalId = 'support_chat'): string {
  return `${PT_RESOURCE_TYPE}.${logicalId}`;
}
export const ADDRESS = address();

export function ptArn(id = 'abc123'): string {
  return `arn:aws:bedrock:${REGION}:${ACCOUNT}:provisioned-model/${id}`;
}

export function daysFromNow(days: number): string {
  return new Date(NOW.getTime() + days * 86_400_000).toISOString();
}

export function foundationFacts(id: string, arn: string, overrides: Partial<ModelFacts> = {}): ModelFacts {
  return {
    identifier: id,
    exists: true,
    kind: 'foundation',
    arn,
    baseModelArn: arn,
    lifecycle: 'ACTIVE',
    supportsProvisioned: true,
    ...overrides,
  };
}

export function customFacts(arn: string, baseModelArn: string, overrides: Partial<ModelFacts> = {}): ModelFacts {
  return { identifier: arn, exists: true, kind: 'custom', arn, baseModelArn, lifecycle: 'ACTIVE', supportsProvisioned: true, ...overrides };
}

export function missingModel(identifier: string): ModelFacts {
  return { identifier, exists: false };
}

/** Facts keyed as refresh keys them: by the identifier as written, and by canonical ARN. */
export function modelIndex(...facts: ModelFacts[]): Record<string, ModelFacts> {
  const out: Record<string, ModelFacts> = {};
  for (const f of facts) {
    out[f.identifier] = f;
    if (f.arn) out[f.arn] = { ...f, identifier: f.arn };
  }
  return out;
}

export const STANDARD_MODELS = modelIndex(
  foundationFacts(HAIKU_ID, HAIKU_ARN),
  foundationFacts(SONNET_ID, SONNET_ARN),
  foundationFacts(TITAN_ID, TITAN_ARN),
  customFacts(CUSTOM_1, TITAN_ARN),
  customFacts(CUSTOM_2, TITAN_ARN),
  customFacts(CUSTOM_HAIKU, HAIKU_ARN),
);

type DesiredOverrides = Partial<Omit<DesiredPt, 'lifecycle'>> & { lifecycle?: Partial<Lifecycle> };

export function aDesiredPt(overrides: DesiredOverrides = {}): DesiredPt {
  const { lifecycle, ...rest } = overrides;
  const tags = rest.tags ?? RESOURCE_TAGS;
  return {
    address: ADDRESS,
    name: 'prod-support-chat',
    model: HAIKU_ID,
    modelUnits: 2,
    tags,
    tagsAll: { ...DEFAULT_TAGS, ...tags },
    timeouts: {},
    ...rest,
    lifecycle: { preventDestroy: false, createBeforeDestroy: false, ignoreChanges: [], ...lifecycle },
  };
}

export function aManagedPt(overrides: Partial<ManagedPt> = {}): ManagedPt {
  const tags = overrides.tags ?? RESOURCE_TAGS;
  return {
    address: ADDRESS,
    arn: ptArn(),
    name: 'prod-support-chat',
    modelArn: HAIKU_ARN,
    modelUnits: 2,
    tags,
    tagsAll: { ...DEFAULT_TAGS, ...tags },
    ...overrides,
  };
}

export function aLivePt(overrides: Partial<LivePt> = {}): LivePt {
  const modelArn = overrides.modelArn ?? HAIKU_ARN;
  return {
    arn: ptArn(),
    name: 'prod-support-chat',
    modelArn,
    desiredModelArn: modelArn,
    foundationModelArn: modelArn.includes(':custom-model/') ? TITAN_ARN : modelArn,
    modelUnits: 2,
    desiredModelUnits: overrides.modelUnits ?? 2,
    status: 'InService',
    creationTime: '2025-01-01T00:00:00.000Z',
    lastModifiedTime: '2025-01-01T00:00:00.000Z',
    tags: { ...DEFAULT_TAGS, ...RESOURCE_TAGS },
    ...overrides,
  };
}

/** A live PT that matches its state record (the usual refreshed case). */
export function liveFor(managed: ManagedPt, overrides: Partial<LivePt> = {}): LivePt {
  return aLivePt({
    arn: managed.arn,
    name: managed.name,
    modelArn: managed.modelArn,
    modelUnits: managed.modelUnits,
    ...(managed.commitment ? { commitment: managed.commitment, commitmentExpirationTime: daysFromNow(30) } : {}),
    tags: managed.tagsAll,
    ...overrides,
  });
}

export function aPendingCreate(overrides: Partial<PendingCreate> = {}): PendingCreate {
  return {
    address: ADDRESS,
    name: 'prod-support-chat',
    model: HAIKU_ID,
    modelUnits: 2,
    tagsAll: { ...DEFAULT_TAGS, ...RESOURCE_TAGS },
    clientRequestToken: 'token-1',
    startedAt: '2025-05-31T23:00:00.000Z',
    ...overrides,
  };
}

export function aStack(overrides: Partial<StackConfig> = {}): StackConfig {
  return {
    name: 'prod',
    provider: { region: REGION, profile: 'bedrock-pt-prod', defaultTags: DEFAULT_TAGS },
    backend: { type: 'local', path: 'terraform.prod.tfstate' },
    resources: [],
    moved: [],
    imports: [],
    otherResourceCount: 0,
    fingerprint: 'config-fingerprint',
    ...overrides,
  };
}

export interface InputParts {
  desired?: DesiredPt[];
  managed?: ManagedPt[];
  live?: LivePt[];
  models?: Record<string, ModelFacts>;
  moved?: MovedBlock[];
  imports?: ImportBlock[];
  pending?: PendingCreate[];
  otherResourceCount?: number;
  now?: Date;
}

export function anInput(parts: InputParts = {}): PlanInput {
  return {
    stack: aStack({
      resources: parts.desired ?? [],
      moved: parts.moved ?? [],
      imports: parts.imports ?? [],
      otherResourceCount: parts.otherResourceCount ?? 0,
    }),
    state: {
      lineage: 'lineage-1',
      serial: 7,
      pts: Object.fromEntries((parts.managed ?? []).map((pt) => [pt.address, pt])),
      pending: Object.fromEntries((parts.pending ?? []).map((p) => [p.address, p])),
    },
    live: {
      account: ACCOUNT,
      region: REGION,
      pts: Object.fromEntries((parts.live ?? []).map((pt) => [pt.arn, pt])),
      models: parts.models ?? STANDARD_MODELS,
    },
    now: parts.now ?? NOW,
  };
}

/** One PT in config, state and live, all agreeing; overrides change one side. */
export function inSync(
  over: { desired?: DesiredOverrides; managed?: Partial<ManagedPt>; live?: Partial<LivePt> } = {},
): Pick<InputParts, 'desired' | 'managed' | 'live'> {
  const managed = aManagedPt(over.managed);
  return { desired: [aDesiredPt(over.desired)], managed: [managed], live: [liveFor(managed, over.live)] };
}
