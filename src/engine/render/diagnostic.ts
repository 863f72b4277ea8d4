/**
 * The one human rendering of a diagnostic (engine/diagnostics), as Terraform's views draw
 * tfdiags: a plan's diagnostics in a box under the plan (a note as two plain lines), and the
 * error a run stops on as one `Error:` line with any report it carries indented under it.
 */
import type { Diagnostic } from '../diagnostics';
import { styleFor, type Style } from './style';

export type DiagnosticLayout =
  /** Terraform's box, with the address and field it is about. */
  | 'box'
  /** One line, for the error a command stops on: its summary already says where. */
  | 'line';

const BODY_INDENT = '  ';

/** The diagnostic's lines, each without its newline; a box ends with an empty line. */
export function renderDiagnostic(d: Diagnostic, layout: DiagnosticLayout, s: Style = styleFor(false)): string[] {
  return layout === 'line' ? asLine(d) : asBox(d, s);
}

function asLine(d: Diagnostic): string[] {
  const head = `${label(d)} ${d.summary}`;
  if (!d.detail) return [head];
  return [head, ...d.detail.split('\n').map((line) => (line ? `${BODY_INDENT}${line}` : ''))];
}

function asBox(d: Diagnostic, s: Style): string[] {
  if (d.severity === 'note') return [`${s.bold(label(d))} ${d.summary}`, ...(d.detail ? [d.detail] : []), ''];
  const paint = d.severity === 'error' ? s.red : s.yellow;
  const bar = paint('│');
  const lines = [paint('╷'), `${bar} ${paint(s.bold(label(d)))} ${s.bold(d.summary)}`];
  if (d.address) lines.push(bar, `${bar}   with ${d.address}${d.field ? `, on ${d.field}` : ''}`);
  if (d.detail) lines.push(bar, `${bar} ${d.detail}`);
  lines.push(paint('╵'), '');
  return lines;
}

/** The 'line' layout as text to write, newline included: a CLI's error or warning outside any view. */
export function diagnosticLine(d: Diagnostic): string {
  return `${asLine(d).join('\n')}\n`;
}

/** "Error:", "Warning:" or "Note:", as the views head a diagnostic. */
export function label(d: Pick<Diagnostic, 'severity'>): string {
  return d.severity === 'error' ? 'Error:' : d.severity === 'warning' ? 'Warning:' : 'Note:';
}
