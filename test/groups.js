/**
 * Which jest group each test file runs in (jest.config.js, scripts/test.js). A new file joins
 * `parallel` on its own; list it here only if it is timing-sensitive (SERIAL) or exercises the
 * Node.js runtime as users run it (RUNTIME). Paths are relative to the repository root; an entry
 * ending in `/` takes a whole directory.
 *
 * - parallel: everything else, across several workers (most suites wait on child processes).
 * - serial: kills at step boundaries, a pseudo-terminal, lock waits, timeouts and transitions
 *   measured in wall time, and a CPU-bound burst of 2,500 requests under 5 s request timeouts.
 *   They run one at a time, after the parallel group, so other suites' load cannot stretch the
 *   windows they act in.
 * - CDKTN_CONSTRUCTS run a second time in the first pass, with CDK Terrain loaded.
 * - RUNTIME files run a second time on Node 24 (`npm test`'s last pass): a representative set
 *   of what depends on the runtime — the CLI as a child process (a PT's life, output streams,
 *   the pty and Ctrl-C), the provider under real terraform (start-up, handshake, a PT's life, a
 *   kill), the demo, and cdktn-cli (which needs Node >= 22.19, so it runs only there). The rest
 *   of the CLI and provider suites exercise rules, not the runtime: once, on the first pass, is
 *   enough. Those also in SERIAL run serially there too.
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
  'test/emulator/controls.test.ts',
  'test/e2e/unreached.test.ts',
  'test/emulator/pagination.test.ts',
  'test/e2e/terraform-lock.test.ts',
  'test/e2e/interrupt-exit.test.ts',
];

const RUNTIME = [
  // The CLI as a child process: the SDK over HTTP, state files, signals, a pseudo-terminal. Its
  // kill -9 tests (test/faults/kill) run once: a SIGKILL reaches no JavaScript, so what they check
  // is the engine's state writes, not the runtime; Ctrl-C, which the runtime delivers, runs here.
  'test/e2e/lifecycle.test.ts',
  'test/e2e/plan-streams.test.ts',
  'test/e2e/terminal-apply.test.ts',
  // What each start loads: the CLI's commands and the provider's two bundles, on each runtime's module loader.
  'test/e2e/start-up-loads.test.ts',
  // The provider under real terraform: start-up, handshake (TLS and not), a PT's life, a kill.
  'test/provider/process.test.ts',
  // The resources bundle's compiled code: kept by the provider on Node 20, by Node's own cache on 22.1+.
  'test/provider/code-cache.test.ts',
  'test/provider/install.test.ts',
  'test/provider/terraform.test.ts',
  'test/provider/terraform-pt.test.ts',
  'test/provider/terraform-kill.test.ts',
  // The main job, and the CLI that only runs on Node 22.19 or newer.
  'test/demo/',
  'test/cdktn/',
];

/**
 * The construct tests that do not build a cdktf app of their own: run a second time with
 * BEDROCK_PT_CDK=cdktn, so the constructs' validation and output are checked on CDK Terrain too.
 */
const CDKTN_CONSTRUCTS = [
  'test/resources/validation.test.ts',
  'test/resources/provisioned-throughput.test.ts',
  'test/resources/bedrockpt-resource.test.ts',
  'test/resources/environment-stack.test.ts',
  'test/resources/cdk-seam.test.ts',
];

/**
 * Started first, in this order (test/sequencer.js): the files that take longest, so no worker is
 * left with one of them at the end. Measured on a quiet machine; a clean clone has no jest timing
 * cache to go by.
 */
const SLOW_FIRST = [
  'test/provider/terraform-remote-backend.test.ts',
  'test/cdktf/migrate.test.ts',
  'test/cdktf/deploy.test.ts',
  'test/cdktn/deploy.test.ts',
  'test/review/review-terraform-plan.test.ts',
  'test/faults/fault-matrix-operations-1.test.ts',
  'test/provider/terraform-lifecycle.test.ts',
  'test/faults/fault-matrix-',
  'test/cdktn/synth-plan-apply.test.ts',
  'test/examples/install.test.ts',
  'test/e2e/names.test.ts',
  'test/faults/kill.test.ts',
];

/** jest `testMatch` globs (from <rootDir>) for a list of entries. */
function globs(entries) {
  return entries.map((e) => `<rootDir>/${e.endsWith('/') ? `${e}**/*.test.ts` : e.endsWith('.ts') ? e : `${e}*.test.ts`}`);
}

/** Whether a RUNTIME entry takes the file (an entry is a directory, a file, or a file-name prefix). */
function inRuntime(file) {
  return RUNTIME.some((entry) => file.startsWith(entry));
}

module.exports = { SERIAL, RUNTIME, CDKTN_CONSTRUCTS, SLOW_FIRST, globs, inRuntime };
