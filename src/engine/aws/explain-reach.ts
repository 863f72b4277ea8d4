/**
 * Messages for the two failures that happen before Bedrock says anything: no credentials, and an
 * endpoint that never answers. Both say where the tool looked and what to change, from the
 * context the client recorded on the error (reach.ts), in the words of the door the call came
 * through: a cdktf stack's provider block for the CLI, the provider block for Terraform.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { callContextOf, isNoAnswer, type CallContext } from './reach';
import { closestProfile } from './profiles';

const SERVICE_NAME = { bedrock: 'Bedrock', sts: 'STS', servicequotas: 'Service Quotas' } as const;

/** The message for a call that never reached AWS, or undefined when the error is an answer from it. */
export function explainUnreached(err: unknown, action: string, stack: string | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const context = callContextOf(err);
  if (!context) return undefined;
  if ((err as Error)?.name === 'CredentialsProviderError') return noCredentials(context, stack, env);
  if (isNoAnswer(err)) return noAnswer(err as Error, context, action, stack);
  return undefined;
}

/** "the provider block" on either door; on the CLI, of which stack. */
function providerBlock(context: CallContext, stack: string | undefined): string {
  return context.door === 'cli' && stack ? `the provider block of stack ${stack}` : 'the provider block';
}

function noAnswer(err: Error, context: CallContext, action: string, stack: string | undefined): string {
  const { url, from } = context.endpoint;
  const service = SERVICE_NAME[context.service];
  const key = context.service;
  const origin =
    from === 'provider'
      ? `set by endpoints { ${key} = ... } in ${providerBlock(context, stack)}`
      : from === 'default'
        ? 'the default regional endpoint'
        : `set by ${from}`;
  const correct =
    from === 'provider'
      ? `correct or remove endpoints.${key} in the provider block${context.door === 'cli' ? ' and synthesize again' : ''}`
      : from === 'default'
        ? 'check the network (proxy, firewall, VPC endpoint) and the provider region'
        : `correct or unset ${from}`;
  const emulator = emulatorCommand(url, err);
  const fix = emulator ? `is the emulator running? Start it with \`${emulator}\`; otherwise ${correct}` : correct;
  const tries = context.attempts ? `${context.attempts} attempt${context.attempts === 1 ? '' : 's'}` : 'trying';
  const reason = (err.message ?? '')
    .replace(/^@smithy\/node-http-handler - (\[ERROR\] )?/, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\.$/, '');
  const seconds = (context.elapsedMs / 1000).toFixed(1);
  return `cannot reach the ${service} endpoint ${url} (${origin}) for ${action}: ${reason}; gave up after ${tries} in ${seconds}s. To fix: ${fix}`;
}

/**
 * A refused connection to this machine is, with bedrock-pt, most often the local emulator not
 * running: the command that serves that very URL. Undefined for any other endpoint or failure.
 */
function emulatorCommand(url: string, err: Error): string | undefined {
  if ((err as { code?: string }).code !== 'ECONNREFUSED') return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  const loopback = host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
  if (!loopback || parsed.protocol !== 'http:') return undefined;
  const port = parsed.port || '80';
  // The emulator binds 127.0.0.1 unless told otherwise; other loopback addresses need --host.
  const hostFlag = host === '127.0.0.1' || host === 'localhost' ? '' : ` --host ${host}`;
  return `bedrock-pt emulator --port ${port}${hostFlag}`;
}

function sharedFiles(env: NodeJS.ProcessEnv): string {
  const credentials = env.AWS_SHARED_CREDENTIALS_FILE
    ? `${env.AWS_SHARED_CREDENTIALS_FILE} (AWS_SHARED_CREDENTIALS_FILE)`
    : path.join(os.homedir(), '.aws', 'credentials');
  const config = env.AWS_CONFIG_FILE ? `${env.AWS_CONFIG_FILE} (AWS_CONFIG_FILE)` : path.join(os.homedir(), '.aws', 'config');
  return `${credentials} and ${config}`;
}

function noCredentials(context: CallContext, stack: string | undefined, env: NodeJS.ProcessEnv): string {
  const files = sharedFiles(env);
  const profile = context.profile ?? env.AWS_PROFILE;
  if (profile) {
    const namedBy = context.profile ? `${providerBlock(context, stack)} names` : 'AWS_PROFILE names';
    const close = context.profile ? closestProfile(profile, context.knownProfiles ?? []) : undefined;
    const meant = close
      ? ` Did you mean "${close}"? Those files define it; name it in the provider block${context.door === 'cli' ? ' and synthesize again' : ''}.`
      : '';
    return (
      `no AWS credentials for profile "${profile}", which ${namedBy}: looked it up in ${files}.${meant} ` +
      `To fix: run aws configure --profile ${profile} (access keys) or aws sso login --profile ${profile} (an SSO profile); ` +
      `AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY are not used while a profile is named`
    );
  }
  const set = (name: string) => `${name} ${env[name] ? 'set' : 'not set'}`;
  return (
    `no AWS credentials: the provider block names no profile, and the default chain found none — ` +
    `environment (${set('AWS_ACCESS_KEY_ID')}, ${set('AWS_SECRET_ACCESS_KEY')}), the profile "default" in ${files}, ` +
    `web identity (${set('AWS_WEB_IDENTITY_TOKEN_FILE')}), container and instance metadata. ` +
    'To fix: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, set AWS_PROFILE, run aws configure, or name a profile in the provider block'
  );
}
