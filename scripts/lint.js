#!/usr/bin/env node
/**
 * `npm run lint`, and the lint `npm test` starts beside jest (scripts/test.js): ESLint over the
 * repository with eslint.config.mjs, its findings in ESLint's usual format, then one line
 * "=== Lint: N files, M problems in X s". Exit code 1 when there is any problem (warnings too:
 * the config has none on purpose), 2 when ESLint itself fails. `--fix` writes the fixes it can.
 *
 * No cache: the cycle rule's answer for a file depends on the files it imports, which a cache
 * keyed on the file's own content would not notice.
 */
'use strict';
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
  return problems === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error) => {
    process.stderr.write(`=== Lint could not run: ${error instanceof Error ? error.stack : error}\n`);
    process.exitCode = 2;
  },
);
