/**
 * `lifecycle.ignore_changes` entries as Terraform writes them: an attribute (`tags`) or a key of
 * a map attribute (`tags["Owner"]`, or `tags.Owner`). Read once by the config reader, which
 * refuses what cannot be honoured, and again by the planner, which applies them.
 */
import { AWS_PT_ATTRIBUTES } from '../pt/attributes';

/** The map(string) attributes of the PT schema; the only ones a key path can go into. */
export const MAP_ATTRIBUTES = ['tags', 'tags_all'] as const;
export type MapAttribute = (typeof MAP_ATTRIBUTES)[number];

export type IgnorePath = { attribute: string; key?: undefined } | { attribute: MapAttribute; key: string };

export type ParsedIgnore = { ok: true; path: IgnorePath } | { ok: false; rule: string };

const IDENT = /^[A-Za-z_][A-Za-z0-9_-]*/;
/** A quoted key with JSON/HCL escapes, a bare index, or `.name`. */
const STEP = /^(?:\[\s*("(?:[^"\\]|\\.)*")\s*\]|\[\s*(-?\d+)\s*\]|\.([A-Za-z_][A-Za-z0-9_-]*))/;

export function parseIgnoreEntry(text: string): ParsedIgnore {
  const root = IDENT.exec(text);
  if (!root) return { ok: false, rule: 'an entry must start with an attribute name' };
  const attribute = root[0];
  if (!(AWS_PT_ATTRIBUTES as readonly string[]).includes(attribute)) {
    return { ok: false, rule: `"${attribute}" is not an attribute of this resource (attributes: ${AWS_PT_ATTRIBUTES.join(', ')})` };
  }
  const keys: (string | number)[] = [];
  for (let rest = text.slice(attribute.length); rest !== '';) {
    const step = STEP.exec(rest);
    if (!step) return { ok: false, rule: `cannot read "${rest}" as a key; write a map key as ${attribute}["Key"]` };
    if (step[1] !== undefined) {
      const key = quotedKey(step[1]);
      if (key === undefined) return { ok: false, rule: `cannot read the key ${step[1]}; use plain characters or \\" and \\\\ escapes` };
      keys.push(key);
    } else keys.push(step[2] !== undefined ? Number(step[2]) : step[3]);
    rest = rest.slice(step[0].length);
  }
  if (keys.length === 0) return { ok: true, path: { attribute } };
  if (!(MAP_ATTRIBUTES as readonly string[]).includes(attribute)) {
    return { ok: false, rule: `${attribute} is not a map, so ignore_changes can only name it whole; key paths go only into ${MAP_ATTRIBUTES.join(' and ')}` };
  }
  if (keys.length > 1) return { ok: false, rule: `the values of ${attribute} are strings, so a path can go only one key deep` };
  if (typeof keys[0] !== 'string') return { ok: false, rule: `map keys are strings; quote the key, as in ${attribute}["${keys[0]}"]` };
  return { ok: true, path: { attribute: attribute as MapAttribute, key: keys[0] } };
}

/** One spelling per path, so `tags.Owner` and `tags["Owner"]` fingerprint and compare alike. */
export function formatIgnorePath(path: IgnorePath): string {
  return path.key === undefined ? path.attribute : `${path.attribute}[${JSON.stringify(path.key)}]`;
}

function quotedKey(literal: string): string | undefined {
  try {
    return JSON.parse(literal) as string;
  } catch {
    return undefined;
  }
}
