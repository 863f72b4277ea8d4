/**
 * The bedrockpt provider: its configuration and its one resource type, behind the contract the
 * plugin-protocol server calls (src/provider/contract.ts).
 */
import type { CtyObject, ProviderDiagnostic, ProviderImpl } from '../contract';
import { hasErrors } from '../../engine/diagnostics';
import { fromError } from './diagnostics';
import { providerOutline } from './outline';
import { accountDiagnostics, readProviderSettings } from './provider-schema';
import { ptResource } from './pt-resource';
import { CallGate, ProviderSession, type ProviderOptions } from './session';

export type { ProviderOptions } from './session';

export function createBedrockptProvider(options: ProviderOptions = {}): ProviderImpl {
  let session: ProviderSession | undefined;
  const gate = new CallGate();
  const env = () => options.env ?? process.env;
  const outline = providerOutline(options);
  return {
    providerSchema: outline.providerSchema,
    resources: [ptResource({ session: () => session, gate, options })],
    validateConfig: outline.validateConfig,
    async configure(config: CtyObject): Promise<ProviderDiagnostic[]> {
      const { settings, diagnostics } = readProviderSettings(config, env());
      if (!settings || hasErrors(diagnostics)) return diagnostics;
      try {
        const opened = await gate.run(() => ProviderSession.open(settings, options));
        const refused = accountDiagnostics(opened.account, settings);
        if (refused.length) {
          opened.close();
          return [...diagnostics, ...refused];
        }
        session?.close();
        session = opened;
        return diagnostics;
      } catch (err) {
        return [...diagnostics, fromError(err, 'Configuring the bedrockpt provider')];
      }
    },
    async stop(): Promise<void> {
      await gate.stop();
      session?.close();
    },
  };
}
