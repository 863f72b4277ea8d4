/** The streams a view writes to, injected so a test can hand it buffers. */
export interface ViewStreams {
  out: { write(s: string): boolean; isTTY?: boolean };
  err: { write(s: string): boolean; isTTY?: boolean };
}

export function processStreams(): ViewStreams {
  return { out: process.stdout, err: process.stderr };
}

/** Where the live apply progress goes when the view prints its own progress lines instead. */
export const DISCARD: ViewStreams['out'] = { write: () => true, isTTY: false };
