/**
 * The emulated Bedrock control plane as an object: the cloud state, the service settings, the
 * fault controls and the request log, with the control methods tests and benchmarks call. The
 * HTTP server (server.ts) is a thin layer over it.
 */
import { DEFAULT_FOUNDATION_MODELS, foundationModelArn, findFoundationModel, type FoundationModelSeed } from './catalog';
import { EmulatorClock } from './clock';
import type { Cloud, CloudStateRef, ServiceSettings } from './context';
import { FaultControls, type EmulatedOperation, type FaultSpec, type RateLimit } from './faults';
import { ptDetails, settle } from './lifecycle';
import { customModelArn } from './operations/models';
import { assertQuotaTarget } from './operations/quotas';
import { RequestLog, type RequestLogEntry } from './requestLog';
import { emptyState, loadState, saveState, scopeKey, type CloudState, type CustomModelRecord } from './store';
import { fullMatch } from './validation';
import { BEDROCK_API_CONSTRAINTS } from './constraints';

export const DEFAULT_ACCOUNT = '123456789012';

export interface CustomModelInput {
  account: string;
  region: string;
  /** The 12 lowercase alphanumerics at the end of the ARN, fixed so configs can name the ARN. */
  id: string;
  name: string;
  /** Foundation model ID from the catalog, e.g. amazon.titan-text-express-v1:0:8k. */
  baseModelId: string;
  customizationType?: CustomModelRecord['customizationType'];
}

export interface EmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Access key id → account id. Unknown keys act as `defaultAccount`. */
  accounts?: Record<string, string>;
  /** Default 123456789012. */
  defaultAccount?: string;
  /** Replaces the seeded foundation-model catalog (DEFAULT_FOUNDATION_MODELS). */
  foundationModels?: FoundationModelSeed[];
  /** Custom models present at start (and after reset); skipped when already in a loaded state file. */
  customModels?: CustomModelInput[];
  /** Creating → InService delay; default 2000 ms. */
  createDelayMs?: number;
  /** Updating → InService delay; default 2000 ms. */
  updateDelayMs?: number;
  /** Committed model units per model in every account and region unless set per scope; default 0 as on AWS. */
  committedUnitsQuota?: number;
  /** Per-scope committed-unit quotas (every model) keyed `account/region`. */
  committedUnitsQuotas?: Record<string, number>;
  /**
   * Model-unit quotas of one target — a foundation model ID sold as PT, or `no-commitment-base` /
   * `no-commitment-custom` (AWS default 2 each) — keyed `target` (every scope) or `account/region/target`.
   */
  modelUnitsQuotas?: Record<string, number>;
  /** Persist the cloud here: loaded at start, saved atomically after each mutation. */
  stateFile?: string;
  /** Start with a stopped clock at this instant (ISO-8601); handy for deterministic tests. */
  frozenAt?: string;
}

/** A PT as tests see it: the Get view plus where it lives, its tags and what it was bought for. */
export type InventoryPt = Record<string, unknown> & {
  account: string;
  region: string;
  provisionedModelArn: string;
  provisionedModelName: string;
  status: string;
  tags: Record<string, string>;
  purchasedFor: 'foundation' | 'custom';
};

/** Test and benchmark controls; also served over HTTP at POST /_emulator/<method>. */
export interface EmulatorControl {
  now(): Date;
  advance(ms: number): void;
  freezeClock(at?: string): void;
  unfreezeClock(): void;
  setLatency(operation: EmulatedOperation, ms: number): void;
  setRateLimit(operation: EmulatedOperation, limit: RateLimit | null): void;
  injectFault(spec: FaultSpec): void;
  clearFaults(): void;
  setTransitionDelays(delays: { createMs?: number; updateMs?: number }): void;
  failNextCreate(message: string, scope?: { account?: string; region?: string }): void;
  /** Committed model units for every model of the scope. */
  setCommittedUnitsQuota(account: string, region: string, units: number): void;
  /** One quota of the scope: `target` is a foundation model ID sold as PT, `no-commitment-base` or `no-commitment-custom`. */
  setModelUnitsQuota(account: string, region: string, target: string, units: number): void;
  addCustomModel(model: CustomModelInput): string;
  requests(): RequestLogEntry[];
  resetRequests(): void;
  reset(): void;
  inventory(account?: string, region?: string): InventoryPt[];
}

