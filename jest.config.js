/**
 * Tests run from TypeScript sources; `npm test` type-checks everything with tsc first, so ts-jest
 * only transpiles. Two groups (test/groups.js): `parallel` across workers, then `serial`, one
 * file at a time. BEDROCK_PT_TEST_PASS=runtime (scripts/test.js, on Node 24) keeps only the files
 * that exercise the runtime.
 */
const { RUNTIME, SERIAL, globs, inRuntime } = require('./test/groups');

const common = {
  testEnvironment: 'node',
  setupFiles: ['<rootDir>/test/setup-env.js'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.jest.json', diagnostics: false }] },
};

const runtimeOnly = process.env.BEDROCK_PT_TEST_PASS === 'runtime';
const serial = runtimeOnly ? SERIAL.filter(inRuntime) : SERIAL;

module.exports = {
  testTimeout: 60000,
  projects: [
    {
      ...common,
      displayName: 'parallel',
      testMatch: runtimeOnly ? globs(RUNTIME) : ['<rootDir>/test/**/*.test.ts'],
      // testMatch cannot subtract: the serial files leave this group by path.
      testPathIgnorePatterns: ['/node_modules/', ...SERIAL.map((file) => `<rootDir>/${file}`)],
    },
    { ...common, displayName: 'serial', runner: '<rootDir>/test/serial-runner.js', testMatch: globs(serial) },
  ],
};
