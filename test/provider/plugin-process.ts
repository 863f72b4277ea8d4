/**
 * Plays go-plugin's host against the bundled provider executable: starts it as Terraform does,
 * reads the handshake line, and connects a gRPC client (with a client certificate, as Terraform's
 * automatic mutual TLS does) to the socket it names.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { loadProtocolClients } from '../../src/provider/protocol/descriptor';
import { MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE } from '../../src/provider/protocol/serve';
import type { LocalhostCertificate } from '../../src/provider/protocol/tls';
import { ROOT } from '../e2e/harness';

/** Built by `npm run build` (src/provider/bundle.ts). */
export const BUNDLE = path.join(ROOT, 'dist/provider/terraform-provider-bedrockpt.js');

export const TERRAFORM_ENV = { [MAGIC_COOKIE_KEY]: MAGIC_COOKIE_VALUE, PLUGIN_PROTOCOL_VERSIONS: '5,6', PLUGIN_MIN_PORT: '10000', PLUGIN_MAX_PORT: '25000' };

export interface Handshake {
  line: string;
  /** Everything the process wrote to stdout up to and including the handshake line. */
  stdoutBefore: string;
  fields: string[];
  socketPath: string;
  serverCertPem?: string;
  /** Milliseconds from spawn to the handshake line. */
  elapsedMs: number;
}

export interface PluginProcess {
  child: ChildProcessWithoutNullStreams;
  handshake: Promise<Handshake>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

export function startPlugin(env: NodeJS.ProcessEnv): PluginProcess {
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, [BUNDLE], { env: { PATH: process.env.PATH, ...env } });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, stderr })),
  );
  const handshake = new Promise<Handshake>((resolve, reject) => {
    let seen = false;
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      const end = stdout.indexOf('\n');
      if (seen || end < 0) return;
      seen = true;
      const line = stdout.slice(0, end);
      const fields = line.split('|');
      resolve({
        line,
        stdoutBefore: stdout.slice(0, end + 1),
        fields,
        socketPath: fields[3],
        serverCertPem: fields[5] ? derToPem(fields[5]) : undefined,
        elapsedMs: Number(process.hrtime.bigint() - started) / 1e6,
      });
    });
    exited.then(({ code }) => reject(new Error(`provider exited (${code}) before the handshake: ${stderr}`)));
  });
  handshake.catch(() => undefined);
  return { child, handshake, exited };
}

function derToPem(base64NoPadding: string): string {
  const padded = base64NoPadding + '='.repeat((4 - (base64NoPadding.length % 4)) % 4);
  return `-----BEGIN CERTIFICATE-----\n${padded.match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE-----\n`;
}

export interface PluginClients {
  provider: any;
  controller: any;
  broker: any;
  stdio: any;
  health: any;
  close(): void;
}

/** gRPC clients on the handshake's socket; with `client`, over mutual TLS for the name localhost. */
export function connect(handshake: Handshake, client?: LocalhostCertificate): PluginClients {
  const pkg = loadProtocolClients();
  const credentials =
    client && handshake.serverCertPem
      ? grpc.credentials.createSsl(Buffer.from(handshake.serverCertPem), Buffer.from(client.keyPem), Buffer.from(client.certPem))
      : grpc.credentials.createInsecure();
  const address = `unix://${handshake.socketPath}`;
  const options = { 'grpc.ssl_target_name_override': 'localhost', 'grpc.default_authority': 'localhost' };
  const clients = {
    provider: new pkg.provider(address, credentials, options),
    controller: new pkg.controller(address, credentials, options),
    broker: new pkg.broker(address, credentials, options),
    stdio: new pkg.stdio(address, credentials, options),
    health: new pkg.health(address, credentials, options),
  };
  return { ...clients, close: () => Object.values(clients).forEach((c) => c.close()) };
}

/** Promise form of a unary call with a deadline. */
export function call<T = any>(client: any, method: string, request: unknown = {}, timeoutMs = 10_000): Promise<T> {
  return new Promise((resolve, reject) => {
    client[method](request, { deadline: Date.now() + timeoutMs }, (err: Error | null, response: T) => (err ? reject(err) : resolve(response)));
  });
}
