/**
 * Placeholder until the resource side lands (branch h-presource replaces this file): a provider
 * with an empty configuration schema and no resources, so the protocol server and the install
 * command can be built and tested end to end through Terraform.
 */
import type { ProviderImpl } from '../contract';

export function createBedrockptProvider(): ProviderImpl {
  return {
    providerSchema: { attributes: [] },
    resources: [],
    validateConfig: () => [],
    configure: async () => [],
    stop: async () => undefined,
  };
}
