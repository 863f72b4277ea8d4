/** Apply progress: plain timestamped lines for CI logs, one redrawn line per resource on a terminal. */
import { ProgressReporter } from '../../src/cli/progress';

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
