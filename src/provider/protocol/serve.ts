/**
 * The provider process as go-plugin expects it: check the magic cookie, listen on a unix socket
 * in a private temp dir (mutual TLS unless Terraform turned it off), print the one handshake line
 * on stdout, serve until Shutdown or until Terraform is gone, then remove the socket and exit.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import type { ProviderImpl } from '../contract';
import { loadProtocol } from './descriptor';
import { sideServices } from './go-plugin-services';
import { log } from './log';
import { providerHandlers } from './provider-service';
import { makeLocalhostCertificate, mutualTlsCredentials } from './tls';

export const MAGIC_COOKIE_KEY = 'TF_PLUGIN_MAGIC_COOKIE';
export const MAGIC_COOKIE_VALUE = 'd602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2';
const CORE_PROTOCOL_VERSION = 1;
const APP_PROTOCOL_VERSION = 6;
/** How often to check that Terraform, the parent process, is still there. */
const PARENT_POLL_MS = 500;
const SHUTDOWN_GRACE_MS = 500;

export const NOT_BY_HAND =
  'This is the bedrockpt Terraform provider (bedrock-pt/bedrockpt). Terraform starts it itself; it is not meant to be run by hand.\n' +
  'Install it with `bedrock-pt provider install`, declare `bedrockpt = { source = "bedrock-pt/bedrockpt" }` in required_providers, and run `terraform init`.\n';

export interface RunningProvider {
  /** Resolves when the process has been told to stop (Shutdown, SIGTERM, parent gone), after clean-up. */
  done: Promise<void>;
}

/** Checks the environment Terraform starts a plugin with; a message for stderr when it is not that. */
export function handshakeRefusal(env: NodeJS.ProcessEnv): string | undefined {
  if (env[MAGIC_COOKIE_KEY] !== MAGIC_COOKIE_VALUE) return NOT_BY_HAND;
  const offered = env.PLUGIN_PROTOCOL_VERSIONS;
  if (
    offered &&
    !offered
      .split(',')
      .map((v) => v.trim())
      .includes(String(APP_PROTOCOL_VERSION))
  ) {
    return `bedrockpt provider: Terraform offers plugin protocol versions ${offered}, but this provider speaks only version ${APP_PROTOCOL_VERSION} (Terraform 1.0 or newer).\n`;
  }
  return undefined;
}

function tlsDisabled(env: NodeJS.ProcessEnv): boolean {
  return !!env.TF_DISABLE_PLUGIN_TLS || !env.PLUGIN_CLIENT_CERT;
}

export async function serveProvider(impl: ProviderImpl, env: NodeJS.ProcessEnv = process.env): Promise<RunningProvider> {
  const protocol = loadProtocol();
  const socketDir = fs.mkdtempSync(path.join(env.PLUGIN_UNIX_SOCKET_DIR || os.tmpdir(), 'bedrockpt-plugin-'));
  const socketPath = path.join(socketDir, 'plugin.sock');
  const server = new grpc.Server();

  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  let stopping = false;
  let watchdog: NodeJS.Timeout | undefined;
  const stop = (reason: string): void => {
    if (stopping) return;
    stopping = true;
    log('debug', `stopping: ${reason}`);
    clearInterval(watchdog);
    side.endStreams();
    const closed = (): void => {
      clearTimeout(cutOff);
      fs.rmSync(socketDir, { recursive: true, force: true });
      finish();
    };
    // Answers already under way (Shutdown's own) are let out; past the grace period calls are cut,
    // as Terraform kills a plugin that has not exited 2 s after Shutdown anyway.
    const cutOff = setTimeout(() => {
      server.forceShutdown();
      closed();
    }, SHUTDOWN_GRACE_MS);
    server.tryShutdown(closed);
  };

  const side = sideServices(() => stop('Shutdown'));
  server.addService(protocol.provider, providerHandlers(impl));
  server.addService(protocol.stdio, side.stdio);
  server.addService(protocol.broker, side.broker);
  server.addService(protocol.controller, side.controller);
  server.addService(protocol.health, side.health);

  const tls = tlsDisabled(env) ? undefined : makeLocalhostCertificate();
  const credentials = tls ? mutualTlsCredentials(tls, env.PLUGIN_CLIENT_CERT as string) : grpc.ServerCredentials.createInsecure();
  try {
    await new Promise<void>((resolve, reject) => server.bindAsync(`unix://${socketPath}`, credentials, (err) => (err ? reject(err) : resolve())));
  } catch (err) {
    fs.rmSync(socketDir, { recursive: true, force: true });
    throw err;
  }

  const fields = [CORE_PROTOCOL_VERSION, APP_PROTOCOL_VERSION, 'unix', socketPath, 'grpc', ...(tls ? [tls.handshakeField] : [])];
  process.stdout.write(`${fields.join('|')}\n`);
  log('info', 'provider started', { socket: socketPath, tls: !!tls });

  // Terraform may be killed without calling Shutdown; the process then belongs to another parent.
  const parent = process.ppid;
  watchdog = setInterval(() => {
    if (process.ppid !== parent) stop(`parent process ${parent} is gone`);
  }, PARENT_POLL_MS);
  watchdog.unref();
  // Ctrl-C reaches the whole process group; Terraform answers it with StopProvider, so go-plugin
  // plugins ignore the signal itself rather than die in the middle of a call.
  process.on('SIGINT', () => log('debug', 'SIGINT ignored: Terraform stops the provider with StopProvider'));
  process.once('SIGTERM', () => stop('SIGTERM'));
  return { done };
}
