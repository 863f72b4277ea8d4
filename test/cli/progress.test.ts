/** Apply progress: plain timestamped lines for CI logs, one redrawn line per resource on a terminal. */
import { formatElapsed, ProgressReporter } from '../../src/cli/progress';
import { displayWidth, fitToWidth } from '../../src/cli/text-width';
import { VirtualTerminal } from './virtual-terminal';

function sink(isTTY: boolean) {
  const chunks: string[] = [];
  return { out: { isTTY, write: (s: string) => (chunks.push(s), true) }, text: () => chunks.join('') };
}

describe('ProgressReporter', () => {
  it('writes one timestamped line per event without a terminal', () => {
    const { out, text } = sink(false);
    let now = Date.parse('2026-11-22T10:00:00Z');
    const progress = new ProgressReporter(out, () => now);
    progress.report({ kind: 'start', stack: 'prod', address: 'aws_x.chat', action: 'create' });
    now += 95_000;
    progress.report({ kind: 'waiting', stack: 'prod', address: 'aws_x.chat', status: 'Creating' });
    progress.report({ kind: 'done', stack: 'prod', address: 'aws_x.chat', action: 'create' });
    const lines = text().trim().split('\n');
    expect(lines).toEqual([
      '2026-11-22T10:00:00.000Z prod/aws_x.chat: create starting (0s elapsed)',
      '2026-11-22T10:01:35.000Z prod/aws_x.chat: create status Creating (1m35s elapsed)',
      '2026-11-22T10:01:35.000Z prod/aws_x.chat: create done (1m35s elapsed)',
    ]);
    expect(text()).not.toContain('\x1b[');
  });

  it('keeps one live line per resource on a terminal, redrawn in place', () => {
    const { out, text } = sink(true);
    const progress = new ProgressReporter(out, () => 0);
    progress.report({ kind: 'start', stack: 'dev', address: 'a', action: 'update' });
    progress.report({ kind: 'start', stack: 'dev', address: 'b', action: 'delete' });
    progress.report({ kind: 'failed', stack: 'dev', address: 'b', action: 'delete', error: 'AccessDenied' });
    progress.stop();
    // Each redraw moves the cursor up over the lines drawn before and clears them.
    expect(text()).toContain('\x1b[2A');
    const lastFrame = text().split('\x1b[2A').pop()!;
    expect(lastFrame).toContain('dev/a: update — starting');
    expect(lastFrame).toContain('dev/b: delete — FAILED: AccessDenied');
  });
});

