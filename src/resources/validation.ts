/**
 * App-wide validation. cdktf 0.21's (and CDK Terrain's) `app.synth()` validates one stack at a time and throws
 * at the first stack with errors (after writing earlier stacks' output), so a user would
 * fix one environment per run. These helpers gather every error of every stack first.
 */
import type { IConstruct } from 'constructs';
import { BedrockPtError } from '../engine/errors';

/** Every validation error in the construct tree, each prefixed with its construct path. */
export function collectValidationErrors(scope: IConstruct): string[] {
  return scope.node.findAll().flatMap((c) => c.node.validate().map((message) => `${c.node.path || '<app>'}: ${message}`));
}

/** A cdktf or cdktn `App`: the two libraries' classes are alike but not assignable to each other. */
export type SynthesizableApp = IConstruct & { synth(): void };

/** Every error of the app, one per line, under a sentence that says nothing was written. */
export class AppValidationError extends BedrockPtError {
  constructor(readonly problems: string[]) {
    const count = problems.length === 1 ? 'an invalid value' : `${problems.length} invalid values`;
    super(
      'validation',
      `This app has ${count}, so nothing was synthesized. Fix ${problems.length === 1 ? 'it' : 'each'} and run again:\n  ${problems.join('\n  ')}`,
    );
    this.name = 'AppValidationError';
  }
}

/** Throws AppValidationError with every error of every stack; for code that handles the report itself. */
export function validateApp(app: SynthesizableApp): void {
  const problems = collectValidationErrors(app);
  if (problems.length > 0) throw new AppValidationError(problems);
}

/**
 * An app's entry point: validates every PT of every stack together, then synthesizes. When a
 * value is invalid it writes nothing, prints each problem once (construct path, field, value,
 * rule) on stderr and sets exit code 1 — no stack trace, since the fix is in the values, not
 * the code. cdktf-cli, cdktn-cli and bedrock-pt show that output as the synth failure. Any other
 * error is thrown as it is: that one is a bug and its stack helps.
 */
export function synthApp(app: SynthesizableApp): void {
  try {
    validateApp(app);
  } catch (error) {
    if (!(error instanceof AppValidationError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 1;
    return;
  }
  app.synth();
}

/** Kept for apps written against earlier versions: `synthApp(build())`. */
export function synthOrExit(build: () => SynthesizableApp): void {
  try {
    synthApp(build());
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
}
