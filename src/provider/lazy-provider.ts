import type { ProviderImpl, ResourceType } from './contract';
import type { ProviderOutline, ResourceOutline } from './resources/outline';

/**
 * Serves the schemas and config validation from the outline, and defers building the provider
 * (and loading the AWS SDK it pulls in) until Terraform's first call that needs it, so the
 * handshake line goes out as soon as the gRPC server listens. Terraform starts the provider three
 * or four times per command, and the starts that only fetch schemas or validate never load it.
 */
export function lazyProvider(outline: ProviderOutline, load: () => ProviderImpl): ProviderImpl {
  let impl: ProviderImpl | undefined;
  const get = (): ProviderImpl => (impl ??= load());
  const resource = (known: ResourceOutline): ResourceType => {
    const full = (): ResourceType => get().resources.find((r) => r.typeName === known.typeName)!;
    return {
      ...known,
      plan: (request) => full().plan(request),
      apply: (request) => full().apply(request),
      read: (current, priv) => full().read(current, priv),
      importState: (id) => full().importState(id),
      upgradeState: (version, raw) => full().upgradeState(version, raw),
      moveState: (request) => full().moveState(request),
    };
  };
  return {
    providerSchema: outline.providerSchema,
    resources: outline.resources.map(resource),
    validateConfig: (config) => outline.validateConfig(config),
    configure: (config, meta) => get().configure(config, meta),
    // Nothing was loaded, so nothing is in flight to stop.
    stop: () => (impl ? impl.stop() : Promise.resolve()),
  };
}
