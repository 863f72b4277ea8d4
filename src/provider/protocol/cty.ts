/**
 * cty values on the wire: Terraform's DynamicValue (msgpack, or JSON in older paths) decoded by
 * the schema's type into the contract's CtyValue, and encoded back. Decoding is type-directed
 * because msgpack alone cannot tell an object from a map, a set from a list, or a number sent as
 * a string from a string.
 */
import { decode, encode, ExtData } from '@msgpack/msgpack';
import { UNKNOWN, isUnknown, type CtyType, type CtyValue, type PathStep } from '../contract';

/** A type as it appears on the wire: the contract's types plus tuples, which `dynamic` values may carry. */
export type WireType = CtyType | ['tuple', WireType[]];

/** A value from Terraform that does not fit its schema type (a protocol fault, never a user error). */
export class CtyCodecError extends Error {
  constructor(
    readonly path: PathStep[],
    message: string,
  ) {
    super(`${message}${path.length ? ` at ${renderPath(path)}` : ''}`);
    this.name = 'CtyCodecError';
  }
}

export function renderPath(path: PathStep[]): string {
  return path.map((s, i) => ('attribute' in s ? `${i ? '.' : ''}${s.attribute}` : 'key' in s ? `[${JSON.stringify(s.key)}]` : `[${s.index}]`)).join('');
}

/** cty marks an unknown value as msgpack extension 0 (refined unknowns use 12); the payload is not read. */
const UNKNOWN_EXT = new ExtData(0, new Uint8Array([0]));

export interface DynamicValueBytes {
  msgpack?: Uint8Array | null;
  json?: Uint8Array | null;
}

/** Decodes whichever encoding the DynamicValue carries; an absent value is cty null. */
export function decodeDynamicValue(value: DynamicValueBytes | null | undefined, type: WireType): CtyValue {
  if (value?.msgpack && value.msgpack.length > 0) return decodeMsgpack(value.msgpack, type);
  if (value?.json && value.json.length > 0) return decodeJson(value.json, type);
  return null;
}

export function decodeMsgpack(bytes: Uint8Array, type: WireType): CtyValue {
  return fromWire(decode(bytes), type, [], 'msgpack');
}

export function decodeJson(bytes: Uint8Array | string, type: WireType): CtyValue {
  const text = typeof bytes === 'string' ? bytes : Buffer.from(bytes).toString('utf8');
  return fromWire(JSON.parse(text), type, [], 'json');
}

export function encodeMsgpack(value: CtyValue, type: WireType): Uint8Array {
  return encode(toWire(value, type, []));
}

/** The DynamicValue message for a value: always msgpack, which Terraform reads for every RPC. */
export function toDynamicValue(value: CtyValue, type: WireType): { msgpack: Buffer } {
  return { msgpack: Buffer.from(encodeMsgpack(value, type)) };
}

type Encoding = 'msgpack' | 'json';

function fromWire(raw: unknown, type: WireType, path: PathStep[], encoding: Encoding): CtyValue {
  // Every extension is an unknown: cty uses 0 plainly and 12 for refined unknowns; the default
  // codec turns extension -1 into a Date, which cty never sends, so it counts as one too.
  if (raw instanceof ExtData || raw instanceof Date) return UNKNOWN;
  if (raw === null || raw === undefined) return null;
  if (type === 'dynamic') return fromDynamic(raw, path, encoding);
  if (type === 'string') {
    if (typeof raw !== 'string') throw new CtyCodecError(path, `expected a string, got ${describe(raw)}`);
    return raw;
  }
  if (type === 'number') return toNumber(raw, path);
  if (type === 'bool') {
    if (typeof raw !== 'boolean') throw new CtyCodecError(path, `expected a bool, got ${describe(raw)}`);
    return raw;
  }
  const [kind, inner] = type;
  if (kind === 'list' || kind === 'set') {
    if (!Array.isArray(raw)) throw new CtyCodecError(path, `expected a ${kind}, got ${describe(raw)}`);
    return raw.map((item, index) => fromWire(item, inner, [...path, { index }], encoding));
  }
  if (kind === 'tuple') {
    if (!Array.isArray(raw) || raw.length !== inner.length) throw new CtyCodecError(path, `expected a tuple of ${inner.length}, got ${describe(raw)}`);
    return raw.map((item, index) => fromWire(item, inner[index], [...path, { index }], encoding));
  }
  if (!isPlainObject(raw)) throw new CtyCodecError(path, `expected a ${kind}, got ${describe(raw)}`);
  if (kind === 'map') {
    return Object.fromEntries(Object.entries(raw).map(([key, item]) => [key, fromWire(item, inner, [...path, { key }], encoding)]));
  }
  const unexpected = Object.keys(raw).filter((name) => !(name in inner));
  if (unexpected.length) throw new CtyCodecError(path, `unexpected attribute "${unexpected[0]}"`);
  return Object.fromEntries(
    Object.entries(inner).map(([name, attributeType]) => [name, fromWire(raw[name], attributeType, [...path, { attribute: name }], encoding)]),
  );
}

