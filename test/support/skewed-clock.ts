/**
 * Preloaded into a CLI child process (`NODE_OPTIONS=--require …/skewed-clock.js`) to give it a
 * machine clock that is off by BEDROCK_PT_TEST_CLOCK_SKEW_MS: `Date.now()` and `new Date()` run
 * that far ahead (or behind) of the real clock, which the emulator (standing in for Bedrock) keeps.
 */
const skewMs = Number(process.env.BEDROCK_PT_TEST_CLOCK_SKEW_MS ?? 0);
const RealDate = Date;

class SkewedDate extends RealDate {
  constructor(...args: unknown[]) {
    if (args.length === 0) super(RealDate.now() + skewMs);
    else super(...(args as [string]));
  }

  static override now(): number {
    return RealDate.now() + skewMs;
  }
}

globalThis.Date = SkewedDate as DateConstructor;
