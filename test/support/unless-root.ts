/**
 * Root ignores permission bits, so a test of "cannot write there" needs an ordinary user. As root
 * the test is skipped, and its title in jest's report says why, instead of passing silently.
 */
export const RUNS_AS_ROOT = process.getuid?.() === 0;

export function itUnlessRoot(name: string, fn: jest.ProvidesCallback, timeout?: number): void {
  if (!RUNS_AS_ROOT) return it(name, fn, timeout);
  const why = 'needs a non-root user: root writes through permission bits';
  process.stderr.write(`skipped: "${name}" (${expect.getState().testPath ?? 'test'}): ${why}\n`);
  it.skip(`${name} [skipped: ${why}]`, fn, timeout);
}
