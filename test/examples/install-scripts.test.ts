/**
 * npm 11 runs no dependency install script that package.json's `allowScripts` does not allow, and
 * warns about each one it skipped. bedrock-pt decides every one of them (all are denied: each
 * package works from its prebuilt files), so `npm install` is quiet today and keeps working when
 * npm blocks scripts outright. A new dependency with an install script fails here until it is
 * decided, and the denied packages are shown to work without their scripts.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from './user-project';

const LIFECYCLE = ['preinstall', 'install', 'postinstall'] as const;

interface Manifest {
  name?: string;
  version?: string;
  scripts?: Record<string, string>;
  gypfile?: boolean;
  allowScripts?: Record<string, boolean>;
}

const readManifest = (file: string): Manifest => JSON.parse(fs.readFileSync(file, 'utf8')) as Manifest;

/** Every installed package (nested ones too) that has an install-time script, as name@version. */
function packagesWithInstallScripts(modules: string): string[] {
  const found = new Set<string>();
  const visit = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
      const at = path.join(dir, entry.name);
      if (entry.name.startsWith('@')) {
        visit(at);
        continue;
      }
      const manifestFile = path.join(at, 'package.json');
      if (fs.existsSync(manifestFile)) {
        const manifest = readManifest(manifestFile);
        const scripted = LIFECYCLE.some((name) => manifest.scripts?.[name]) || (manifest.gypfile === true && fs.existsSync(path.join(at, 'binding.gyp')));
        if (scripted && manifest.name) found.add(`${manifest.name}@${manifest.version}`);
      }
      const nested = path.join(at, 'node_modules');
      if (fs.existsSync(nested)) visit(nested);
    }
  };
  visit(modules);
  return [...found].sort();
}

const nameOf = (spec: string): string => spec.slice(0, spec.lastIndexOf('@'));

describe('dependency install scripts', () => {
  const policy = readManifest(path.join(ROOT, 'package.json')).allowScripts ?? {};

  it('are each allowed or denied in package.json allowScripts, so npm install warns about none', () => {
    const undecided = packagesWithInstallScripts(path.join(ROOT, 'node_modules')).filter((spec) => !(nameOf(spec) in policy) && !(spec in policy));
    expect(undecided).toEqual([]);
  });

  it('name only packages that are installed, so the policy does not keep stale entries', () => {
    const installed = new Set(packagesWithInstallScripts(path.join(ROOT, 'node_modules')).map(nameOf));
    expect(
      Object.keys(policy)
        .map((key) => (key.lastIndexOf('@') > 0 ? nameOf(key) : key))
        .filter((name) => !installed.has(name)),
    ).toEqual([]);
  });

  it('are not needed by the denied packages bedrock-pt runs on: koffi reaches libc and esbuild transforms', () => {
    expect(policy).toMatchObject({ koffi: false, esbuild: false });
    const koffi = require('koffi') as typeof import('koffi');
    const libc = koffi.load(null);
    const getpid = libc.func('int getpid(void)') as () => number;
    expect(getpid()).toBe(process.pid);
    const esbuild = require('esbuild') as { transformSync(code: string, options: { loader: string }): { code: string } };
    expect(esbuild.transformSync('const n: number = 1', { loader: 'ts' }).code).toContain('const n = 1');
  });
});
