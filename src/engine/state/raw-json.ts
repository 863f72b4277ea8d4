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
  /** JSON text exactly as written: a scalar, or a whole value below the depth the reader opened. */
  | { kind: 'verbatim'; text: string };

export interface RawEntry {
  /** The decoded key, for lookups. */
  key: string;
  /** The key as written, quotes and escapes included. */
  keyText: string;
  value: RawJson;
}

/**
 * Parses text that JSON.parse has already accepted (the caller reports syntax errors). Objects
 * and arrays are opened `depth` levels deep; anything deeper is kept as one verbatim value,
 * which is all a state write needs (it changes whole resources, never parts of other ones)
 * and keeps reading as cheap as scanning the text once.
 */
export function parseRawJson(text: string, depth = 2): RawJson {
  const reader = new Reader(text);
  const value = reader.value(depth);
  reader.skipSpace();
  if (reader.at < text.length) throw new SyntaxError(`unexpected text at offset ${reader.at}`);
  return value;
}

const QUOTE = 34;
const BACKSLASH = 92;
const OPENERS = new Set([123, 91]); // { [
const CLOSERS = new Set([125, 93]); // } ]
const WHITESPACE = new Set([32, 9, 10, 13]);
const ENDS_SCALAR = new Set([44, 125, 93, ...WHITESPACE]); // , } ] and whitespace

class Reader {
  at = 0;
  constructor(private readonly text: string) {}

  skipSpace(): void {
    while (this.at < this.text.length && WHITESPACE.has(this.text.charCodeAt(this.at))) this.at++;
  }

  value(depth: number): RawJson {
    this.skipSpace();
    const c = this.text[this.at];
    if (depth > 0 && c === '{') return { kind: 'object', entries: this.members('}', () => this.entry(depth - 1)) };
    if (depth > 0 && c === '[') return { kind: 'array', items: this.members(']', () => this.value(depth - 1)) };
    const start = this.at;
    this.at = this.endOfValue(start);
    return { kind: 'verbatim', text: this.text.slice(start, this.at) };
  }

  /** The comma-separated members of the object or array opening here, up to `close`. */
  private members<T>(close: string, member: () => T): T[] {
    const out: T[] = [];
    this.at++;
    this.skipSpace();
    for (let first = true; this.text[this.at] !== close; first = false) {
      if (!first) this.expect(',');
      out.push(member());
      this.skipSpace();
    }
    this.at++;
    return out;
  }

  private entry(depth: number): RawEntry {
    this.skipSpace();
    const start = this.at;
    this.at = this.endOfString(start);
    const keyText = this.text.slice(start, this.at);
    this.skipSpace();
    this.expect(':');
    return { key: decodeString(keyText), keyText, value: this.value(depth) };
  }

  /** Index just past the value starting at `start` (valid JSON assumed). */
  private endOfValue(start: number): number {
    const text = this.text;
    const first = text.charCodeAt(start);
    if (first === QUOTE) return this.endOfString(start);
    if (!OPENERS.has(first)) {
      let i = start;
      while (i < text.length && !ENDS_SCALAR.has(text.charCodeAt(i))) i++;
      return i;
    }
    let nesting = 0;
    for (let i = start; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === QUOTE) i = this.endOfString(i) - 1;
      else if (OPENERS.has(c)) nesting++;
      else if (CLOSERS.has(c) && --nesting === 0) return i + 1;
    }
    throw new SyntaxError('unterminated value');
  }

  private endOfString(start: number): number {
    const text = this.text;
    if (text.charCodeAt(start) !== QUOTE) throw new SyntaxError(`expected a string at offset ${start}`);
    for (let i = start + 1; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) return i + 1;
    }
    throw new SyntaxError('unterminated string');
  }

  private expect(char: string): void {
    if (this.text[this.at] !== char) throw new SyntaxError(`expected "${char}" at offset ${this.at}`);
    this.at++;
  }
}

/** A string literal's value; most keys and values have no escapes and need no JSON.parse. */
function decodeString(text: string): string {
  return text.includes('\\') ? (JSON.parse(text) as string) : text.slice(1, -1);
}

/** Terraform's layout (Go's json.MarshalIndent with two spaces): the same as JSON.stringify(v, null, 2). */
export function stringifyRawJson(raw: RawJson): string {
  const parts: string[] = [];
  writeRaw(raw, '', parts);
  return parts.join('');
}

