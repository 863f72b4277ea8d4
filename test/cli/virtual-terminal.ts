/**
 * Just enough of a terminal to check what a person would see: printable text wraps at `columns`
 * (as a real terminal's auto-wrap does), `\n`, `\r`, cursor up (`ESC [ n A`), erase line
 * (`ESC [ 2 K`) and erase below (`ESC [ J`). Other escape sequences are ignored.
 */
import { codePointWidth } from '../../src/cli/text-width';

export class VirtualTerminal {
  readonly isTTY = true;
  private screen: string[][] = [[]];
  private row = 0;
  private col = 0;
  /** Every write, as sent. */
  readonly raw: string[] = [];

  constructor(public columns: number) {}

  write = (chunk: string): boolean => {
    this.raw.push(chunk);
    const escape = /^\x1b\[(\d*)([A-Za-z])/;
    let i = 0;
    while (i < chunk.length) {
      const m = escape.exec(chunk.slice(i));
      if (m) {
        this.control(m[2], m[1] === '' ? undefined : Number(m[1]));
        i += m[0].length;
        continue;
      }
      const cp = chunk.codePointAt(i)!;
      const char = String.fromCodePoint(cp);
      i += char.length;
      if (char === '\n') this.moveTo(this.row + 1, 0);
      else if (char === '\r') this.col = 0;
      else this.print(char, codePointWidth(cp));
    }
    return true;
  };

  /** The screen's rows, trailing blanks trimmed. */
  lines(): string[] {
    const rows = this.screen.map((r) => r.join('').trimEnd());
    while (rows.length && rows[rows.length - 1] === '') rows.pop();
    return rows;
  }

  private print(char: string, width: number): void {
    if (this.col + width > this.columns) this.moveTo(this.row + 1, 0);
    const line = this.line(this.row);
    while (line.length < this.col) line.push(' ');
    line[this.col] = char;
    // A wide character's second cell holds nothing of its own.
    if (width === 2) line[this.col + 1] = '';
    this.col += width;
  }

  private control(code: string, n?: number): void {
    if (code === 'A') this.row = Math.max(0, this.row - (n ?? 1));
    if (code === 'K') this.screen[this.row] = [];
    if (code === 'J') {
      this.line(this.row).splice(this.col);
      this.screen.splice(this.row + 1);
    }
  }

  private moveTo(row: number, col: number): void {
    this.row = row;
    this.col = col;
    this.line(row);
  }

  private line(row: number): string[] {
    while (this.screen.length <= row) this.screen.push([]);
    return this.screen[row];
  }
}
