/**
 * A saved plan, a PR comment and a JSON plan are all shared widely (CI
 * artifacts, pull requests). None may carry a credential, so every writer
 * checks its output against the credential values set in the environment.
 */
import { BedrockPtError } from '../errors';

/** Environment variables whose values must never be written out. */
export const SECRET_ENV_VARS = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_SECURITY_TOKEN', 'BEDROCK_PT_PLAN_KEY'] as const;

/** Shorter values are too likely to match ordinary text (e.g. "test") to count as leaks. */
const MIN_SECRET_LENGTH = 8;

/**
 * Refuses (throws a 'plan-file' error) when `text` contains the value of a
 * credential environment variable. Refusing instead of scrubbing keeps a
 * written plan identical to the plan that was reviewed.
 */
export function assertNoSecrets(text: string, what: string, env: NodeJS.ProcessEnv = process.env): void {
  for (const name of SECRET_ENV_VARS) {
    const value = env[name];
    if (value && value.length >= MIN_SECRET_LENGTH && text.includes(value)) {
      throw new BedrockPtError(
        'plan-file',
        `refusing to write ${what}: it would contain the value of ${name}; remove that value from configuration and tags, then plan again`,
      );
    }
  }
}
