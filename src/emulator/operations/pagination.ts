/**
 * Cursor pagination shared by the List operations. The token is opaque to clients and names the
 * last item returned (by sort key), so pages stay consistent while other PTs come and go; it is
 * bound to the query's filters so it cannot be replayed against a different query.
 */
import { createHash } from 'node:crypto';
import { validationError } from '../protocol';

/** The service does not document a default page size; 1000 (the maximum) keeps callers simple. */
export const DEFAULT_MAX_RESULTS = 1000;

type SortKey = [number, number];

interface Cursor {
  after: SortKey;
  query: string;
}

function queryFingerprint(input: Record<string, unknown>): string {
  const { nextToken: _token, maxResults: _max, ...query } = input;
  const sorted = Object.keys(query)
    .sort()
    .map((k) => [k, query[k]]);
  return createHash('sha256').update(JSON.stringify(sorted)).digest('hex').slice(0, 16);
}

function decodeToken(token: string, query: string): Cursor {
  try {
    const cursor = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Cursor;
    if (cursor.query === query && Array.isArray(cursor.after) && cursor.after.length === 2) return cursor;
  } catch {
    // fall through to the one error below
  }
  throw validationError('The provided nextToken is invalid or does not belong to this query.');
}

function compare(a: SortKey, b: SortKey): number {
  return a[0] - b[0] || a[1] - b[1];
}

/** Sorts by creation time (ties by creation order), Descending unless asked otherwise, and cuts one page. */
export function paginate<T>(items: T[], input: Record<string, unknown>, key: (item: T) => SortKey): { items: T[]; next: { nextToken?: string } } {
  const direction = input.sortOrder === 'Ascending' ? 1 : -1;
  const query = queryFingerprint(input);
  const sorted = [...items].sort((a, b) => direction * compare(key(a), key(b)));
  const after = input.nextToken === undefined ? undefined : decodeToken(input.nextToken as string, query).after;
  const start = after === undefined ? 0 : sorted.findIndex((item) => direction * compare(key(item), after) > 0);
  const remaining = start < 0 ? [] : sorted.slice(start);
  const limit = (input.maxResults as number | undefined) ?? DEFAULT_MAX_RESULTS;
  const page = remaining.slice(0, limit);
  if (remaining.length <= limit) return { items: page, next: {} };
  const cursor: Cursor = { after: key(page[page.length - 1]), query };
  return { items: page, next: { nextToken: Buffer.from(JSON.stringify(cursor)).toString('base64url') } };
}
