/** Every call the emulator answered, for tests and benchmarks to assert on (e.g. "apply made exactly one create"). */
import type { EmulatedOperation, FaultKind } from './faults';

export interface RequestLogEntry {
  /** 1-based order of arrival. */
  seq: number;
  /** Emulator-clock time of arrival, ISO-8601. */
  time: string;
  /** `Unknown` when no operation matched the method and path. */
  operation: EmulatedOperation | 'Unknown';
  account?: string;
  region?: string;
  accessKeyId?: string;
  /** The input as the client sent it (path labels, query strings, body members). */
  params: Record<string, unknown>;
  /** Whether the call changed the emulated cloud (true even when a fault then failed the response). */
  mutated: boolean;
  outcome: 'success' | 'error' | 'dropped';
  status?: number;
  /** Error type for `error` outcomes, e.g. ValidationException. */
  error?: string;
  errorMessage?: string;
  fault?: FaultKind;
}

export class RequestLog {
  private entries: RequestLogEntry[] = [];
  private nextSeq = 1;

  start(entry: Omit<RequestLogEntry, 'seq' | 'mutated' | 'outcome'>): RequestLogEntry {
    const full: RequestLogEntry = { seq: this.nextSeq++, mutated: false, outcome: 'success', ...entry };
    this.entries.push(full);
    return full;
  }

  list(): RequestLogEntry[] {
    return this.entries.map((e) => ({ ...e }));
  }

  clear(): void {
    this.entries = [];
    this.nextSeq = 1;
  }
}
