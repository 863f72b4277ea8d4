/**
 * SDK client set-ups compared by the benchmarks: the engine's own ClientPool as shipped
 * (the SDK's adaptive retry mode), the same clients in standard retry mode, and the engine's
 * clients behind a client-side pacer that spends each operation's known rate limit evenly.
 */
import { ClientPool, type StackClients } from '../src/engine/aws/clients';
import type { ProviderConfig } from '../src/engine/model';
import { sleep } from './harness';

export type ClientSetup = 'shipped' | 'standard' | 'paced';

export interface BenchClients {
  clients: StackClients;
  destroy(): void;
}


/**
 * Hands out send slots per operation spaced 1/rate apart, so the client never sends faster than
 * the service admits. Runs inside the retry middleware, so a retried attempt waits for a slot too.
 */
export class OperationPacer {
  private readonly nextSlot = new Map<string, number>();

  constructor(private readonly rateOf: (operation: string) => number) {}

  async acquire(operation: string): Promise<void> {
    const now = Date.now();
    const slot = Math.max(now, this.nextSlot.get(operation) ?? 0);
    this.nextSlot.set(operation, slot + 1000 / this.rateOf(operation));
    if (slot > now) await sleep(slot - now);
  }
}

function operationOf(commandName: string | undefined): string {
  return (commandName ?? 'Unknown').replace(/Command$/, '');
}

// finalizeRequest at normal priority sits inside the retry middleware (high priority): every attempt is paced.
const PACER_STEP = { step: 'finalizeRequest', name: 'benchOperationPacer' } as const;

function addPacer(clients: StackClients, pacer: OperationPacer): void {
  clients.bedrock.middlewareStack.add(
    (next, context) => async (args) => {
      await pacer.acquire(operationOf(context.commandName));
      return next(args);
    },
    PACER_STEP,
  );
  clients.sts.middlewareStack.add(
    (next, context) => async (args) => {
      await pacer.acquire(operationOf(context.commandName));
      return next(args);
    },
    PACER_STEP,
  );
}

/** The engine's ClientPool whose clients pace every attempt to the known per-operation rates. */
export class PacedClientPool extends ClientPool {
  private readonly paced = new Set<StackClients>();
  private readonly pacer: OperationPacer;

  constructor(rateOf: (operation: string) => number) {
    super();
    this.pacer = new OperationPacer(rateOf);
  }

  override forProvider(p: ProviderConfig): StackClients {
    const clients = super.forProvider(p);
    if (!this.paced.has(clients)) {
      addPacer(clients, this.pacer);
      this.paced.add(clients);
    }
    return clients;
  }
}

export function makeClients(setup: ClientSetup, provider: ProviderConfig, rateOf: (operation: string) => number): BenchClients {
  const pool = setup === 'paced' ? new PacedClientPool(rateOf) : new ClientPool(setup === 'standard' ? { retryMode: 'standard' } : {});
  const clients = pool.forProvider(provider);
  return { clients, destroy: () => pool.destroy() };
}
