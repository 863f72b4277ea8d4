/**
 * SDK client set-ups compared by the benchmarks: the engine's own ClientPool as shipped (paced
 * per operation to the emulator's rates, the SDK's adaptive retry behind), the same clients
 * unpaced (what shipped before the pacer), and unpaced in standard retry mode.
 */
import { ClientPool, type StackClients } from '../src/engine/aws/clients';
import type { OperationRates } from '../src/engine/aws/pacing';
import type { ProviderConfig } from '../src/engine/model';

export type ClientSetup = 'shipped' | 'unpaced' | 'standard';

export interface BenchClients {
  clients: StackClients;
  destroy(): void;
}

export function makePool(setup: ClientSetup, rates: OperationRates): ClientPool {
  if (setup === 'shipped') return new ClientPool({ rates });
  return new ClientPool({ rates: false, ...(setup === 'standard' ? { retryMode: 'standard' } : {}) });
}

export function makeClients(setup: ClientSetup, provider: ProviderConfig, rates: OperationRates): BenchClients {
  const pool = makePool(setup, rates);
  const clients = pool.forProvider(provider);
  return { clients, destroy: () => pool.destroy() };
}
