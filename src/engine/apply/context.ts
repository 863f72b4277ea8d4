/** What every apply step needs: the stack's clients, its locked state, a stop signal and a reporter. */
import type { StackClients } from '../aws/clients';
import type { LivePt, ManagedState } from '../model';
import type { WaitPolicy } from './wait';
import type { Limiter } from '../aws/concurrency';

/** The locked, write-through state of one stack (see state/session). */
export interface StateWriter {
  readonly lineage: string;
  readonly serial: number;
  /** False until the state file exists on disk. */
  readonly exists: boolean;
  readonly managed: ManagedState;
  /** Apply `mutate` and write the state atomically now. */
  update(mutate: (m: ManagedState) => void): Promise<void>;
}

export type ProgressEvent =
  | { kind: 'start'; stack: string; address: string; action: string }
  | { kind: 'call'; stack: string; address: string; operation: string }
  | { kind: 'waiting'; stack: string; address: string; status: string }
  | { kind: 'done'; stack: string; address: string; action: string; detail?: string }
  | { kind: 'failed'; stack: string; address: string; action: string; error: string };

export interface ApplyContext {
  stack: string;
  /** The account the plan was made for (recorded with each create intent); unknown to callers that have no plan. */
  account?: string;
  clients: StackClients;
  state: StateWriter;
  signal: AbortSignal;
  /**
   * Bounds the API work in flight (--parallelism). Waiting for InService happens outside it,
   * so slow transitions do not hold back other resources' calls.
   */
  limit: Limiter;
  /** How waiters read a PT's status (a shared, batched List); GetProvisionedModelThroughput when unset. */
  readStatus?: (arn: string) => Promise<LivePt | undefined>;
  waitPolicy?: Partial<WaitPolicy>;
  report: (event: ProgressEvent) => void;
}
