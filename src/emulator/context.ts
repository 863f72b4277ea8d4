/** What every operation handler gets: the cloud it acts on and who is calling from where. */
import type { FoundationModelSeed } from './catalog';
import type { EmulatorClock } from './clock';
import type { CloudState } from './store';

export interface FailNextCreate {
  message: string;
  /** Only creates by this account (default: any). */
  account?: string;
  /** Only creates in this region (default: any). */
  region?: string;
}

/** Service behaviour that tests tune; see README.md for defaults and why. */
export interface ServiceSettings {
  /** How long a new PT stays Creating. */
  createDelayMs: number;
  /** How long a model change keeps a PT Updating. */
  updateDelayMs: number;
  /** Committed model units per model in every account and region, unless set more narrowly (AWS default 0). */
  defaultCommittedUnitsQuota: number;
  /** Model-unit quotas keyed `target` (every scope) or `account/region/target`; see operations/quotas.ts. */
  modelUnitsQuotas: Record<string, number>;
  maxTagsPerResource: number;
  /** Queue of creates that will end Failed, consumed in order by matching creates. */
  failNextCreates: FailNextCreate[];
}

export interface Cloud {
  /** Indirect, so a full reset or load can swap the state object. */
  readonly state: CloudStateRef;
  catalog: FoundationModelSeed[];
  settings: ServiceSettings;
  clock: EmulatorClock;
}

export interface CloudStateRef {
  current: CloudState;
}

export interface Caller {
  account: string;
  region: string;
  accessKeyId: string;
}

export interface HandlerResult {
  status?: number;
  body: unknown;
  /** Whether the call changed the cloud (logged, and triggers a save). */
  mutated: boolean;
}

export type Handler = (cloud: Cloud, caller: Caller, input: Record<string, unknown>) => HandlerResult;
