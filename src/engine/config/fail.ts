import { BedrockPtError, where, type ErrorSubject } from '../errors';

/** What to do about synth output that is missing a file or is not what cdktf writes. */
export const RESYNTH = 're-run `cdktf synth` (or drop --synth-dir to let bedrock-pt synthesize)';

/** Where in the synth output a value came from; `file` is only used when there is no stack yet. */
export interface ConfigSubject extends ErrorSubject {
  file?: string;
}

/**
 * Throws a one-line config error prefixed with stack/address field (or the file); `body` is
 * output the user wrote (e.g. a failing app's stderr), shown as-is under that line.
 */
export function configError(subject: ConfigSubject, message: string, cause?: unknown, body?: string): never {
  const at = where(subject) || subject.file || '';
  const { file: _file, ...errorSubject } = subject;
  throw new BedrockPtError('config', oneLine(at ? `${at}: ${message}` : message), errorSubject, { cause, body });
}

export function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Terraform JSON lets a nested block be written as one object or as a list of objects. */
export function blockList(value: unknown, subject: ConfigSubject): Record<string, unknown>[] {
  if (value === undefined || value === null) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.map((item) => {
    if (!isPlainObject(item)) configError(subject, `expected a block (object), got ${describe(item)}`);
    return item;
  });
}

export function optionalString(value: unknown, subject: ConfigSubject): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') configError(subject, `expected a string, got ${describe(value)}`);
  return value;
}

export function requiredString(value: unknown, subject: ConfigSubject): string {
  if (value === undefined || value === null) configError(subject, 'required attribute is missing');
  const text = optionalString(value, subject) as string;
  if (text === '') configError(subject, 'must not be empty');
  return text;
}

/** Terraform converts a numeric string to a number for number attributes; so do we. */
export function requiredNumber(value: unknown, subject: ConfigSubject): number {
  if (value === undefined || value === null) configError(subject, 'required attribute is missing');
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n)) configError(subject, `expected a number, got ${describe(value)}`);
  return n;
}

export function optionalBool(value: unknown, subject: ConfigSubject): boolean {
  if (value === undefined || value === null) return false;
  if (value === 'true' || value === 'false') return value === 'true';
  if (typeof value !== 'boolean') configError(subject, `expected true or false, got ${describe(value)}`);
  return value;
}

/** A map(string): Terraform converts number and bool values to strings. */
export function stringMap(value: unknown, subject: ConfigSubject): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (!isPlainObject(value)) configError(subject, `expected a map of strings, got ${describe(value)}`);
  const out: Record<string, string> = {};
  for (const [key, v] of Object.entries(value)) {
    if (typeof v === 'string') out[key] = v;
    else if (typeof v === 'number' || typeof v === 'boolean') out[key] = String(v);
    else configError(subject, `value of "${key}" must be a string, got ${describe(v)}`);
  }
  return out;
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `"${value.length > 60 ? `${value.slice(0, 57)}...` : value}"`;
  return `${typeof value} ${String(value)}`;
}
