/**
 * Tests run from TypeScript sources; `npm test` type-checks everything with tsc first, so ts-jest
 * only transpiles. Groups (test/groups.js): `parallel` across workers, then `serial`, one file at
 * a time; `cdktn-constructs` runs the construct tests again with CDK Terrain loaded. BEDROCK_PT_TEST_PASS=runtime (scripts/test.js, on Node 24) keeps only the files
 * that exercise the runtime.
 */
const { CDKTN_CONSTRUCTS, RUNTIME, SERIAL, globs, inRuntime } = require('./test/groups');

const common = {
  testEnvironment: 'node',
  setupFiles: ['<rootDir>/test/setup-env.js'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.jest.json', diagnostics: false }] },
};

const runtimeOnly = process.env.BEDROCK_PT_TEST_PASS === 'runtime';
const serial = runtimeOnly ? SERIAL.filter(inRuntime) : SERIAL;

module.exports = {
  testTimeout: 60000,
  globalSetup: '<rootDir>/test/global-setup.js',
  globalTeardown: '<rootDir>/test/global-teardown.js',
  testSequencer: '<rootDir>/test/sequencer.js',
  projects: [
    {
      ...common,
      displayName: 'parallel',
      testMatch: runtimeOnly ? globs(RUNTIME) : ['<rootDir>/test/**/*.test.ts'],
      // testMatch cannot subtract: the serial files leave this group by path.
      testPathIgnorePatterns: ['/node_modules/', ...SERIAL.map((file) => `<rootDir>/${file}`)],
    },
    { ...common, displayName: 'serial', runner: '<rootDir>/test/serial-runner.js', testMatch: globs(serial) },
    ...(runtimeOnly
      ? []
      : [
          {
            ...common,
            displayName: 'cdktn-constructs',
            setupFiles: [...common.setupFiles, '<rootDir>/test/setup-cdktn.js'],
            testMatch: globs(CDKTN_CONSTRUCTS),
          },
        ]),
  ],
};
