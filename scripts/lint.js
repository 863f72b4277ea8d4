#!/usr/bin/env node
/**
 * `npm run lint`, and the lint `npm test` starts beside jest (scripts/test.js): ESLint over the
 * repository with eslint.config.mjs, its findings in ESLint's usual format, then one line
 * "=== Lint: N files, M problems in X s"; then Prettier's check of the same files
 * (.prettierrc.json, .prettierignore), naming each file not laid out as Prettier would, and one line
 * "=== Format: N files, M not formatted in X s". Exit code 1 when there is any problem (warnings too:
 * the config has none on purpose) or unformatted file, 2 when a tool itself fails. `--fix` writes
 * the fixes ESLint can; `npm run format` lays the files out.
 *
 * No cache: the cycle rule's answer for a file depends on the files it imports, which a cache
 * keyed on the file's own content would not notice.
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { ESLint } = require('eslint');

const ROOT = path.resolve(__dirname, '..');

async function main(args) {
  const started = Date.now();
  const fix = args.includes('--fix');
  const eslint = new ESLint({ cwd: ROOT, fix });
  const results = await eslint.lintFiles(['.']);
  if (fix) await ESLint.outputFixes(results);
  const problems = results.reduce((n, r) => n + r.errorCount + r.warningCount, 0);
  const text = (await eslint.loadFormatter('stylish')).format(results);
  if (text) process.stdout.write(`${text.trimEnd()}\n\n`);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  process.stdout.write(`=== Lint: ${results.length} files, ${problems} problem${problems === 1 ? '' : 's'} in ${seconds} s\n`);
  const unformatted = await checkFormat(results.map((r) => r.filePath));
  return problems === 0 && unformatted === 0 ? 0 : 1;
}

/** Prettier's check of the files ESLint read; returns how many are not laid out as Prettier would. */
async function checkFormat(files) {
  const started = Date.now();
  const prettier = await import('prettier');
  const ignorePath = path.join(ROOT, '.prettierignore');
  let checked = 0;
  const unformatted = [];
  for (const file of files) {
    const info = await prettier.getFileInfo(file, { ignorePath });
    if (info.ignored || !info.inferredParser) continue;
    checked += 1;
    const options = { ...(await prettier.resolveConfig(file)), filepath: file };
    if (!(await prettier.check(fs.readFileSync(file, 'utf8'), options))) unformatted.push(path.relative(ROOT, file));
  }
  for (const file of unformatted) process.stdout.write(`${file}: not laid out as Prettier would (npm run format)\n`);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  process.stdout.write(`=== Format: ${checked} files, ${unformatted.length} not formatted in ${seconds} s\n`);
  return unformatted.length;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error) => {
    process.stderr.write(`=== Lint could not run: ${error instanceof Error ? error.stack : error}\n`);
    process.exitCode = 2;
  },
);
