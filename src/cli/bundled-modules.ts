/**
 * Runs only inside the CLI's bundle (src/cli/bundle.ts). The bundle carries the modules that parse
 * argv and print help; a command's code is loaded when it runs, from its own compiled file in
 * dist/src, and imports some of those same modules (errors, io, exit codes). Loaded a second time
 * from dist/src, they would be second copies: `instanceof BedrockPtError` would miss the errors a
 * command throws, and any state a module keeps would be kept twice.
 * So before the first such load, each module the bundle carries is placed in require.cache under
 * its dist/src file name (Node documents adding entries there), and the command's code gets the
 * bundle's instances.
 */
import Module = require('node:module');
import * as path from 'node:path';

/** Bundled modules by their path under src, without extension: 'engine/errors'. */
const bundled = new Map<string, object>();

/** The bundle sits in dist/src/cli, so dist/src is one level up. */
const DIST_SRC = path.join(__dirname, '..');

/** Called by every module the bundle carries, as its last statement (the bundle step appends it). */
export function shareBundled(modulePath: string, namespace: object): void {
  bundled.set(modulePath, namespace);
}

let shared = false;

function shareWithDistSrc(): void {
  if (shared) return;
  shared = true;
  for (const [modulePath, namespace] of bundled) {
    const filename = path.join(DIST_SRC, `${modulePath}.js`);
    if (require.cache[filename]) continue;
    const entry = new Module(filename);
    entry.filename = filename;
    entry.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(path.dirname(filename));
    // The bundle's live bindings (getters), marked as an ES module's exports as tsc marks its own,
    // so `import * as` and `import x from` in dist/src read them as they read a compiled file.
    entry.exports = Object.defineProperty(Object.defineProperties({}, Object.getOwnPropertyDescriptors(namespace)), '__esModule', { value: true });
    entry.loaded = true;
    require.cache[filename] = entry;
  }
}

/** What a lazy `import()`/`require()` of one of our modules becomes in the bundle: its dist/src file (or folder's index), as Node resolves it. */
export function requireFromDistSrc(modulePath: string): unknown {
  shareWithDistSrc();
  return require(path.join(DIST_SRC, modulePath));
}
