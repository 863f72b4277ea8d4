/**
 * Apply progress. On a TTY: one live line per resource (action, status, elapsed), redrawn in
 * place. Otherwise: plain timestamped lines, one per event, for CI logs.
 */
import type { ProgressEvent } from '../engine/apply/context';

interface Line {
  label: string;
  action: string;
  status: string;
  started: number;
  ended?: number;
}

export class ProgressReporter {
  private readonly lines = new Map<string, Line>();
  private drawn = 0;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly out: NodeJS.WriteStream | { write(s: string): boolean; isTTY?: boolean },
    private readonly now: () => number = Date.now,
  ) {}

  get live(): boolean {
    return !!this.out.isTTY;
  }

  readonly report = (e: ProgressEvent): void => {
    const key = `${e.stack}/${e.address}`;
    if (e.kind === 'start') this.lines.set(key, { label: key, action: e.action, status: 'starting', started: this.now() });
    const line = this.lines.get(key) ?? { label: key, action: 'action' in e ? e.action : '', status: '', started: this.now() };
    this.lines.set(key, line);
    switch (e.kind) {
      case 'call':
        line.status = `calling ${e.operation}`;
        break;
      case 'waiting':
        line.status = `status ${e.status}`;
        break;
      case 'done':
        line.status = e.detail ?? 'done';
        line.ended = this.now();
        break;
      case 'failed':
        line.status = `FAILED: ${e.error}`;
        line.ended = this.now();
        break;
    }
    if (this.live) {
      this.redraw();
      this.timer ??= setInterval(() => this.redraw(), 1000).unref();
    } else {
      this.out.write(`${new Date(this.now()).toISOString()} ${key}: ${line.action} ${line.status} (${elapsed(line, this.now())})\n`);
    }
  };

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    if (this.live) this.redraw();
  }

  private redraw(): void {
    const rows = [...this.lines.values()].map((l) => `  ${l.label}: ${l.action} — ${l.status} [${elapsed(l, this.now())}]`);
    let text = this.drawn > 0 ? `\x1b[${this.drawn}A` : '';
    text += rows.map((r) => `\x1b[2K${r}\n`).join('');
    this.drawn = rows.length;
    this.out.write(text);
  }
}

function elapsed(line: Line, now: number): string {
  const s = Math.round(((line.ended ?? now) - line.started) / 1000);
  return s >= 60 ? `${Math.floor(s / 60)}m${s % 60}s elapsed` : `${s}s elapsed`;
}
