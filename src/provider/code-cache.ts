/**
 * V8's compiled code for the provider's resources bundle, kept between starts on Node 20, which
 * has no module compile cache (Node 22.1+ has one, and the installed launcher turns it on, so
 * there this is a plain `require`). Terraform starts the provider three or four times per
 * command, and every start that serves a resource compiles the 1.2 MB bundle (the AWS SDK) again;
 * with its code kept, loading it takes about a third less CPU (≈ 200 → 140 ms on this project's
 * machine). The cache lives in the temp directory, as Node's own does, never beside the provider:
 * files there belong to the package Terraform checksums in .terraform.lock.hcl. Whatever goes wrong
 * with it (no directory, a cache V8 rejects) only means compiling as usual.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import nodeModule = require('node:module');
import * as os from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';

export type CodeCacheUse = 'native' | 'off' | 'hit' | 'written' | 'unwritten';

/** Node's internals this needs, which its typings leave out. */
interface ModuleInternals {
  new (id: string, parent?: NodeJS.Module): NodeJS.Module & { paths: string[]; loaded: boolean };
  wrap(source: string): string;
  _cache: Record<string, NodeJS.Module>;
  _nodeModulePaths(dir: string): string[];
  _resolveFilename(request: string, parent: NodeJS.Module, isMain: boolean, options?: { paths?: string[] }): string;
  enableCompileCache?: () => unknown;
}

const ModuleClass = nodeModule as unknown as ModuleInternals;

/** One directory per user: the temp directory is shared, and code read from a cache runs as whoever reads it. */
export function codeCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  // process.getuid, not os.userInfo(): the latter throws for a uid with no passwd entry, as in many containers.
  const user = typeof process.getuid === 'function' ? String(process.getuid()) : (env.USERNAME ?? 'user');
  return env.BEDROCK_PT_CODE_CACHE ?? path.join(os.tmpdir(), `bedrock-pt-code-cache-${user}`);
}

/** Makes the directory (private) if need be; true only if it is this user's and no one else can write in it. */
function ownDirectory(dir: string): boolean {
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const stat = fs.lstatSync(dir);
    return stat.isDirectory() && (process.getuid === undefined || stat.uid === process.getuid()) && (stat.mode & 0o022) === 0;
  } catch {
    return false;
  }
}

/**
 * `require(file)`, compiling it with the V8 code cached by an earlier start of the same file on
 * the same Node when there is one, and caching it when there is not. Says how the cache was used.
 */
export function requireWithCodeCache(file: string): { exports: unknown; cache: CodeCacheUse } {
  if (typeof ModuleClass.enableCompileCache === 'function') return { exports: require(file), cache: 'native' };
  if (process.env.NODE_DISABLE_COMPILE_CACHE || ModuleClass._cache[file]) return { exports: require(file), cache: 'off' };
  const source = fs.readFileSync(file, 'utf8');
  const name = path.basename(file, '.js');
  const key = createHash('sha256').update(`${process.version} ${process.arch}\n`).update(source).digest('hex').slice(0, 24);
  const dir = codeCacheDir();
  const usable = ownDirectory(dir);
  const cacheFile = path.join(dir, `${name}-${key}.v8`);
  let cachedData: Buffer | undefined;
  try {
    cachedData = usable ? fs.readFileSync(cacheFile) : undefined;
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(ModuleClass.wrap(source), { filename: file, cachedData });
  const mod = new ModuleClass(file, module);
  mod.filename = file;
  mod.paths = ModuleClass._nodeModulePaths(path.dirname(file));
  ModuleClass._cache[file] = mod;
  try {
    const compiled = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => void;
    const localRequire = Object.assign((id: string) => mod.require(id), {
      resolve: (request: string, options?: { paths?: string[] }) => ModuleClass._resolveFilename(request, mod, false, options),
      cache: require.cache,
      main: require.main,
    });
    compiled.call(mod.exports, mod.exports, localRequire, mod, file, path.dirname(file));
    mod.loaded = true;
  } catch (error) {
    delete ModuleClass._cache[file];
    throw error;
  }
  if (cachedData && !script.cachedDataRejected) return { exports: mod.exports, cache: 'hit' };
  return { exports: mod.exports, cache: usable && writeCache(dir, name, cacheFile, script.createCachedData()) ? 'written' : 'unwritten' };
}

/** Through a temp file and a rename, so a concurrent start never reads half a cache; older caches of the same file go. */
function writeCache(dir: string, name: string, cacheFile: string, data: Buffer): boolean {
  try {
    const partial = `${cacheFile}.${process.pid}.partial`;
    fs.writeFileSync(partial, data);
    fs.renameSync(partial, cacheFile);
    for (const other of fs.readdirSync(dir)) {
      if (other.startsWith(`${name}-`) && other.endsWith('.v8') && path.join(dir, other) !== cacheFile) fs.rmSync(path.join(dir, other), { force: true });
    }
    return true;
  } catch {
    return false;
  }
}
