/** Turns a zod failure into the "field: what is wrong" a person can find in the file. */
import type { z } from 'zod';

/** The first problem, as "path: message", e.g. `stacks[0].changes[1].action: Invalid option`. */
export function firstSchemaIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  const at = issue.path
    .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
    .join('')
    .replace(/^\./, '');
  return `${at || '(top level)'}: ${issue.message}`;
}
