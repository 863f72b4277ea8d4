/**
 * Once per jest run, before the workers start (they inherit this process's environment):
 * - TF_AWS_MIRROR: the hashicorp/aws filesystem mirror, looked for once instead of once per file;
 * - BEDROCK_PT_TEST_PROVIDER_MIRROR: one `bedrock-pt provider install --dir` (the built CLI, on
 *   the Node running this pass, which the installed launcher then names), which every
 *   TerraformWorkspace reads instead of installing its own. Tests of `provider install` itself
 *   still run the CLI.
 * - BEDROCK_PT_CODE_CACHE and NODE_COMPILE_CACHE: one private directory for the run's compiled
 *   code (the provider's own cache on Node 20, Node's on 22.1+). TerraformWorkspace gives each
 *   workspace its own TMPDIR, where both would otherwise go, so every workspace would compile the
 *   provider afresh, which a user's shared temp directory does not.
 * Removed again in global-teardown.js.
 */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
// The lookup as tsc built it (`npm test` builds first): the same search the suites would make.
const { findAwsMirror } = require(path.join(ROOT, 'dist/tools/terraform-lookup.js'));

module.exports = async function globalSetup() {
  if (!process.env.TF_AWS_MIRROR) {
    const mirror = findAwsMirror();
    // A value that holds no mirror makes the suites skip with their own line, as an unset one would after a search.
    process.env.TF_AWS_MIRROR = mirror ?? path.join(os.tmpdir(), 'no-hashicorp-aws-mirror');
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bedrock-pt-provider-mirror-'));
  execFileSync(process.execPath, [path.join(ROOT, require('../package.json').bin['bedrock-pt']), 'provider', 'install', '--dir', dir], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { PATH: process.env.PATH, HOME: dir },
  });
  process.env.BEDROCK_PT_TEST_PROVIDER_MIRROR = dir;
  const compiled = fs.mkdtempSync(path.join(os.tmpdir(), 'bedrock-pt-test-code-cache-'));
  process.env.BEDROCK_PT_TEST_CODE_CACHE = compiled;
  process.env.BEDROCK_PT_CODE_CACHE = path.join(compiled, 'provider');
  process.env.NODE_COMPILE_CACHE = path.join(compiled, 'node');
};
