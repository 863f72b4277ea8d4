/**
 * A user's project beside bedrock-pt: README's example, the TypeScript check a project runs on it,
 * and bedrock-pt packed (`npm pack`) and installed with the real npm, as a cdktf or cdktn project
 * installs it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

export const ROOT = path.resolve(__dirname, '..', '..');

/** The first ```ts block under "## Using it", exactly as README shows it. */
export function readmeSnippet(): string {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Using it'));
  const block = /```ts\n([\s\S]*?)```/.exec(section);
  if (!block) throw new Error('README has no ```ts block under "## Using it"');
  return block[1];
}

/**
 * Type-checks and compiles dir/main.ts as a cdktf or cdktn project's tsconfig would (strict,
 * skipLibCheck as both `init` templates set it); returns the diagnostics, empty when it compiled.
 */
export function compileMain(dir: string): string[] {
  const options: ts.CompilerOptions = {
    strict: true,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    target: ts.ScriptTarget.ES2022,
    types: [],
    skipLibCheck: true,
    outDir: dir,
    rootDir: dir,
  };
  const program = ts.createProgram([path.join(dir, 'main.ts')], options);
  const problems = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  if (problems.length === 0 && program.emit().emitSkipped) problems.push('emit skipped');
  return problems;
}

/** `npm pack` of this checkout (already built by `npm test`) into dir; returns the tarball's path. */
export function packBedrockPt(dir: string): string {
  const out = execFileSync('npm', ['pack', ROOT, '--ignore-scripts', '--json', '--pack-destination', dir], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return path.join(dir, JSON.parse(out)[0].filename);
}

/**
 * Writes a package.json with `dependencies` and runs a plain `npm install` (no --force, no
 * --legacy-peer-deps), from npm's cache when it has the versions. Install scripts are off: the
 * packages here have none that matter, and bedrock-pt's tarball is built already.
 */
export function npmInstall(dir: string, dependencies: Record<string, string>): { code: number; output: string } {
  fs.writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({ name: path.basename(dir).toLowerCase(), version: '1.0.0', private: true, dependencies }, null, 2),
  );
  const run = spawnSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts'], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 300_000,
  });
  return { code: run.status ?? 1, output: `${run.stdout}${run.stderr}` };
}
