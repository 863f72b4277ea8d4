/**
 * Which jest group each test file runs in (jest.config.js, scripts/test.js). A new file joins
 * `parallel` on its own; list it here only if it is timing-sensitive (SERIAL) or exercises the
 * Node.js runtime as users run it (RUNTIME). Paths are relative to the repository root; an entry
 * ending in `/` takes a whole directory.
 *
 * - parallel: everything else, across several workers (most suites wait on child processes).
 * - serial: kills at step boundaries, a pseudo-terminal, lock waits and timeouts measured in
 *   wall time. They run one at a time, after the parallel group, so other suites' load cannot
 *   stretch the windows they act in.
 * - RUNTIME files run a second time on Node 24 (`npm test`'s last pass): the CLI as a child
 *   process, the provider under real terraform, cdktn-cli, the pty and the demo. Those also in
 *   SERIAL run serially there too.
 */
const SERIAL = [
  'test/faults/kill.test.ts',
  'test/provider/terraform-kill.test.ts',
  'test/e2e/terminal-apply.test.ts',
  'test/e2e/lock-timeout.test.ts',
  'test/cli/interrupt.test.ts',
  'test/aws/pacing.test.ts',
  'test/aws/transient.test.ts',
  'test/provider/process.test.ts',
];

const RUNTIME = [
  'test/e2e/',
  'test/faults/kill.test.ts',
  'test/provider/terraform',
  'test/provider/process.test.ts',
  'test/provider/install.test.ts',
  'test/demo/',
  'test/cdktn/',
  'test/examples/install.test.ts',
];

/** jest `testMatch` globs (from <rootDir>) for a list of entries. */
function globs(entries) {
  return entries.map((e) => `<rootDir>/${e.endsWith('/') ? `${e}**/*.test.ts` : e.endsWith('.ts') ? e : `${e}*.test.ts`}`);
}

/** Whether a RUNTIME entry takes the file (an entry is a directory, a file, or a file-name prefix). */
function inRuntime(file) {
  return RUNTIME.some((entry) => file.startsWith(entry));
}

module.exports = { SERIAL, RUNTIME, globs, inRuntime };
