/**
 * `apply` in a real pseudo-terminal at 80 columns, against the emulator through the real SDK:
 * the live rows fit the terminal, one Ctrl-C stops cleanly with state written, two Ctrl-Cs exit
 * at once naming the creates in flight, and the next apply buys nothing twice.
 */
import * as fs from 'node:fs';
import { displayWidth, stripAnsi } from '../../src/cli/text-width';
import { loadState, lockPathFor } from '../../src/engine/state';
import { DEV_CUSTOM, PT, cli, e2eContext } from './harness';
import { applyInTerminal, describeWithPty, killTerminals, ptyUnavailable, until } from './terminal';

const context = e2eContext();
const PTS = {
  support_chat_primary_assistant: { name: 'tty-support-chat-primary', model: DEV_CUSTOM, units: 1 },
  support_chat_secondary_assistant: { name: 'tty-support-chat-secondary', model: DEV_CUSTOM, units: 1 },
};
const ADDRESSES = Object.keys(PTS).map((id) => `${PT}.${id}`);

/**
 * The lines the terminal was sent once apply began (after the plan's "Plan:" line, up to the
 * final summary), split at newlines and carriage returns, escapes removed: the live rows and the
 * interrupt messages, which must fit. The plan and the summary are not redrawn; a long line there
 * wraps as in Terraform.
 */
function applyLines(out: string): string[] {
  const lines = stripAnsi(out).split(/\r\n|\n|\r/);
  const start = lines.findIndex((l) => l.startsWith('Plan:'));
  const end = lines.findIndex((l) => /^Apply (complete|incomplete)!/.test(l));
  expect(start).toBeGreaterThan(0);
  return lines.slice(start + 1, end < 0 ? undefined : end);
}

afterEach(killTerminals);

const creates = () => context.emulator.requests().filter((r) => r.operation === 'CreateProvisionedModelThroughput');

describeWithPty('apply in an 80-column terminal', () => {
  beforeEach(() => context.project.write({ dev: { pts: PTS } }));
  afterEach(() => context.emulator.setTransitionDelays({ createMs: 200 }));

  it('prints no line wider than the terminal, and one Ctrl-C stops with the bought PTs written to state', async () => {
    context.emulator.setTransitionDelays({ createMs: 60_000 });
    const session = applyInTerminal(context.project);
    await until('both PTs to be Creating', () => creates().filter((r) => r.mutated).length === 2 && /Creating/.test(session.output()), session);
    session.send('\x03');
    expect((await session.exited).exitCode).toBe(1);

    const out = session.output();
    expect(stripAnsi(out)).toContain('Stopping: no new calls will be sent');
    expect(stripAnsi(out)).toContain('Apply incomplete!');
    const tooWide = applyLines(out).filter((line) => displayWidth(line) > 80);
    expect(tooWide).toEqual([]);
    const state = await loadState(context.project.statePath('dev'));
    expect(Object.keys(state.managed.pts).sort()).toEqual(ADDRESSES);
    expect(state.managed.pending).toEqual({});
    expect(fs.existsSync(lockPathFor(context.project.statePath('dev')))).toBe(false);
  }, 60_000);

  it('exits at once on a second Ctrl-C, names the creates in flight, and the next apply buys each PT once', async () => {
    context.emulator.setLatency('CreateProvisionedModelThroughput', 4_000);
    const session = applyInTerminal(context.project);
    await until('both Creates to reach the emulator', () => creates().length === 2, session);
    session.send('\x03');
    await until('the first Ctrl-C to be acknowledged', () => stripAnsi(session.output()).includes('Stopping'), session);
    const secondAt = Date.now();
    session.send('\x03');
    expect((await session.exited).exitCode).toBe(130);
    // At once: before the emulator answered either Create.
    expect(Date.now() - secondAt).toBeLessThan(3_000);
    expect(creates().every((r) => r.mutated !== true)).toBe(true);

    const text = stripAnsi(session.output()).replace(/\r/g, '');
    expect(text).toContain('Two interrupts received: exiting now');
    // Wrapped to the terminal: compare without the whitespace the wrapping put in.
    const squashed = text.replace(/\s+/g, '');
    for (const address of ADDRESSES) {
      expect(squashed).toContain(`dev/${address}: CreateProvisionedModelThroughput — its intent and idempotency token are in state`.replace(/\s+/g, ''));
    }
    expect(applyLines(session.output()).filter((line) => displayWidth(line) > 80)).toEqual([]);
    const left = await loadState(context.project.statePath('dev'));
    expect(Object.keys(left.managed.pending).sort()).toEqual(ADDRESSES);

    // The requests in flight land after the CLI is gone, as they would at Bedrock.
    await until('the in-flight Creates to be answered', () => creates().filter((r) => r.mutated).length === 2, session);
    context.emulator.setLatency('CreateProvisionedModelThroughput', 0);
    const next = await cli(['apply', '--auto-approve', '--synth-dir', context.project.synthDir, '--stack', 'dev'], {
      cwd: context.project.dir,
      env: context.project.env,
    });
    expect(next.stderr).toContain('took over the lock of stack dev');
    expect(next.code).toBe(0);

    const bought = creates().filter((r) => r.mutated);
    expect(bought.map((r) => r.params.provisionedModelName).sort()).toEqual(
      Object.values(PTS)
        .map((p) => p.name)
        .sort(),
    );
    expect(context.emulator.inventory()).toHaveLength(2);
    const state = await loadState(context.project.statePath('dev'));
    expect(state.managed.pending).toEqual({});
    expect(
      Object.values(state.managed.pts)
        .map((p) => p.arn)
        .sort(),
    ).toEqual(
      context.emulator
        .inventory()
        .map((p) => p.provisionedModelArn)
        .sort(),
    );
    const plan = await cli(['plan', '--detailed-exitcode', '--synth-dir', context.project.synthDir, '--stack', 'dev'], {
      cwd: context.project.dir,
      env: context.project.env,
    });
    expect(plan.code).toBe(0);
  }, 60_000);
});

if (ptyUnavailable) {
  it(`is skipped: ${ptyUnavailable}`, () => {
    process.stderr.write(`SKIPPED terminal-apply tests: ${ptyUnavailable}\n`);
  });
}
