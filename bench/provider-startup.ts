/**
 * Provider start-up as Terraform pays it, three or four times per command: spawn the bundled
 * provider with Terraform's environment (magic cookie, protocol versions, a client certificate
 * for automatic mutual TLS), time to the go-plugin handshake line on stdout, then connect over
 * the socket it names and time to the first GetProviderSchema answer. Medians over the runs.
 */
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { loadProtocolClients } from '../src/provider/protocol/descriptor';
import { MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE } from '../src/provider/protocol/serve';
import { makeLocalhostCertificate, type LocalhostCertificate } from '../src/provider/protocol/tls';
import { repoRoot } from './e2e';
import { round } from './harness';

export interface StartupResult {
  runs: number;
  handshakeMs: { median: number; min: number; max: number };
  firstSchemaMs: { median: number; min: number; max: number };
  /** `node -e ''` to exit on the same machine at the same time: what the runtime alone costs. */
  bareNodeMs: { median: number; min: number; max: number };
}

function bareNode(): Promise<number> {
  const started = process.hrtime.bigint();
  return new Promise((resolve) =>
    spawn(process.execPath, ['-e', ''], { stdio: 'ignore' }).on('exit', () => resolve(Number(process.hrtime.bigint() - started) / 1e6)),
  );
}

function pemFromHandshake(base64NoPadding: string): string {
  const padded = base64NoPadding + '='.repeat((4 - (base64NoPadding.length % 4)) % 4);
  return `-----BEGIN CERTIFICATE-----\n${padded.match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE-----\n`;
}

function schemaCall(provider: any): Promise<void> {
  return new Promise((resolve, reject) =>
    provider.GetProviderSchema({}, { deadline: Date.now() + 30_000 }, (err: Error | null) => (err ? reject(err) : resolve())),
  );
}

/** Starts `argv` as Terraform starts a provider (`extraEnv` added) and times the handshake and the first schema answer. */
export async function startOnce(
  argv: string[],
  client: LocalhostCertificate,
  pkg: any,
  extraEnv: NodeJS.ProcessEnv = {},
): Promise<{ handshakeMs: number; firstSchemaMs: number }> {
  const started = process.hrtime.bigint();
  const elapsed = () => Number(process.hrtime.bigint() - started) / 1e6;
  const child = spawn(argv[0], argv.slice(1), {
    env: {
      PATH: process.env.PATH,
      ...extraEnv,
      [MAGIC_COOKIE_KEY]: MAGIC_COOKIE_VALUE,
      PLUGIN_PROTOCOL_VERSIONS: '5,6',
      PLUGIN_MIN_PORT: '10000',
      PLUGIN_MAX_PORT: '25000',
      PLUGIN_CLIENT_CERT: client.certPem,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    const line = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk) => {
        out += chunk;
        if (out.includes('\n')) resolve(out.slice(0, out.indexOf('\n')));
      });
      child.on('exit', (code) => reject(new Error(`provider exited (${code}) before the handshake`)));
    });
    const handshakeMs = elapsed();
    const fields = line.split('|');
    const credentials = grpc.credentials.createSsl(Buffer.from(pemFromHandshake(fields[5])), Buffer.from(client.keyPem), Buffer.from(client.certPem));
    const provider = new pkg.provider(`unix://${fields[3]}`, credentials, {
      'grpc.ssl_target_name_override': 'localhost',
      'grpc.default_authority': 'localhost',
    });
    await schemaCall(provider);
    const firstSchemaMs = elapsed();
    provider.close();
    return { handshakeMs, firstSchemaMs };
  } finally {
    child.kill('SIGKILL');
  }
}

export function spread(values: number[]) {
  const s = [...values].sort((a, b) => a - b);
  return { median: round(s[Math.floor(s.length / 2)], 1), min: round(s[0], 1), max: round(s[s.length - 1], 1) };
}

export async function runProviderStartupBench(runs: number): Promise<StartupResult> {
  const bundle = path.join(repoRoot(), 'dist/provider/terraform-provider-bedrockpt.js');
  const client = makeLocalhostCertificate();
  const pkg = loadProtocolClients();
  const samples: Array<{ handshakeMs: number; firstSchemaMs: number }> = [];
  const bare: number[] = [];
  for (let i = 0; i < runs; i++) {
    samples.push(await startOnce([process.execPath, bundle], client, pkg));
    bare.push(await bareNode());
  }
  return {
    runs,
    handshakeMs: spread(samples.map((s) => s.handshakeMs)),
    firstSchemaMs: spread(samples.map((s) => s.firstSchemaMs)),
    bareNodeMs: spread(bare),
  };
}
