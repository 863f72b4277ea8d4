/**
 * How every renderer (text, Markdown, the JSON views' messages) writes numbers and dates, so a
 * number read in the terminal is the same string in the PR comment.
 */

/** Whole numbers with thousands separators: 8760 → "8,760". */
export function formatCount(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** "8,760 model-unit-hours" */
export function formatUnitHours(n: number): string {
  return `${formatCount(n)} model-unit-hours`;
}

/** An instant as "YYYY-MM-DD HH:MM UTC" (commitment ends are minute-precise at best); unparseable text is shown as given. */
export function formatInstant(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return `${new Date(t).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
