/**
 * Errors as values: every failure a user can cause or meet has a kind, a subject
 * (stack, address, field) and a message that says what to do. The CLI prints
 * `error.message` on one line, then `body` (output a user's program wrote, kept as it was
 * written) indented under it, and exits 1.
 */
export type ErrorKind =
  | 'config' // malformed or unsupported synth output / cdktf.json
  | 'validation' // a value breaks an API rule
  | 'state' // corrupt, future-version or mismatched state
  | 'lock' // state lock held by someone else
  | 'plan-file' // saved plan unreadable, tampered, unsigned or stale
  | 'usage' // bad command-line input
  | 'aws' // an AWS call failed in a way the user must act on
  | 'apply'; // an apply step failed

export interface ErrorSubject {
  stack?: string;
  address?: string;
  field?: string;
}

export class BedrockPtError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
    readonly subject: ErrorSubject = {},
    options?: { cause?: unknown; body?: string },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'BedrockPtError';
    this.body = options?.body;
  }

  /** Multi-line detail shown as-is under the one-line message, e.g. a failing app's report. */
  readonly body?: string;
}

/** Prefix "stack/address" (or just the stack) so one line says where the problem is. */
export function where(subject: ErrorSubject): string {
  const at = stackAddress(subject);
  return subject.field ? `${at}${at ? ' ' : ''}${subject.field}` : at;
}

/**
 * An error's message for a place that already names `subject` (a per-resource summary line,
 * a progress row): the message's own leading "stack/address: " is dropped, so the location is
 * printed once.
 */
export function messageWithoutLocation(err: unknown, subject: ErrorSubject): string {
  const message = err instanceof Error ? err.message : String(err);
  const at = stackAddress(subject);
  return at && message.startsWith(`${at}: `) ? message.slice(at.length + 2) : message;
}

function stackAddress(subject: ErrorSubject): string {
  return [subject.stack, subject.address].filter((p): p is string => !!p).join('/');
}
