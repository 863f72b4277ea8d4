/**
 * Build step after tsc (`npm run build`): bundles the provider executable into one CommonJS file,
 * dist/provider/terraform-provider-bedrockpt.js, with the protocol descriptor inlined so it starts
 * without reading or parsing .proto files, and copies the .proto files next to the compiled
 * protocol modules for unbundled runs.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { build, type Plugin } from 'esbuild';
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

export async function bundleProvider(): Promise<void> {
  const compiledProtocol = path.join(ROOT, 'dist/src/provider/protocol');
  fs.mkdirSync(compiledProtocol, { recursive: true });
  for (const file of PROTO_FILES) fs.copyFileSync(path.join(PROTO_SOURCE, file), path.join(compiledProtocol, file));
  await build({
    entryPoints: [path.join(ROOT, 'src/provider/main.ts')],
    outfile: BUNDLE_PATH,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minifySyntax: true,
    minifyWhitespace: true,
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'warning',
    plugins: [leaveOutProtoParser],
    define: { BEDROCKPT_PROTOCOL_DESCRIPTOR: JSON.stringify(parseProtoFiles(PROTO_SOURCE)) },
  });
}

if (require.main === module) {
  bundleProvider().catch((err: unknown) => {
    process.stderr.write(`Bundling the provider failed: ${(err as Error).message}\n`);
    process.exitCode = 1;
  });
}
