/**
 * JSON kept as written: object keys in their order, numbers, strings and escapes as their
 * original text. JSON.parse cannot give this back (integers above 2^53 lose digits, integer-like
 * keys such as "10" and "2" move first, 1.0 becomes 1, "\u003c" becomes "<"), and lossless-json
 * keeps numbers but still builds plain objects, so key order is lost there too. State content
 * bedrock-pt does not own is written back from this tree.
 */
import { canonicalJson } from '../canonical';

export type RawJson =
  | { kind: 'object'; entries: RawEntry[] }
  | { kind: 'array'; items: RawJson[] }
  /** A number, string (quotes and escapes included), true, false or null, exactly as written. */
  | { kind: 'literal'; text: string };

export interface RawEntry {
  /** The decoded key, for lookups. */
  key: string;
  /** The key as written, quotes and escapes included. */
  keyText: string;
  value: RawJson;
}

/** Parses text that JSON.parse has already accepted; the caller reports syntax errors. */
export function parseRawJson(text: string): RawJson {
  const reader = new Reader(text);
  const value = reader.value();
  reader.skipSpace();
  if (reader.at < text.length) throw new SyntaxError(`unexpected text at offset ${reader.at}`);
  return value;
}

const SCALAR = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;

class Reader {
  at = 0;
  constructor(private readonly text: string) {}

  skipSpace(): void {
    while (this.at < this.text.length && ' \t\n\r'.includes(this.text[this.at])) this.at++;
  }

  value(): RawJson {
    this.skipSpace();
    const c = this.text[this.at];
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return { kind: 'literal', text: this.string() };
    SCALAR.lastIndex = this.at;
    const match = SCALAR.exec(this.text);
    if (!match) throw new SyntaxError(`unexpected character at offset ${this.at}`);
    this.at += match[0].length;
    return { kind: 'literal', text: match[0] };
  }

  private object(): RawJson {
    const entries: RawEntry[] = [];
    this.at++;
    this.skipSpace();
    if (this.text[this.at] === '}') {
      this.at++;
      return { kind: 'object', entries };
    }
    for (;;) {
      this.skipSpace();
      const keyText = this.string();
      this.skipSpace();
      this.expect(':');
      entries.push({ key: JSON.parse(keyText) as string, keyText, value: this.value() });
      this.skipSpace();
      if (this.text[this.at] === '}') {
        this.at++;
        return { kind: 'object', entries };
      }
      this.expect(',');
    }
  }

  private array(): RawJson {
    const items: RawJson[] = [];
    this.at++;
    this.skipSpace();
    if (this.text[this.at] === ']') {
      this.at++;
      return { kind: 'array', items };
    }
    for (;;) {
      items.push(this.value());
      this.skipSpace();
      if (this.text[this.at] === ']') {
        this.at++;
        return { kind: 'array', items };
      }
      this.expect(',');
    }
  }

  private string(): string {
    const start = this.at;
    this.expect('"');
    while (this.text[this.at] !== '"') {
      if (this.at >= this.text.length) throw new SyntaxError('unterminated string');
      this.at += this.text[this.at] === '\\' ? 2 : 1;
    }
    this.at++;
    return this.text.slice(start, this.at);
  }

  private expect(char: string): void {
    if (this.text[this.at] !== char) throw new SyntaxError(`expected "${char}" at offset ${this.at}`);
    this.at++;
  }
}

/** Terraform's layout (Go's json.MarshalIndent with two spaces): the same as JSON.stringify(v, null, 2). */
export function stringifyRawJson(raw: RawJson, indent = ''): string {
  if (raw.kind === 'literal') return raw.text;
  const inner = `${indent}  `;
  if (raw.kind === 'array') {
    if (raw.items.length === 0) return '[]';
    return `[\n${raw.items.map((item) => inner + stringifyRawJson(item, inner)).join(',\n')}\n${indent}]`;
  }
  if (raw.entries.length === 0) return '{}';
  return `{\n${raw.entries.map((e) => `${inner}${e.keyText}: ${stringifyRawJson(e.value, inner)}`).join(',\n')}\n${indent}}`;
}

/** Integer-like (array index) keys are the ones a JS object moves to the front, losing the written order. */
function isIntegerKey(key: string): boolean {
  return /^(?:0|[1-9]\d*)$/.test(key) && Number(key) < 2 ** 32 - 1;
}

/**
 * A value bedrock-pt computed. Objects keep their insertion order, except that an object with
 * integer-like keys (a map such as tags: {"10", "2", "b"}) is written in Terraform's order for
 * maps, sorted by key, since JS has already lost any other order.
 */
export function rawFromValue(value: unknown): RawJson {
  if (Array.isArray(value)) return { kind: 'array', items: value.map((v) => rawFromValue(v ?? null)) };
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).filter((k) => (value as Record<string, unknown>)[k] !== undefined);
    if (keys.some(isIntegerKey)) keys.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return {
      kind: 'object',
      entries: keys.map((key) => ({ key, keyText: JSON.stringify(key), value: rawFromValue((value as Record<string, unknown>)[key]) })),
    };
  }
  return { kind: 'literal', text: JSON.stringify(value ?? null) };
}

const canonicalOfRaw = new WeakMap<RawJson, string>();

/** The canonical JSON of what JSON.parse makes of `raw`: comparable with a parsed value. */
function canonicalOf(raw: RawJson): string {
  let text = canonicalOfRaw.get(raw);
  if (text === undefined) {
    text = canonicalJson(JSON.parse(stringifyRawJson(raw)));
    canonicalOfRaw.set(raw, text);
  }
  return text;
}

/**
 * `value` (JSON.parse'd from `source`, then perhaps changed) as a raw tree: every part that is
 * unchanged is taken from `source` as written; only what changed is built from `value`.
 * Array elements are matched by content, so unchanged elements survive reordering.
 */
export function rawPreserving(value: unknown, source: RawJson | undefined): RawJson {
  if (source === undefined) return rawFromValue(value);
  if (canonicalJson(value ?? null) === canonicalOf(source)) return source;
  if (source.kind === 'object' && value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    const written = new Map(source.entries.map((e) => [e.key, e]));
    const entries: RawEntry[] = [];
    for (const entry of written.values()) {
      if (record[entry.key] !== undefined) entries.push({ ...entry, value: rawPreserving(record[entry.key], entry.value) });
    }
    for (const key of Object.keys(record)) {
      if (!written.has(key) && record[key] !== undefined) entries.push({ key, keyText: JSON.stringify(key), value: rawFromValue(record[key]) });
    }
    return { kind: 'object', entries };
  }
  if (source.kind === 'array' && Array.isArray(value)) {
    const unused = new Map<string, RawJson[]>();
    for (const item of source.items) {
      const key = canonicalOf(item);
      const same = unused.get(key);
      if (same) same.push(item);
      else unused.set(key, [item]);
    }
    const items = value.map((item) => unused.get(canonicalJson(item ?? null))?.shift() ?? rawFromValue(item));
    return { kind: 'array', items };
  }
  return rawFromValue(value);
}