describe('ProgressReporter on a narrow terminal', () => {
  const LONG = 'aws_bedrock_provisioned_model_throughput.support_chat_with_a_very_long_resource_name';

  it('cuts every live row to one screen row, so redraws replace the rows instead of garbling them', () => {
    const term = new VirtualTerminal(80);
    const progress = new ProgressReporter(term, () => 0);
    progress.report({ kind: 'start', stack: 'production-eu', address: LONG, action: 'create' });
    progress.report({ kind: 'start', stack: 'production-eu', address: `${LONG}_2`, action: 'delete' });
    progress.report({ kind: 'call', stack: 'production-eu', address: LONG, operation: 'CreateProvisionedModelThroughput' });
    progress.report({ kind: 'waiting', stack: 'production-eu', address: `${LONG}_2`, status: 'Updating' });
    progress.stop();
    const screen = term.lines();
    expect(screen).toHaveLength(2);
    for (const row of screen) expect(displayWidth(row)).toBeLessThanOrEqual(79);
    expect(screen[0]).toMatch(/^  product\S*…\S*resource_name: create — calling CreateProvisioned\S*…$/);
    expect(screen[1]).toMatch(/^  product\S*…\S*resource_name_2: delete — status Updating \[0s elapsed\]$/);
  });

  it('shortens a long address in the middle so the status and elapsed time stay readable', () => {
    const term = new VirtualTerminal(80);
    const progress = new ProgressReporter(term, () => 0);
    progress.report({ kind: 'start', stack: 'dev', address: LONG, action: 'create' });
    progress.report({ kind: 'waiting', stack: 'dev', address: LONG, status: 'Creating' });
    progress.stop();
    const [row] = term.lines();
    expect(displayWidth(row)).toBe(79);
    expect(row).toMatch(/^  dev\/aws_bedr\S*…\S*resource_name: create — status Creating \[0s elapsed\]$/);
  });

  it('moves the cursor up by exactly the rows it drew before', () => {
    const term = new VirtualTerminal(40);
    const progress = new ProgressReporter(term, () => 0);
    const rowsOnScreen: number[] = [];
    const ups: number[] = [];
    for (const address of ['a', 'b', 'c']) {
      rowsOnScreen.push(term.lines().length);
      progress.report({ kind: 'start', stack: 'dev', address: `${LONG}.${address}`, action: 'create' });
      ups.push(Number(/\x1b\[(\d+)A/.exec(term.raw[term.raw.length - 1])?.[1] ?? 0));
    }
    expect(rowsOnScreen).toEqual([0, 1, 2]);
    expect(ups).toEqual(rowsOnScreen);
  });

  it('counts East Asian wide characters as two columns and never cuts an escape sequence or a character in half', () => {
    const term = new VirtualTerminal(30);
    const progress = new ProgressReporter(term, () => 0);
    progress.report({
      kind: 'failed',
      stack: 'dev',
      address: 'pt.chat',
      action: 'create',
      error: '名前が既に使われています。別の名前を選んでください \u{1F600}',
    });
    progress.stop();
    const [row] = term.lines();
    expect(displayWidth(row)).toBeLessThanOrEqual(29);
    expect(row).toMatch(/…$/);
    expect(fitToWidth('\x1b[31mred text that is long\x1b[0m', 8)).toBe('\x1b[31mred tex…\x1b[0m');
    expect(fitToWidth('ab\u{1F600}\u{1F600}cd', 5)).toBe('ab\u{1F600}…');
  });

  it('re-reads the width when the terminal is resized', () => {
    const term = Object.assign(new VirtualTerminal(100), { on: jest.fn(), off: jest.fn() });
    const progress = new ProgressReporter(term, () => 0);
    progress.report({ kind: 'start', stack: 'dev', address: LONG, action: 'update' });
    expect(term.on).toHaveBeenCalledWith('resize', expect.any(Function));
    term.columns = 50;
    term.on.mock.calls[0][1]();
    expect(term.lines().every((row) => displayWidth(row) <= 49)).toBe(true);
    progress.stop();
    expect(term.off).toHaveBeenCalledWith('resize', term.on.mock.calls[0][1]);
  });
});

describe('ProgressReporter and no-op resources', () => {
  const noOp = (out: { isTTY: boolean; write: (s: string) => boolean }) => {
    const progress = new ProgressReporter(out, () => 0);
    progress.report({ kind: 'start', stack: 'dev', address: 'pt.unchanged', action: 'no-op' });
    progress.report({ kind: 'done', stack: 'dev', address: 'pt.unchanged', action: 'no-op' });
    progress.report({ kind: 'start', stack: 'dev', address: 'pt.renamed', action: 'update' });
    progress.stop();
  };

  it('draws no row for a resource whose change is a no-op', () => {
    const term = new VirtualTerminal(80);
    noOp(term);
    expect(term.lines()).toEqual(['  dev/pt.renamed: update — starting [0s elapsed]']);
  });

  it('writes no line for a no-op without a terminal', () => {
    const { out, text } = sink(false);
    noOp(out);
    expect(text()).not.toContain('pt.unchanged');
    expect(text()).toContain('dev/pt.renamed: update starting');
  });

  it('still shows a no-op that failed (e.g. its state write)', () => {
    const term = new VirtualTerminal(80);
    const progress = new ProgressReporter(term, () => 0);
    progress.report({ kind: 'start', stack: 'dev', address: 'pt.moved', action: 'no-op' });
    progress.report({ kind: 'failed', stack: 'dev', address: 'pt.moved', action: 'no-op', error: 'EACCES' });
    progress.stop();
    expect(term.lines()).toEqual(['  dev/pt.moved: no-op — FAILED: EACCES [0s elapsed]']);
  });
});

describe('ProgressReporter without a terminal, while a step waits', () => {
  beforeEach(() => jest.useFakeTimers({ now: Date.parse('2026-11-22T10:00:00Z') }));
  afterEach(() => jest.useRealTimers());

  it("writes Terraform's 'Still creating... [10s elapsed]' at the interval, and stops when the step ends", () => {
    const { out, text } = sink(false);
    const progress = new ProgressReporter(out, { now: () => Date.now(), stillIntervalMs: 10_000 });
    progress.report({ kind: 'start', stack: 'prod', address: 'pt.chat', action: 'create' });
    progress.report({ kind: 'start', stack: 'prod', address: 'pt.old', action: 'delete' });
    progress.report({ kind: 'start', stack: 'prod', address: 'pt.renamed', action: 'update' });
    jest.advanceTimersByTime(10_000);
    progress.report({ kind: 'done', stack: 'prod', address: 'pt.old', action: 'delete' });
    progress.report({ kind: 'done', stack: 'prod', address: 'pt.renamed', action: 'update' });
    jest.advanceTimersByTime(70_000);
    progress.stop();
    jest.advanceTimersByTime(60_000);
    const still = text()
      .split('\n')
      .filter((l) => l.includes('Still'));
    expect(still.slice(0, 3)).toEqual([
      'prod/pt.chat: Still creating... [10s elapsed]',
      'prod/pt.old: Still destroying... [10s elapsed]',
      'prod/pt.renamed: Still modifying... [10s elapsed]',
    ]);
    expect(still.slice(3)).toEqual(['20s', '30s', '40s', '50s', '1m0s', '1m10s', '1m20s'].map((e) => `prod/pt.chat: Still creating... [${e} elapsed]`));
  });

  it('says destroying during the delete half of a replace and creating after it', () => {
    const { out, text } = sink(false);
    const progress = new ProgressReporter(out, { now: () => Date.now(), stillIntervalMs: 1_000 });
    progress.report({ kind: 'start', stack: 'dev', address: 'pt.r', action: 'delete-then-create' });
    progress.report({ kind: 'call', stack: 'dev', address: 'pt.r', operation: 'DeleteProvisionedModelThroughput' });
    jest.advanceTimersByTime(1_000);
    progress.report({ kind: 'call', stack: 'dev', address: 'pt.r', operation: 'CreateProvisionedModelThroughput' });
    jest.advanceTimersByTime(1_000);
    progress.stop();
    expect(
      text()
        .split('\n')
        .filter((l) => l.includes('Still')),
    ).toEqual(['dev/pt.r: Still destroying... [1s elapsed]', 'dev/pt.r: Still creating... [2s elapsed]']);
  });

  it("formats elapsed time as Terraform does (Go's duration, whole seconds)", () => {
    expect([0, 9_999, 10_000, 60_000, 80_500, 3_600_000, 3_725_000].map(formatElapsed)).toEqual(['0s', '9s', '10s', '1m0s', '1m20s', '1h0m0s', '1h2m5s']);
  });
});

describe('ProgressReporter.unanswered', () => {
  it('lists the calls sent whose answer no later event has shown', () => {
    const progress = new ProgressReporter(sink(false).out, () => 0);
    progress.report({ kind: 'start', stack: 'dev', address: 'pt.a', action: 'create' });
    progress.report({ kind: 'call', stack: 'dev', address: 'pt.a', operation: 'CreateProvisionedModelThroughput' });
    progress.report({ kind: 'start', stack: 'dev', address: 'pt.b', action: 'create' });
    progress.report({ kind: 'call', stack: 'dev', address: 'pt.b', operation: 'CreateProvisionedModelThroughput' });
    progress.report({ kind: 'waiting', stack: 'dev', address: 'pt.b', status: 'Creating' });
    progress.report({ kind: 'start', stack: 'dev', address: 'pt.c', action: 'delete' });
    progress.report({ kind: 'call', stack: 'dev', address: 'pt.c', operation: 'DeleteProvisionedModelThroughput' });
    progress.report({ kind: 'done', stack: 'dev', address: 'pt.c', action: 'delete' });
    progress.report({ kind: 'start', stack: 'dev', address: 'pt.d', action: 'update' });
    expect(progress.unanswered()).toEqual([{ label: 'dev/pt.a', action: 'create', operation: 'CreateProvisionedModelThroughput' }]);
  });
});
