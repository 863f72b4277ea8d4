/**
 * What a configured provider process holds: its settings, the engine's clients for them, the
 * account the credentials reach, the shared List and the model-facts cache, and the stop signal
 * that StopProvider fires. Every resource call runs through `run`, so stop can refuse new calls
 * and wait for those in flight.
 */
import { ClientPool, type StackClients } from '../../engine/aws/clients';
import { callerAccount } from '../../engine/refresh/refresh';
import { ModelFactsCache } from '../../engine/refresh/models';
import type { LivePt, ModelFacts } from '../../engine/model';
import { DEFAULT_WAIT_POLICY, type WaitPolicy } from '../../engine/apply/wait';
import { BatchedStatusReader } from '../../engine/apply/status-reader';
import { setMaxListeners } from 'node:events';
import { BedrockPtError } from '../../engine/errors';
import { SharedPtList } from './shared-list';
import { PurchaseJournal } from './purchase-journal';
import { RunRegistry } from './run-registry';
import type { Scope } from '../../engine/plan/scope';
import { partitionOf } from '../../engine/aws/partition';
import { ProviderQuotas } from './quota-view';
import type { ProviderSettings } from './provider-schema';
import { writtenModelsFile } from './written-models';

export interface ProviderOptions {
  /** How long a finished List is reused by later reads (default 2 s: one refresh burst). */
  listMaxAgeMs?: number;
  /** Waiter backoff (the `timeouts` block sets the maximum wait). */
  waitPolicy?: Partial<WaitPolicy>;
  /** The planner's clock (commitment ends are compared with it). */
  now?: () => Date;
  env?: NodeJS.ProcessEnv;
  /** Where Terraform runs (the purchase journal lives in its data dir); the process's working directory by default. */
  workingDir?: string;
}

export class ProviderSession {
  readonly clients: StackClients;
  readonly list: SharedPtList;
  /** Waiters of concurrent applies poll one shared List (half a backoff step old at most) instead of a Get each. */
  readonly readStatus: (arn: string) => Promise<LivePt | undefined>;
  /** What this process learned about the run's resources (one PT, one resource). */
  readonly registry = new RunRegistry();
  private readonly models = new ModelFactsCache();
  readonly quotas: ProviderQuotas;

  private constructor(
    readonly settings: ProviderSettings,
    readonly account: string,
    private readonly pool: ClientPool,
    readonly journal: PurchaseJournal,
    options: ProviderOptions,
    /** Where validation recorded how the configuration spells each PT's model (written-models.ts). */
    readonly writtenModels = writtenModelsFile(options.workingDir ?? process.cwd(), options.env ?? process.env),
  ) {
    this.clients = pool.forProvider(settings.config);
    this.list = new SharedPtList(this.clients, options.listMaxAgeMs ?? 2000);
    const pollEveryMs = ((options.waitPolicy?.minDelaySec ?? DEFAULT_WAIT_POLICY.minDelaySec) * 1000) / 2;
    this.readStatus = new BatchedStatusReader(this.clients, 'terraform', pollEveryMs).read;
    this.quotas = new ProviderQuotas(this.clients, account, this.models);
  }

  static async open(settings: ProviderSettings, options: ProviderOptions): Promise<ProviderSession> {
    const pool = new ClientPool({ door: 'terraform' });
    const clients = pool.forProvider(settings.config);
    try {
      const account = await callerAccount(clients, 'provider');
      const journal = await PurchaseJournal.open(options.workingDir ?? process.cwd(), options.env ?? process.env);
      return new ProviderSession(settings, account, pool, journal, options);
    } catch (err) {
      pool.destroy();
      throw err;
    }
  }

  get region(): string {
    return this.clients.region;
  }

  /** The partition, account and region every call of this provider acts in. */
  get scope(): Scope {
    return { partition: partitionOf(this.region), account: this.account, region: this.region };
  }

  modelFacts(identifiers: string[]): Promise<Record<string, ModelFacts>> {
    const scope = `${this.account}|${this.region}`;
    const unique = [...new Set(identifiers.filter(Boolean))];
    return Promise.all(unique.map((id) => this.models.get(this.clients.bedrock, scope, id))).then((facts) =>
      Object.fromEntries(unique.map((id, i) => [id, facts[i]])),
    );
  }

  close(): void {
    this.pool.destroy();
  }
}

/** Tracks calls in flight so StopProvider can abort waits, refuse new calls and wait for the rest. */
export class CallGate {
  private readonly controller = new AbortController();
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor() {
    // Every waiter listens on the stop signal; many at once are expected, not a leak.
    setMaxListeners(0, this.controller.signal);
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.controller.signal.aborted) {
      return Promise.reject(new BedrockPtError('usage', 'The provider is stopping (Terraform sent StopProvider); no new calls are started.'));
    }
    const call = fn();
    this.inFlight.add(call);
    const forget = () => this.inFlight.delete(call);
    call.then(forget, forget);
    return call;
  }

  async stop(): Promise<void> {
    this.controller.abort();
    await Promise.allSettled([...this.inFlight]);
  }
}
