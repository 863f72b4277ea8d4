/** Plain-text tables for the terminal: one header, aligned columns, numbers right-aligned. */

export type Cell = string | number | undefined;

export function formatTable(title: string, header: string[], rows: Cell[][]): string {
  const text = rows.map((row) => header.map((_, i) => (row[i] === undefined ? '' : String(row[i]))));
  const widths = header.map((h, i) => Math.max(h.length, ...text.map((r) => r[i].length)));
  const numeric = header.map((_, i) => rows.every((r) => r[i] === undefined || typeof r[i] === 'number'));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (numeric[i] ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join(' | ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('-+-');
  return [title, line(header), rule, ...text.map(line)].join('\n') + '\n';
}

export const seconds = (ms: number): number => Math.round(ms / 10) / 100;

export function verdict(ok: boolean): string {
  return ok ? 'met' : 'MISSED';
}
