/**
 * Build step after tsc (`npm run build`): bundles the CLI's front — main, commander, the command
 * definitions and what they need to parse argv and print help — into one CommonJS file,
 * dist/src/cli/bedrock-pt.js, the package's bin. Resolving and reading some thirty files is most
 * of what `bedrock-pt --version` cost beyond Node itself. What a command does when it runs (its
 * `import()` of cli/actions, the emulator's `require('./start')`: every lazy load of our own
 * modules) stays outside, loaded from its compiled file in dist/src with the SDK, cdktf and the
 * engine behind it; bundled-modules.ts hands those files the bundle's own instances of the modules
 * both share.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { build, type Plugin } from 'esbuild';
import { BUNDLE_OPTIONS } from '../provider/bundle';

const ROOT = path.resolve(__dirname, '../../..');
const SRC = path.join(ROOT, 'src');
/** Beside main.js: the __dirname of a bundled module of src/<folder> then resolves paths as its own file's does. */
export const CLI_BUNDLE = path.join(ROOT, 'dist/src/cli/bedrock-pt.js');
const REGISTRY = path.join(SRC, 'cli/bundled-modules.ts');

function modulePath(file: string): string {
  return path.relative(SRC, file).replace(/\.ts$/, '').split(path.sep).join('/');
}

/** A lazy `import()` or `require()` of one of our modules becomes a require of its dist/src file. */
const lazyLoadsOutside: Plugin = {
  name: 'lazy-loads-outside',
  setup(b) {
    b.onResolve({ filter: /^\./ }, (args) => {
      if (args.kind !== 'dynamic-import' && args.kind !== 'require-call') return undefined;
      if (!args.importer.startsWith(SRC + path.sep)) return undefined;
      return { path: modulePath(path.resolve(args.resolveDir, args.path)), namespace: 'outside' };
    });
    b.onLoad({ filter: /.*/, namespace: 'outside' }, (args) => ({
      contents: `module.exports = require(${JSON.stringify(REGISTRY)}).requireFromDistSrc(${JSON.stringify(args.path)});`,
      resolveDir: SRC,
      loader: 'js',
    }));
  },
};

/** Each bundled module of ours ends by handing its exports to bundled-modules.ts, under its src path. */
const shareBundled: Plugin = {
  name: 'share-bundled',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, async (args) => {
      if (!args.path.startsWith(SRC + path.sep) || args.path === REGISTRY) return undefined;
      const source = await fs.promises.readFile(args.path, 'utf8');
      const own = modulePath(args.path);
      if (source.includes('__dirname') && own.split('/').length !== 2) {
        throw new Error(
          `${own} reads __dirname: bundled into dist/src/cli, it would resolve paths from there; keep it in a folder of src/ or leave it out of the bundle`,
        );
      }
      const contents = `${source}\nimport * as __bundled from ${JSON.stringify(`./${path.basename(own)}`)};\nimport { shareBundled as __shareBundled } from ${JSON.stringify(REGISTRY)};\n__shareBundled(${JSON.stringify(own)}, __bundled);\n`;
      return { contents, loader: 'ts' };
    });
  },
};

/**
 * commander requires child_process at its top, for executable subcommands (bedrock-pt has none);
 * loading it pulls in net and dgram, a few ms of every start. In the bundle it loads on first use.
 */
const childProcessOnUse: Plugin = {
  name: 'child-process-on-use',
  setup(b) {
    b.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      args.importer.includes(`${path.sep}node_modules${path.sep}commander${path.sep}`) ? { path: 'child_process', namespace: 'on-use' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'on-use' }, () => ({
      contents: "module.exports = new Proxy({}, { get: (_, name) => require('node:child_process')[name] });",
      loader: 'js',
    }));
  },
};

export async function bundleCli(): Promise<void> {
  await build({
    ...BUNDLE_OPTIONS,
    entryPoints: [path.join(SRC, 'cli/main.ts')],
    outfile: CLI_BUNDLE,
    plugins: [lazyLoadsOutside, shareBundled, childProcessOnUse],
  });
  // As npm does when it links a package's bin; main.js too, which README's clone-and-run steps start.
  for (const bin of [CLI_BUNDLE, path.join(ROOT, 'dist/src/cli/main.js')]) fs.chmodSync(bin, 0o755);
}

if (require.main === module) {
  bundleCli().catch((err: unknown) => {
    process.stderr.write(`Bundling the CLI failed: ${(err as Error).message}\n`);
    process.exitCode = 1;
  });
}