function writeRaw(raw: RawJson, indent: string, parts: string[]): void {
  if (raw.kind === 'verbatim') {
    parts.push(raw.text);
    return;
  }
  const inner = `${indent}  `;
  const children = raw.kind === 'array' ? raw.items : raw.entries;
  const [open, close] = raw.kind === 'array' ? ['[', ']'] : ['{', '}'];
  if (children.length === 0) {
    parts.push(open, close);
    return;
  }
  parts.push(open);
  children.forEach((child, i) => {
    parts.push(i === 0 ? '\n' : ',\n', inner);
    if ('keyText' in child) {
      parts.push(child.keyText, ': ');
      writeRaw(child.value, inner, parts);
    } else writeRaw(child, inner, parts);
  });
  parts.push('\n', indent, close);
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
  return { kind: 'verbatim', text: JSON.stringify(value ?? null) };
}

const parsedVerbatim = new WeakMap<RawJson, unknown>();

/** What JSON.parse makes of a verbatim value; nodes are shared between writes, so each is parsed once. */
function parsedOf(raw: RawJson & { kind: 'verbatim' }): unknown {
  if (!parsedVerbatim.has(raw)) parsedVerbatim.set(raw, JSON.parse(raw.text));
  return parsedVerbatim.get(raw);
}

/** canonicalJson of what JSON.parse makes of `raw`: comparable with a parsed value. */
function canonicalOf(raw: RawJson): string {
  if (raw.kind === 'verbatim') return canonicalJson(parsedOf(raw));
  if (raw.kind === 'array') return `[${raw.items.map(canonicalOf).join(',')}]`;
  // JSON.parse keeps the last of duplicate keys.
  const byKey = new Map(raw.entries.map((e) => [e.key, e.value]));
  return `{${[...byKey.keys()]
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonicalOf(byKey.get(key)!)}`)
    .join(',')}}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Deep equality of JSON values, key order aside. Prototypes are not compared (structuredClone may come from another realm). */
function sameJsonValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((item, i) => sameJsonValue(item, b[i]));
  if (!isRecord(a) || !isRecord(b)) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => Object.prototype.hasOwnProperty.call(b, k) && sameJsonValue(a[k], b[k]));
}

/** Whether JSON.parse of `raw` would equal `value` (key order aside), stopping at the first difference. */
function equalsParsed(value: unknown, raw: RawJson): boolean {
  if (raw.kind === 'verbatim') return sameJsonValue(parsedOf(raw), value);
  if (raw.kind === 'array') return Array.isArray(value) && value.length === raw.items.length && raw.items.every((item, i) => equalsParsed(value[i], item));
  // Duplicate keys in the source count as a difference: the part is rebuilt from the value, as JSON.parse read it.
  return (
    isRecord(value) &&
    Object.keys(value).length === raw.entries.length &&
    raw.entries.every((e) => Object.prototype.hasOwnProperty.call(value, e.key) && equalsParsed(value[e.key], e.value))
  );
}

/**
 * `value` (JSON.parse'd from `source`, then perhaps changed) as a raw tree: every part that is
 * unchanged is taken from `source` as written; only what changed is built from `value`.
 * Objects are followed key by key; array elements are matched by content, so unchanged
 * elements survive reordering (resources are re-sorted on every write).
 */
export function rawPreserving(value: unknown, source: RawJson | undefined): RawJson {
  if (source === undefined) return rawFromValue(value);
  if (source.kind === 'object' && isRecord(value)) {
    const written = new Map(source.entries.map((e) => [e.key, e]));
    const entries: RawEntry[] = [];
    for (const entry of written.values()) {
      if (value[entry.key] !== undefined) entries.push({ ...entry, value: rawPreserving(value[entry.key], entry.value) });
    }
    for (const key of Object.keys(value)) {
      if (!written.has(key) && value[key] !== undefined) entries.push({ key, keyText: JSON.stringify(key), value: rawFromValue(value[key]) });
    }
    return { kind: 'object', entries };
  }
  if (source.kind === 'array' && Array.isArray(value)) return { kind: 'array', items: matchItems(value, source.items) };
  if (source.kind === 'verbatim' && equalsParsed(value, source)) return source;
  return rawFromValue(value);
}

/** Same position first (the common case, and cheap); what is left is matched by canonical content. */
function matchItems(values: unknown[], sources: RawJson[]): RawJson[] {
  const taken = new Set<number>();
  const out: (RawJson | undefined)[] = values.map((v, i) => {
    if (i < sources.length && equalsParsed(v, sources[i])) {
      taken.add(i);
      return sources[i];
    }
    return undefined;
  });
  if (out.every((item) => item !== undefined)) return out as RawJson[];
  const unused = new Map<string, RawJson[]>();
  sources.forEach((item, i) => {
    if (taken.has(i)) return;
    const key = canonicalOf(item);
    const same = unused.get(key);
    if (same) same.push(item);
    else unused.set(key, [item]);
  });
  return out.map((item, i) => item ?? unused.get(canonicalJson(values[i] ?? null))?.shift() ?? rawFromValue(values[i]));
}
