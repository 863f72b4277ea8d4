/** A "stack/address: " (or "stack: ") prefix directly followed by the same prefix again. */
const REPEATED = /(?:^|\s)([\w.-]+(?:\/[\w.-]+)?): \1:/m;

/** Fails when the output names the same location twice in a row ("dev/x: dev/x: …"). */
export function expectNoRepeatedLocation(output: string): void {
  expect(output.match(REPEATED)?.[0] ?? null).toBeNull();
}
