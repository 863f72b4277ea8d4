/**
 * Build step after tsc (`npm run build`): bundles the provider executable into two CommonJS files
 * in dist/provider: terraform-provider-bedrockpt.js, the protocol server (handshake, gRPC, TLS)
 * with the protocol descriptor inlined so it starts without reading or parsing .proto files, and
 * bedrockpt-resources.js, the resources and the AWS SDK, which the server requires on Terraform's
 * first call that needs them. Node compiles a file whole before running it, so SDK code in the
 * server's file would be paid for before every handshake. Also copies the .proto files next to
 * the compiled protocol modules for unbundled runs.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { RESOURCES_BUNDLE } from './install';
import { PROTO_FILES, parseProtoFiles } from './protocol/proto-files';

const ROOT = path.resolve(__dirname, '../../..');
const PROTO_SOURCE = path.join(ROOT, 'src/provider/protocol');
export const BUNDLE_PATH = path.join(ROOT, 'dist/provider/terraform-provider-bedrockpt.js');

/** The bundle has the descriptor inlined, so the .proto parser (and protobufjs's loader path) stays out. */
const leaveOutProtoParser: Plugin = {
  name: 'leave-out-proto-parser',
  setup(b) {
    b.onResolve({ filter: /[\\/]proto-files$/ }, () => ({ path: 'proto-files', namespace: 'left-out' }));
    b.onLoad({ filter: /.*/, namespace: 'left-out' }, () => ({ contents: 'module.exports = {};', loader: 'js' }));
  },
};

/** main.ts's `require('./resources')` becomes a require of the resources bundle beside the server's. */
const resourcesBesideServer: Plugin = {
  name: 'resources-beside-server',
  setup(b) {
    b.onResolve({ filter: /^\.\/resources$/ }, () => ({ path: `./${RESOURCES_BUNDLE}`, external: true }));
  },
};

export const BUNDLE_OPTIONS: BuildOptions = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minifySyntax: true,
  minifyWhitespace: true,
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
};

export async function bundleProvider(): Promise<void> {
  const compiledProtocol = path.join(ROOT, 'dist/src/provider/protocol');
  fs.mkdirSync(compiledProtocol, { recursive: true });
  for (const file of PROTO_FILES) fs.copyFileSync(path.join(PROTO_SOURCE, file), path.join(compiledProtocol, file));
  await Promise.all([
    build({
      ...BUNDLE_OPTIONS,
      entryPoints: [path.join(ROOT, 'src/provider/main.ts')],
      outfile: BUNDLE_PATH,
      plugins: [leaveOutProtoParser, resourcesBesideServer],
      define: { BEDROCKPT_PROTOCOL_DESCRIPTOR: JSON.stringify(parseProtoFiles(PROTO_SOURCE)) },
    }),
    build({
      ...BUNDLE_OPTIONS,
      entryPoints: [path.join(ROOT, 'src/provider/resources/index.ts')],
      outfile: path.join(path.dirname(BUNDLE_PATH), RESOURCES_BUNDLE),
      plugins: [leaveOutProtoParser],
    }),
  ]);
}

if (require.main === module) {
  bundleProvider().catch((err: unknown) => {
    process.stderr.write(`Bundling the provider failed: ${(err as Error).message}\n`);
    process.exitCode = 1;
  });
}
