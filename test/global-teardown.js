/** Removes the provider mirror global-setup.js installed and the run's compiled-code caches. */
const fs = require('node:fs');

module.exports = async function globalTeardown() {
  const dir = process.env.BEDROCK_PT_TEST_PROVIDER_MIRROR;
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  const compiled = process.env.BEDROCK_PT_TEST_CODE_CACHE;
  if (compiled) fs.rmSync(compiled, { recursive: true, force: true });
};
