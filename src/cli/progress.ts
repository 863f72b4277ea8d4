/**
 * Apply progress. On a TTY: one live row per resource with an action (status, elapsed), redrawn
 * in place; each row is cut to the terminal width so a redraw by row count lands where the block
 * began. Otherwise: plain timestamped lines, one per event, plus Terraform's
 * "Still creating... [1m20s elapsed]" at a steady interval while a step waits, for CI logs.
 */
import type { ProgressEvent } from '../engine/apply/context';
import { displayWidth, fitToWidth, shortenMiddle, wrapToWidth } from './text-width';

interface Line {
  label: string;
  action: string;
  status: string;
  started: number;
  ended?: number;
  /** The last call sent, while no later event shows it was answered. */
  unanswered?: string;
  /** The last operation sent: tells a replace's destroying half from its creating half. */
  lastOperation?: string;
}

export interface ProgressStream {
  write(s: string): boolean;
  isTTY?: boolean;
  /** Terminal width; re-read on every redraw (and on `resize`, when the stream emits it). */
  columns?: number;
  on?(event: 'resize', listener: () => void): unknown;
  off?(event: 'resize', listener: () => void): unknown;
}

export interface ProgressOptions {
  now?: () => number;
  /** How often a waiting step gets a "Still …" line without a TTY; Terraform's 10 s by default. */
  stillIntervalMs?: number;
}

/** A call sent whose answer the progress events have not shown yet. */
export interface UnansweredCall {
  label: string;
  action: string;
  operation: string;
}

const STILL_INTERVAL_MS = 10_000;
/** Used when the stream does not say how wide it is (Terraform's assumption too). */
const DEFAULT_COLUMNS = 80;

export class ProgressReporter {
  private readonly lines = new Map<string, Line>();
  /** Addresses whose change is a no-op: the engine reports them, a person has nothing to read there. */
  private readonly quiet = new Set<string>();
  private drawn = 0;
  private timer?: NodeJS.Timeout;
  private readonly now: () => number;
  private readonly stillIntervalMs: number;
  private readonly onResize = () => this.live && this.drawn > 0 && this.redraw();

  constructor(
    private readonly out: ProgressStream,
    options: ProgressOptions | (() => number) = {},
  ) {
    const opts = typeof options === 'function' ? { now: options } : options;
    this.now = opts.now ?? Date.now;
    this.stillIntervalMs = opts.stillIntervalMs ?? STILL_INTERVAL_MS;
    if (this.live) this.out.on?.('resize', this.onResize);
  }

  get live(): boolean {
    return !!this.out.isTTY;
  }

  readonly report = (e: ProgressEvent): void => {
    const key = `${e.stack}/${e.address}`;
    if (e.kind === 'start' && e.action === 'no-op') this.quiet.add(key);
    // A failure is shown even for a no-op: it is why the apply did not complete.
    if (this.quiet.has(key) && e.kind !== 'failed') return;
    if (e.kind === 'start') this.lines.set(key, { label: key, action: e.action, status: 'starting', started: this.now() });
    const line = this.lines.get(key) ?? { label: key, action: 'action' in e ? e.action : '', status: '', started: this.now() };
    this.lines.set(key, line);
    line.unanswered = undefined;
    switch (e.kind) {
      case 'call':
        line.status = `calling ${e.operation}`;
        line.unanswered = line.lastOperation = e.operation;
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
      this.out.write(`${new Date(this.now()).toISOString()} ${key}: ${line.action} ${line.status} (${elapsedOf(line, this.now())} elapsed)\n`);
      this.timer ??= setInterval(() => this.writeStillLines(), this.stillIntervalMs).unref();
    }
  };

  /** Calls sent and not answered, as far as the events show: what a second Ctrl-C may leave in flight. */
  unanswered(): UnansweredCall[] {
    return [...this.lines.values()]
      .filter((l) => l.ended === undefined && l.unanswered)
      .map((l) => ({ label: l.label, action: l.action, operation: l.unanswered! }));
  }

  /** Prints `text` above the live rows (which are drawn again below it), or as it is without a TTY. */
  note(text: string, to: ProgressStream = this.out): void {
    if (!this.live) {
      to.write(text);
      return;
    }
    // On a terminal the note is wrapped too: a person reads it while the rows below are redrawn.
    const wrapped = wrapToWidth(text, this.width());
    if (this.drawn === 0) {
      to.write(wrapped);
      return;
    }
    this.out.write(`\r\x1b[${this.drawn}A\x1b[J`);
    this.drawn = 0;
    to.write(wrapped.startsWith('\n') ? wrapped.slice(1) : wrapped);
    this.redraw();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.out.off?.('resize', this.onResize);
    if (this.live) this.redraw();
  }

  private redraw(): void {
    const width = this.width();
    const rows = [...this.lines.values()].map((l) => this.row(l, width));
    // `\r` first: the terminal may have echoed `^C` after the last row.
    let text = this.drawn > 0 ? `\r\x1b[${this.drawn}A` : '';
    text += rows.map((r) => `\x1b[2K${r}\n`).join('');
    this.drawn = rows.length;
    // Anything left below (rows drawn wider before a resize) is cleared.
    this.out.write(`${text}\x1b[J`);
  }

  /**
   * `  stack/address: action — status [elapsed]` in `width` columns. A long address gives way
   * first (shortened in the middle, down to a third of the row), so the status stays readable.
   */
  private row(line: Line, width: number): string {
    const rest = `: ${line.action} — ${line.status} [${elapsedOf(line, this.now())} elapsed]`;
    const labelRoom = Math.max(Math.floor(width / 3), width - 2 - displayWidth(rest));
    return fitToWidth(`  ${shortenMiddle(line.label, labelRoom)}${rest}`, width);
  }

  /** One column spare: a row that fills the last column makes some terminals wrap early. */
  private width(): number {
    return Math.max(1, (this.out.columns || DEFAULT_COLUMNS) - 1);
  }

  private writeStillLines(): void {
    for (const line of this.lines.values()) {
      if (line.ended !== undefined) continue;
      this.out.write(`${line.label}: Still ${stillVerb(line)}... [${elapsedOf(line, this.now())} elapsed]\n`);
    }
  }
}

/** Terraform's verbs: a replace is destroying while its delete runs and creating otherwise. */
function stillVerb(line: Line): string {
  if (line.action === 'update') return 'modifying';
  if (line.action === 'delete') return 'destroying';
  if (line.lastOperation === 'DeleteProvisionedModelThroughput') return 'destroying';
  if (line.action === 'delete-then-create' && !line.lastOperation) return 'destroying';
  return 'creating';
}

function elapsedOf(line: Line, now: number): string {
  return formatElapsed((line.ended ?? now) - line.started);
}

/** Go's Duration.String() truncated to seconds, as Terraform prints it: `0s`, `10s`, `1m20s`, `1h0m5s`. */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${h}h${m}m${s}s`;
  if (m > 0) return `${m}m${s}s`;
  return `${s}s`;
}
