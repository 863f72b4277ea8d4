/**
 * Logs go to stderr only (stdout belongs to the handshake), one hclog-style JSON line each, so
 * Terraform files them under the provider's name at the right level in TF_LOG output.
 */
export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error';

export function log(level: LogLevel, message: string, fields: Record<string, unknown> = {}): void {
  process.stderr.write(
    `${JSON.stringify({ '@level': level, '@message': message, '@module': 'bedrockpt', '@timestamp': hclogTimestamp(new Date()), ...fields })}\n`,
  );
}

/** hclog's JSON timestamp has microseconds; go-plugin logs a line it cannot parse as raw text. */
function hclogTimestamp(at: Date): string {
  return at.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/**
 * True when Terraform's log level for providers (TF_LOG_PROVIDER, else TF_LOG) shows debug lines.
 * Lines below the level Terraform drops anyway; the per-call ones are left out unless shown.
 */
export function debugLogged(env: NodeJS.ProcessEnv = process.env): boolean {
  const level = (env.TF_LOG_PROVIDER || env.TF_LOG || '').toLowerCase();
  return level === 'debug' || level === 'trace' || level === 'json';
}
