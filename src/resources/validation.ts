/**
 * App-wide validation. cdktf 0.21's (and CDK Terrain's) `app.synth()` validates one stack at a time and throws
 * at the first stack with errors (after writing earlier stacks' output), so a user would
 * fix one environment per run. These helpers gather every error of every stack first.
 */
import type { IConstruct } from 'constructs';
import { BedrockPtError } from '../engine/errors';

/** Every validation error in the construct tree, each prefixed with its construct path. */
export function collectValidationErrors(scope: IConstruct): string[] {
  return scope.node
    .findAll()
    .flatMap((c) => c.node.validate().map((message) => `${c.node.path || '<app>'}: ${message}`));
}

/** A cdktf or cdktn `App`: the two libraries' classes are alike but not assignable to each other. */
export type SynthesizableApp = IConstruct & { synth(): void };

/** Thrown by `synthApp` with every error of the app, one per line. */
export class AppValidationError extends BedrockPtError {
  constructor(readonly problems: string[]) {
    super('validation', `${problems.length} validation error(s):\n  ${problems.join('\n  ')}`);
    this.name = 'AppValidationError';
  }
}

/** Validate all stacks together, then synthesize; nothing is written when any value is invalid. */
export function synthApp(app: SynthesizableApp): void {
  const problems = collectValidationErrors(app);
  if (problems.length > 0) throw new AppValidationError(problems);
  app.synth();
}

/**
 * The body of an app's entry point: build, validate and synthesize, or print every error on
 * one stderr block and set exit code 1 (cdktf-cli, cdktn-cli and bedrock-pt show it as the synth failure).
 */
export function synthOrExit(build: () => SynthesizableApp): void {
  try {
    synthApp(build());
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
}
