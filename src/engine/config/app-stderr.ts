/**
 * What a failing cdktf app printed, cut down to what a person needs: its error message and
 * report lines in full and in order, the way `node` prints an uncaught error, without the
 * source-code frame node puts first, with only the first few stack frames and without the
 * "Node.js vX" trailer. A huge output keeps its start, where the error is, and says how much
 * was left out.
 */

/** Bytes of stderr kept; beyond this only lines are counted. */
export const STDERR_KEEP_BYTES = 256 * 1024;
export const MAX_REPORT_LINES = 40;
export const MAX_STACK_FRAMES = 3;

/** Collects a child's stderr: the start in full, the rest only counted. */
export class StderrHead {
  private kept = '';
  private droppedLines = 0;

  add(chunk: string): void {
    const room = STDERR_KEEP_BYTES - this.kept.length;
    if (room > 0) this.kept += chunk.slice(0, room);
    const rest = room > 0 ? chunk.slice(room) : chunk;
    this.droppedLines += rest.split('\n').length - 1;
  }

  get text(): string {
    return this.kept;
  }

  get linesNotKept(): number {
    return this.droppedLines;
  }
}

/** The report to show under "app command failed", or '' when the app printed nothing. */
export function appErrorReport(stderr: string, linesNotKept = 0): string {
  let lines = stderr
    .replace(/\x1b\[[0-9;]*m/g, '')
    .split(/\r?\n/)
    .map((l) => l.trimEnd());
  lines = withoutCodeFrame(trimBlank(lines));
  lines = trimBlank(lines.filter((l) => !/^Node\.js v\d+/.test(l)));
  lines = fewFrames(lines);
  const shown = lines.slice(0, MAX_REPORT_LINES);
  const more = lines.length - shown.length + linesNotKept;
  if (more > 0) shown.push(`… (${more} more line${more === 1 ? '' : 's'})`);
  return shown.join('\n');
}

function trimBlank(lines: string[]): string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && lines[start] === '') start++;
  while (end > start && lines[end - 1] === '') end--;
  return lines.slice(start, end);
}

/** node prints "file:line", the source line and a caret before the error itself. */
function withoutCodeFrame(lines: string[]): string[] {
  if (!/^\S.*:\d+$/.test(lines[0] ?? '')) return lines;
  const caret = lines.findIndex((l, i) => i > 0 && i < 6 && /^\s*\^+\s*$/.test(l));
  if (caret === -1) return lines;
  return trimBlank(lines.slice(caret + 1));
}

/** Keeps the first frames of each run of "    at …" lines and counts the rest. */
function fewFrames(lines: string[]): string[] {
  const out: string[] = [];
  let run = 0;
  let hidden = 0;
  const flush = (): void => {
    if (hidden > 0) out.push(`    … (${hidden} more frame${hidden === 1 ? '' : 's'})`);
    hidden = 0;
  };
  for (const line of lines) {
    if (/^\s+at /.test(line)) {
      run++;
      if (run <= MAX_STACK_FRAMES) out.push(line);
      else hidden++;
    } else {
      flush();
      run = 0;
      out.push(line);
    }
  }
  flush();
  return out;
}
