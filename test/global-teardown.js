/** Removes the provider mirror global-setup.js installed. */
const fs = require('node:fs');

module.exports = async function globalTeardown() {
  const dir = process.env.BEDROCK_PT_TEST_PROVIDER_MIRROR;
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
};