export const CONTROL_METHODS: ReadonlyArray<keyof EmulatorControl> = [
  'now',
  'advance',
  'freezeClock',
  'unfreezeClock',
  'setLatency',
  'setRateLimit',
  'injectFault',
  'clearFaults',
  'setTransitionDelays',
  'failNextCreate',
  'setCommittedUnitsQuota',
  'setModelUnitsQuota',
  'addCustomModel',
  'requests',
  'resetRequests',
  'reset',
  'inventory',
];

function checkUnits(units: number): number {
  if (!Number.isInteger(units) || units < 0) throw new Error(`A model-unit quota is a non-negative integer, got ${String(units)}`);
  return units;
}

function initialSettings(options: EmulatorOptions): ServiceSettings {
  return {
    createDelayMs: options.createDelayMs ?? 2000,
    updateDelayMs: options.updateDelayMs ?? 2000,
    defaultCommittedUnitsQuota: options.committedUnitsQuota ?? 0,
    modelUnitsQuotas: { ...(options.modelUnitsQuotas ?? {}) },
    maxTagsPerResource: 50,
    failNextCreates: [],
  };
}

export class EmulatorCore implements EmulatorControl {
  readonly cloud: Cloud;
  readonly faults = new FaultControls();
  readonly log = new RequestLog();
  readonly accounts: Record<string, string>;
  readonly defaultAccount: string;
  private readonly stateRef: CloudStateRef;

  constructor(private readonly options: EmulatorOptions = {}) {
    this.accounts = { ...(options.accounts ?? {}) };
    this.defaultAccount = options.defaultAccount ?? DEFAULT_ACCOUNT;
    const loaded = options.stateFile ? loadState(options.stateFile) : undefined;
    this.stateRef = { current: loaded ?? this.freshState() };
    const clock = new EmulatorClock(() => this.stateRef.current);
    this.cloud = { state: this.stateRef, catalog: options.foundationModels ?? DEFAULT_FOUNDATION_MODELS, settings: initialSettings(options), clock };
    for (const key of Object.keys(this.cloud.settings.modelUnitsQuotas)) assertQuotaTarget(this.cloud, key.split('/').pop()!);
    this.seedCustomModels();
    this.persist();
  }

  private freshState(): CloudState {
    const state = emptyState();
    if (this.options.frozenAt) state.frozenAt = Date.parse(this.options.frozenAt);
    Object.assign(state.committedUnitsQuota, this.options.committedUnitsQuotas ?? {});
    return state;
  }

  private seedCustomModels(): void {
    for (const model of this.options.customModels ?? []) {
      const arn = customModelArn(model.region, model.account, model.baseModelId, model.id);
      if (!this.stateRef.current.customModels[arn]) this.addCustomModel(model);
    }
  }

  /** Saves the cloud when a state file is configured; called after every mutation. */
  persist(): void {
    if (this.options.stateFile) saveState(this.options.stateFile, this.stateRef.current);
  }

  accountFor(accessKeyId: string): string {
    return this.accounts[accessKeyId] ?? this.defaultAccount;
  }

  now(): Date {
    return new Date(this.cloud.clock.nowMs());
  }

  advance(ms: number): void {
    this.cloud.clock.advance(ms);
    this.persist();
  }

  freezeClock(at?: string): void {
    this.cloud.clock.freeze(at === undefined ? undefined : Date.parse(at));
    this.persist();
  }

