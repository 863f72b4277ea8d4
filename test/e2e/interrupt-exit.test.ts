/**
 * A run that says it is done exits. Ctrl-C while a create waits for InService, then Ctrl-C again
 * up to half a second later, in a real pseudo-terminal: whichever comes first, the CLI ends by
 * itself — with 130 when the second interrupt ends it, or 1 when the summary of the first came
 * before it — and nothing it started prints after its "Apply incomplete!" summary. Twenty runs,
 * since the race between the summary and the second Ctrl-C goes either way.
 */
import { stripAnsi } from '../../src/cli/text-width';
import { DEV_CUSTOM, e2eContext, SynthProject } from './harness';
import { applyInTerminal, describeWithPty, killTerminals, ptyUnavailable, until } from './terminal';

const RUNS = 20;
/** Far longer than a run: the PT stays Creating, so the apply is always waiting when Ctrl-C comes. */
const CREATE_MS = 10 * 60_000;
/** How long a run may take to end after its last Ctrl-C (it needs milliseconds; the machine may be loaded). */
const EXIT_WITHIN_MS = 8_000;

/** Half a second, as a person presses it, and moments spread before it: the second Ctrl-C lands before, during and after the summary. */
function gapBetweenInterrupts(run: number): number {
  return run % 2 === 0 ? 500 : 25 * run;
}

const context = e2eContext({ createDelayMs: CREATE_MS });
afterEach(killTerminals);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface RunResult {
  /** Undefined when the process was still running EXIT_WITHIN_MS after the last Ctrl-C. */
  ended?: { exitCode: number; signal?: number };
  output: string;
}

/** Applies one PT whose create stays Creating, interrupts once when it waits, and again after `gapMs` unless that is undefined. */
async function interrupt(run: number, gapMs: number | undefined): Promise<RunResult> {
  context.emulator.reset();
  const project = new SynthProject(context.emulator.url);
  project.write({ dev: { pts: { support_chat: { name: `exit-run-${run}`, model: DEV_CUSTOM, units: 1 } } } });
  const session = applyInTerminal(project);
  await until('the create to be waiting for InService', () => /status Creating/.test(stripAnsi(session.output())), session);
  session.send('\x03');
  if (gapMs !== undefined) {
    await sleep(gapMs);
    session.send('\x03');
  }
  let timer: NodeJS.Timeout | undefined;
  const ended = await Promise.race([session.exited, new Promise<undefined>((r) => (timer = setTimeout(() => r(undefined), EXIT_WITHIN_MS)))]);
  clearTimeout(timer);
  return { ended, output: stripAnsi(session.output()).replace(/\r/g, '') };
}

/** Only the summary's own lines and the second interrupt's report may follow "Apply incomplete!". */
function progressAfterSummary(run: number, output: string): string[] {
  const summaryAt = output.search(/Apply incomplete!/);
  const afterSummary = summaryAt < 0 ? '' : output.slice(summaryAt).split('\n').slice(1).join('\n');
  return /status Creating|calling /.test(afterSummary) ? [`run ${run}: progress printed after the summary:\n${afterSummary}`] : [];
}

function howItEnded(run: number, ended: RunResult['ended'], allowed: number[]): string[] {
  if (!ended) return [`run ${run}: still running ${EXIT_WITHIN_MS} ms after the last Ctrl-C`];
  if (ended.signal) return [`run ${run}: killed by signal ${ended.signal} (Node's default action: no handler was left), not an exit code`];
  return allowed.includes(ended.exitCode) ? [] : [`run ${run}: exit code ${ended.exitCode}`];
}

describeWithPty('Ctrl-C while a create waits for InService', () => {
  it(
    `twice: ends the process every time, and nothing runs after the summary (${RUNS} runs)`,
    async () => {
      const failures: string[] = [];
      for (let run = 0; run < RUNS; run++) {
        const { ended, output } = await interrupt(run, gapBetweenInterrupts(run));
        failures.push(...howItEnded(run, ended, [1, 130]), ...progressAfterSummary(run, output));
      }
      expect(failures).toEqual([]);
    },
    RUNS * 45_000,
  );

  it(
    'once: the process ends by itself with 1 once its summary is out, polling nothing more',
    async () => {
      const failures: string[] = [];
      for (let run = 0; run < 3; run++) {
        const { ended, output } = await interrupt(run, undefined);
        if (!/Apply incomplete!/.test(output)) failures.push(`run ${run}: no summary:\n${output}`);
        failures.push(...howItEnded(run, ended, [1]), ...progressAfterSummary(run, output));
      }
      expect(failures).toEqual([]);
    },
    3 * 45_000,
  );
});

if (ptyUnavailable) {
  it(`is skipped: ${ptyUnavailable}`, () => {
    process.stderr.write(`SKIPPED interrupt-exit tests: ${ptyUnavailable}\n`);
  });
}