/** A dynamic value carries its own type: msgpack [type-json, value], JSON {"value", "type"}. */
function fromDynamic(raw: unknown, path: PathStep[], encoding: Encoding): CtyValue {
  if (encoding === 'msgpack') {
    if (!Array.isArray(raw) || raw.length !== 2) throw new CtyCodecError(path, `expected a dynamic value as [type, value], got ${describe(raw)}`);
    const typeJson = raw[0] instanceof Uint8Array ? Buffer.from(raw[0]).toString('utf8') : raw[0];
    if (typeof typeJson !== 'string') throw new CtyCodecError(path, 'expected the JSON type of a dynamic value');
    return fromWire(raw[1], parseType(typeJson, path), path, encoding);
  }
  if (!isPlainObject(raw) || !('type' in raw)) throw new CtyCodecError(path, `expected a dynamic value as {"value","type"}, got ${describe(raw)}`);
  return fromWire(raw.value, raw.type as WireType, path, encoding);
}

function parseType(json: string, path: PathStep[]): WireType {
  try {
    return JSON.parse(json) as WireType;
  } catch {
    throw new CtyCodecError(path, `the type of a dynamic value is not JSON: ${json.slice(0, 40)}`);
  }
}

function toNumber(raw: unknown, path: PathStep[]): number {
  // cty sends numbers that do not fit a float64 exactly as decimal strings.
  const n = typeof raw === 'number' ? raw : typeof raw === 'bigint' ? Number(raw) : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
  if (Number.isNaN(n)) throw new CtyCodecError(path, `expected a number, got ${describe(raw)}`);
  return n;
}

function toWire(value: CtyValue, type: WireType, path: PathStep[]): unknown {
  if (isUnknown(value)) return UNKNOWN_EXT;
  if (value === null || value === undefined) return null;
  if (type === 'dynamic') {
    const actual = inferType(value);
    return [Buffer.from(JSON.stringify(actual)), toWire(value, actual, path)];
  }
  if (type === 'string' || type === 'number' || type === 'bool') {
    const expected = type === 'bool' ? 'boolean' : type;
    if (typeof value !== expected) throw new CtyCodecError(path, `cannot encode ${describe(value)} as ${type}`);
    return value;
  }
  const [kind, inner] = type;
  if (kind === 'list' || kind === 'set' || kind === 'tuple') {
    if (!Array.isArray(value)) throw new CtyCodecError(path, `cannot encode ${describe(value)} as a ${kind}`);
    return value.map((item, index) => toWire(item, kind === 'tuple' ? inner[index] : inner, [...path, { index }]));
  }
  if (!isPlainObject(value)) throw new CtyCodecError(path, `cannot encode ${describe(value)} as a ${kind}`);
  if (kind === 'map') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, toWire(item, inner, [...path, { key }])]));
  }
  // An object holds every attribute of its type; one the resource left out is null.
  return Object.fromEntries(
    Object.entries(inner).map(([name, attributeType]) => [name, toWire(value[name] ?? null, attributeType, [...path, { attribute: name }])]),
  );
}

/** The cty type a known JavaScript value stands for, for values of `dynamic` attributes. */
export function inferType(value: CtyValue): WireType {
  if (typeof value === 'string') return 'string';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'bool';
  // Unknown and null inside a dynamic value have no type of their own.
  if (value === null || isUnknown(value)) return 'dynamic';
  if (Array.isArray(value)) return ['tuple', value.map(inferType)];
  return ['object', Object.fromEntries(Object.entries(value).map(([name, item]) => [name, inferType(item)])) as Record<string, CtyType>];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Uint8Array) return 'bytes';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)?.slice(0, 40)}`;
}
