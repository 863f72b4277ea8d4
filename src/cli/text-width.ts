/**
 * How many terminal columns a string takes, and cutting it to fit, so that one live progress
 * row is exactly one screen row: a row that wraps makes a redraw by row count move the cursor
 * to the wrong place. Counts by code point, skips ANSI escape sequences (they take no columns
 * and must not be cut in half), and counts East Asian wide characters as two columns.
 */

/** CSI (`ESC [ … final`) and OSC (`ESC ] … BEL|ST`) sequences, and two-byte escapes. */
const ANSI = /\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])/y;

/**
 * The ranges of wide and fullwidth code points (East Asian Width W and F) that occur in
 * practice: Hangul Jamo, CJK, Hangul syllables, fullwidth forms, emoji. A close
 * approximation of wcwidth; exactness matters less than never undercounting CJK text.
 */
const WIDE: ReadonlyArray<readonly [number, number]> = [
  [0x1100, 0x115f],
  [0x231a, 0x231b],
  [0x2329, 0x232a],
  [0x23e9, 0x23ec],
  [0x23f0, 0x23f0],
  [0x23f3, 0x23f3],
  [0x25fd, 0x25fe],
  [0x2614, 0x2615],
  [0x2648, 0x2653],
  [0x267f, 0x267f],
  [0x2693, 0x2693],
  [0x26a1, 0x26a1],
  [0x26aa, 0x26ab],
  [0x26bd, 0x26be],
  [0x26c4, 0x26c5],
  [0x26ce, 0x26ce],
  [0x26d4, 0x26d4],
  [0x26ea, 0x26ea],
  [0x26f2, 0x26f3],
  [0x26f5, 0x26f5],
  [0x26fa, 0x26fa],
  [0x26fd, 0x26fd],
  [0x2705, 0x2705],
  [0x270a, 0x270b],
  [0x2728, 0x2728],
  [0x274c, 0x274c],
  [0x274e, 0x274e],
  [0x2753, 0x2755],
  [0x2757, 0x2757],
  [0x2795, 0x2797],
  [0x27b0, 0x27b0],
  [0x27bf, 0x27bf],
  [0x2b1b, 0x2b1c],
  [0x2b50, 0x2b50],
  [0x2b55, 0x2b55],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xa960, 0xa97f],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe10, 0xfe19],
  [0xfe30, 0xfe6f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x1f004, 0x1f004],
  [0x1f0cf, 0x1f0cf],
  [0x1f18e, 0x1f18e],
  [0x1f191, 0x1f19a],
  [0x1f200, 0x1f251],
  [0x1f300, 0x1f64f],
  [0x1f680, 0x1f6ff],
  [0x1f900, 0x1f9ff],
  [0x1fa70, 0x1faff],
  [0x20000, 0x3fffd],
];

/** Columns one code point takes: 0 for controls and combining marks, 2 for wide ones, else 1. */
export function codePointWidth(cp: number): number {
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) return 0;
  if ((cp >= 0x300 && cp <= 0x36f) || (cp >= 0x200b && cp <= 0x200f) || (cp >= 0xfe00 && cp <= 0xfe0f)) return 0;
  for (const [lo, hi] of WIDE) {
    if (cp < lo) break;
    if (cp <= hi) return 2;
  }
  return 1;
}

/** Splits text into escape sequences (width 0) and single code points, in order. */
function* pieces(text: string): Generator<{ text: string; width: number }> {
  let i = 0;
  while (i < text.length) {
    ANSI.lastIndex = i;
    const escape = ANSI.exec(text);
    if (escape) {
      yield { text: escape[0], width: 0 };
      i += escape[0].length;
      continue;
    }
    const cp = text.codePointAt(i)!;
    const char = String.fromCodePoint(cp);
    yield { text: char, width: codePointWidth(cp) };
    i += char.length;
  }
}

export function displayWidth(text: string): number {
  let width = 0;
  for (const piece of pieces(text)) width += piece.width;
  return width;
}

/**
 * `text` cut to at most `columns` columns, ending in "…" when cut. Escape sequences after the
 * cut are kept (they take no room), so a colour turned on before the cut is still turned off.
 */
export function fitToWidth(text: string, columns: number): string {
  if (displayWidth(text) <= columns) return text;
  const room = Math.max(0, columns - 1);
  let used = 0;
  let out = '';
  let cut = false;
  for (const piece of pieces(text)) {
    if (piece.width === 0) {
      if (!cut || piece.text.startsWith('\x1b')) out += piece.text;
      continue;
    }
    if (cut || used + piece.width > room) {
      if (!cut) out += columns >= 1 ? '…' : '';
      cut = true;
      continue;
    }
    out += piece.text;
    used += piece.width;
  }
  return out;
}

/** `text` without its escape sequences: what a person reads. */
export function stripAnsi(text: string): string {
  let out = '';
  for (const piece of pieces(text)) if (!piece.text.startsWith('\x1b') || piece.text.length === 1) out += piece.text;
  return out;
}

/** The first code points of plain `text` that fit in `columns`, and the rest. */
export function splitAtWidth(text: string, columns: number): [string, string] {
  let used = 0;
  let at = 0;
  for (const piece of pieces(text)) {
    if (used + piece.width > columns) break;
    used += piece.width;
    at += piece.text.length;
  }
  return [text.slice(0, at), text.slice(at)];
}

/**
 * Plain `text` shortened to `columns` by an ellipsis in the middle, keeping more of its end: in
 * `stack/type.name` the name is what tells rows apart.
 */
export function shortenMiddle(text: string, columns: number): string {
  if (displayWidth(text) <= columns) return text;
  if (columns < 2) return fitToWidth(text, columns);
  const headWidth = Math.floor((columns - 1) / 3);
  const [head] = splitAtWidth(text, headWidth);
  const reversed = [...text].reverse().join('');
  const [tailReversed] = splitAtWidth(reversed, columns - 1 - displayWidth(head));
  return `${head}…${[...tailReversed].reverse().join('')}`;
}

/**
 * Plain text wrapped at spaces to `columns`; a word longer than a row is broken across rows,
 * never cut. An indented line's continuations get two more spaces of indent.
 */
export function wrapToWidth(text: string, columns: number): string {
  return text
    .split('\n')
    .map((line) => wrapLine(line, columns))
    .join('\n');
}

function wrapLine(line: string, columns: number): string {
  if (displayWidth(line) <= columns) return line;
  const indent = /^ */.exec(line)![0];
  const hanging = indent.length > 0 && indent.length + 2 < columns ? `${indent}  ` : indent.length < columns ? indent : '';
  const rows: string[] = [];
  let row = indent.length < columns ? indent : '';
  let rowHasWord = false;
  for (let word of line.slice(indent.length).split(' ')) {
    if (rowHasWord && displayWidth(`${row} ${word}`) > columns) {
      rows.push(row);
      row = hanging;
      rowHasWord = false;
    }
    if (rowHasWord) row += ' ';
    // A word wider than what is left of the row continues on the next rows.
    while (displayWidth(row + word) > columns) {
      const [fits, rest] = splitAtWidth(word, Math.max(1, columns - displayWidth(row)));
      // A wide character in a one-column gap: let it overflow rather than loop.
      if (fits === '') break;
      rows.push(row + fits);
      row = hanging;
      word = rest;
    }
    row += word;
    rowHasWord = true;
  }
  rows.push(row);
  return rows.join('\n');
}
