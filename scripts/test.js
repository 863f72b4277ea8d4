#!/usr/bin/env node
/**
 * `npm test` after the build: every suite on the Node.js running this script, then the suites
 * that exercise the runtime (test/groups.js RUNTIME) again on the pinned Node 24
 * (scripts/pinned-node.js). Each pass is one jest run — its parallel group across workers, then
 * its serial group one file at a time — and starts with a line naming its Node and version. The
 * last line counts the tests of both passes; the exit code is jest's first failure, else 0.
 *
 * The lint (scripts/lint.js: ESLint, then Prettier's check of the layout) starts first and runs
 * beside the first pass at low priority: the parallel group keeps the cores, and lint finishes in
 * the serial group's idle time, so CI takes no longer. Its findings and its "=== Lint:" and
 * "=== Format:" lines are printed after the passes; a problem makes the exit code non-zero as a
 * failed test does.
 *
 * Extra arguments go to both jest runs (e.g. `npm test -- test/e2e`); BEDROCK_PT_SKIP_NODE24=1
 * leaves out the second pass.
 */
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const JEST = path.join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js');
const PINNED_NODE = path.join(__dirname, 'pinned-node.js');
const LINT = path.join(__dirname, 'lint.js');

/**
 * Workers for the parallel group: most of its time is child processes (the CLI, terraform and its
 * providers) waiting on each other and on the emulator, so more workers than cores pay.
 */
function workers() {
  return String(process.env.BEDROCK_PT_TEST_WORKERS || Math.max(2, os.availableParallelism() * 2));
}

/** Runs jest under `node` with `env`; returns jest's exit code and its counts. */
function jestPass(title, node, env, args) {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bedrock-pt-jest-')), 'results.json');
  const version = spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim();
  process.stdout.write(`\n=== ${title}: node --version ${version} (${node})\n\n`);
  const started = Date.now();
  const run = spawnSync(node, [JEST, '--maxWorkers', workers(), '--json', '--outputFile', out, ...args], { cwd: ROOT, stdio: 'inherit', env });
  const seconds = Math.round((Date.now() - started) / 1000);
  let counts = { passed: 0, failed: 0, skipped: 0 };
  if (fs.existsSync(out)) {
    const r = JSON.parse(fs.readFileSync(out, 'utf8'));
    counts = { passed: r.numPassedTests, failed: r.numFailedTests + r.numRuntimeErrorTestSuites, skipped: r.numPendingTests + r.numTodoTests };
  }
  fs.rmSync(path.dirname(out), { recursive: true, force: true });
  process.stdout.write(`\n=== ${title} (Node ${version}): ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped in ${seconds} s\n`);
  return { code: run.status ?? 1, counts, interrupted: run.signal !== null };
}

/**
 * Starts scripts/lint.js; resolves to its exit code and output once it ends. Its output goes to a
 * file, not a pipe, since this process is blocked in jest's spawnSync and would read no pipe.
 */
function startLint() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bedrock-pt-lint-'));
  const out = fs.openSync(path.join(dir, 'output.txt'), 'w');
  const child = spawn(process.execPath, [LINT], { cwd: ROOT, stdio: ['ignore', out, out] });
  fs.closeSync(out);
  try {
    os.setPriority(child.pid, 19);
  } catch {
    // Lowering one's own child's priority needs no privilege; where it fails, lint just competes for the cores.
  }
  return new Promise((resolve) => {
    child.on('close', (code, signal) => {
      const output = fs.readFileSync(path.join(dir, 'output.txt'), 'utf8');
      fs.rmSync(dir, { recursive: true, force: true });
      resolve({ code: code ?? 1, output: signal ? `${output}=== Lint stopped by ${signal}\n` : output });
    });
    child.on('error', (error) => resolve({ code: 2, output: `=== Lint could not start: ${error.message}\n` }));
  });
}

async function main(args) {
  const lint = startLint();
  const passes = [jestPass('All suites', process.execPath, process.env, args)];
  // A first pass ended by a signal (Ctrl-C, a CI timeout) is not followed by the second.
  if (process.env.BEDROCK_PT_SKIP_NODE24 !== '1' && !passes[0].interrupted) {
    const pinned = spawnSync(process.execPath, [PINNED_NODE], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    const answer = pinned.stdout.trim();
    if (pinned.status !== 0) {
      process.stdout.write(`\n=== Node 24 pass: the pinned Node could not be fetched (scripts/pinned-node.js exited ${pinned.status})\n`);
      passes.push({ code: 1, counts: { passed: 0, failed: 1, skipped: 0 } });
    } else if (answer.startsWith('SKIPPED')) {
      process.stdout.write(`\n${answer}\n`);
    } else {
      // The pinned node first on PATH, so `node` in cdktf.json apps and `#!/usr/bin/env node` tools is Node 24 too.
      const env = { ...process.env, BEDROCK_PT_TEST_PASS: 'runtime', PATH: `${path.dirname(answer)}${path.delimiter}${process.env.PATH ?? ''}` };
      passes.push(jestPass('Runtime suites on Node 24', answer, env, args));
    }
  }
  const total = passes.reduce((t, p) => ({ passed: t.passed + p.counts.passed, failed: t.failed + p.counts.failed, skipped: t.skipped + p.counts.skipped }), {
    passed: 0,
    failed: 0,
    skipped: 0,
  });
  const linted = await lint;
  process.stdout.write(`\n${linted.output}`);
  process.stdout.write(`\n${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped${linted.code === 0 ? '' : '; lint failed'}\n`);
  return passes.find((p) => p.code !== 0)?.code ?? (linted.code === 0 ? 0 : 1);
}

main(process.argv.slice(2)).then((code) => (process.exitCode = code));
