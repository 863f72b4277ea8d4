/**
 * terraform-provider-bedrockpt: the executable Terraform starts for provider bedrock-pt/bedrockpt.
 * Bundled (dist/provider/terraform-provider-bedrockpt.js, the resources and the SDK apart in
 * bedrockpt-resources.js beside it) so it starts fast; it writes nothing to stdout but the
 * handshake line, and logs to stderr.
 */
import { handshakeRefusal, serveProvider } from './protocol/serve';
import { debugLogged, log } from './protocol/log';
import { lazyProvider } from './lazy-provider';
import { requireWithCodeCache } from './code-cache';
import { providerOutline } from './resources/outline';
import type * as Resources from './resources';
import type { ProviderImpl } from './contract';

/** Required here, not imported above: the resources bundle (and the SDK) loads on Terraform's first call that needs a configured provider. */
function loadResources(): ProviderImpl {
  const started = process.hrtime.bigint();
  const { exports, cache } = requireWithCodeCache(require.resolve('./resources'));
  const provider = (exports as typeof Resources).createBedrockptProvider();
  if (debugLogged()) log('debug', `resources loaded in ${Math.round(Number(process.hrtime.bigint() - started) / 1e6)} ms`, { code_cache: cache });
  return provider;
}

async function main(): Promise<number> {
  const refusal = handshakeRefusal(process.env);
  if (refusal) {
    process.stderr.write(refusal);
    return 1;
  }
  const running = await serveProvider(lazyProvider(providerOutline(), loadResources));
  await running.done;
  return 0;
}

// The SDK warns on every start that it will need Node 22 from 2027; Terraform would log it each time.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    log('error', `provider failed: ${(err as Error)?.stack ?? String(err)}`);
    process.exit(1);
  },
);
