/** ANSI styling that disappears when colour is off, so renderers never branch on it. */
export interface Style {
  bold(text: string): string;
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  dim(text: string): string;
}

const ANSI = { bold: 1, red: 31, green: 32, yellow: 33, dim: 2 } as const;

export function styleFor(color: boolean): Style {
  const paint = (code: number) => (text: string) => (color && text ? `\u001b[${code}m${text}\u001b[0m` : text);
  return { bold: paint(ANSI.bold), red: paint(ANSI.red), green: paint(ANSI.green), yellow: paint(ANSI.yellow), dim: paint(ANSI.dim) };
}
