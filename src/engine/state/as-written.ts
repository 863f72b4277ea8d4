/**
 * Each state document carries the raw tree it was read from (or last written as), so that a
 * write changes only what bedrock-pt changed: other resources, outputs, check results and
 * unknown keys come out exactly as Terraform wrote them (big integers, key order, escapes).
 */
import type { TfStateDocument } from './format';
import { parseRawJson, rawPreserving, stringifyRawJson, type RawJson } from './raw-json';

const sources = new WeakMap<TfStateDocument, RawJson>();

/** Records that `doc` was JSON.parse'd from `text`. */
export function rememberText<T extends TfStateDocument>(doc: T, text: string): T {
  sources.set(doc, parseRawJson(text));
  return doc;
}

/** `next` is a changed copy of `previous`: it keeps `previous`'s source for what did not change. */
export function carrySource<T extends TfStateDocument>(previous: TfStateDocument, next: T): T {
  const raw = sources.get(previous);
  if (raw) sources.set(next, raw);
  return next;
}

/** The text to write for `doc`, which from then on is its source. */
export function stateText(doc: TfStateDocument): string {
  const raw = rawPreserving(doc, sources.get(doc));
  sources.set(doc, raw);
  return stringifyRawJson(raw);
}
