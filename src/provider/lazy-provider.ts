import type { ProviderImpl } from './contract';

/**
 * Defers building the provider (and loading the AWS SDK it pulls in) until Terraform's first call
 * that needs it, so the handshake line goes out as soon as the gRPC server listens. Terraform
 * starts the provider three or four times per command, so start-up time multiplies.
 */
export function lazyProvider(load: () => ProviderImpl): ProviderImpl {
  let impl: ProviderImpl | undefined;
  const get = (): ProviderImpl => (impl ??= load());
  return {
    get providerSchema() {
      return get().providerSchema;
    },
    get resources() {
      return get().resources;
    },
    validateConfig: (config) => get().validateConfig(config),
    configure: (config, meta) => get().configure(config, meta),
    // Nothing was loaded, so nothing is in flight to stop.
    stop: () => (impl ? impl.stop() : Promise.resolve()),
  };
}