  unfreezeClock(): void {
    this.cloud.clock.unfreeze();
    this.persist();
  }

  setLatency(operation: EmulatedOperation, ms: number): void {
    this.faults.setLatency(operation, ms);
  }

  setRateLimit(operation: EmulatedOperation, limit: RateLimit | null): void {
    this.faults.setRateLimit(operation, limit ?? undefined, this.cloud.clock.nowMs());
  }

  injectFault(spec: FaultSpec): void {
    this.faults.injectFault(spec);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  setTransitionDelays(delays: { createMs?: number; updateMs?: number }): void {
    if (delays.createMs !== undefined) this.cloud.settings.createDelayMs = delays.createMs;
    if (delays.updateMs !== undefined) this.cloud.settings.updateDelayMs = delays.updateMs;
  }

  failNextCreate(message: string, scope: { account?: string; region?: string } = {}): void {
    this.cloud.settings.failNextCreates.push({ message, ...scope });
  }

  setCommittedUnitsQuota(account: string, region: string, units: number): void {
    this.stateRef.current.committedUnitsQuota[scopeKey(account, region)] = checkUnits(units);
    this.persist();
  }

  setModelUnitsQuota(account: string, region: string, target: string, units: number): void {
    assertQuotaTarget(this.cloud, target);
    this.stateRef.current.modelUnitsQuotas[`${scopeKey(account, region)}/${target}`] = checkUnits(units);
    this.persist();
  }

  addCustomModel(model: CustomModelInput): string {
    if (!/^[a-z0-9]{12}$/.test(model.id)) throw new Error(`Custom model id must be 12 lowercase alphanumerics, got ${model.id}`);
    if (!fullMatch(BEDROCK_API_CONSTRAINTS.shapes.CustomModelName.pattern!).test(model.name) || model.name.length > 63) {
      throw new Error(`Custom model name ${model.name} does not match the CustomModelName pattern`);
    }
    const base = findFoundationModel(this.cloud.catalog, model.baseModelId, model.region);
    if (!base) throw new Error(`Base model ${model.baseModelId} is not in the foundation-model catalog`);
    const arn = customModelArn(model.region, model.account, base.modelId, model.id);
    const state = this.stateRef.current;
    const clash = Object.values(state.customModels).find(
      (m) => m.account === model.account && m.region === model.region && (m.arn === arn || m.name === model.name),
    );
    if (clash) throw new Error(`A custom model with ARN ${arn} or name ${model.name} already exists`);
    state.customModels[arn] = {
      id: model.id,
      arn,
      name: model.name,
      account: model.account,
      region: model.region,
      baseModelId: base.modelId,
      baseModelArn: foundationModelArn(model.region, base.modelId),
      customizationType: model.customizationType ?? 'FINE_TUNING',
      creationTime: this.cloud.clock.nowMs(),
      seq: ++state.seq,
    };
    this.persist();
    return arn;
  }

  requests(): RequestLogEntry[] {
    return this.log.list();
  }

  resetRequests(): void {
    this.log.clear();
  }

  /** Back to the start-up configuration: empty cloud (plus seeded custom models), no faults, empty log. */
  reset(): void {
    this.stateRef.current = this.freshState();
    this.cloud.settings = initialSettings(this.options);
    this.faults.clear();
    this.log.clear();
    this.seedCustomModels();
    this.persist();
  }

  inventory(account?: string, region?: string): InventoryPt[] {
    const now = this.cloud.clock.nowMs();
    return Object.values(this.stateRef.current.pts)
      .filter((pt) => (!account || pt.account === account) && (!region || pt.region === region))
      .sort((a, b) => a.seq - b.seq)
      .map((pt) => {
        settle(pt, now);
        return { ...ptDetails(pt), account: pt.account, region: pt.region, tags: { ...pt.tags }, purchasedFor: pt.purchasedFor } as InventoryPt;
      });
  }
}
