/** The provider executable as a go-plugin process: handshake, mutual TLS, side services, exit. */
import { execFile, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { makeLocalhostCertificate, type LocalhostCertificate } from '../../src/provider/protocol/tls';
import { BUNDLE, call, connect, startPlugin, TERRAFORM_ENV, type PluginProcess } from './plugin-process';

const running: PluginProcess[] = [];
function start(env: NodeJS.ProcessEnv): PluginProcess {
  const plugin = startPlugin(env);
  running.push(plugin);
  return plugin;
}
afterEach(() => {
  for (const plugin of running.splice(0)) if (plugin.child.exitCode === null) plugin.child.kill('SIGKILL');
});

function runByHand(env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) =>
    execFile(process.execPath, [BUNDLE], { env: { PATH: process.env.PATH, ...env }, timeout: 20_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout: String(stdout), stderr: String(stderr) }),
    ),
  );
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

let clientCert: LocalhostCertificate;
beforeAll(async () => {
  clientCert = makeLocalhostCertificate();
});

describe('the provider executable', () => {
  it('tells a person who runs it by hand what it is, on stderr, and exits 1', async () => {
    const result = await runByHand({});
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('Terraform starts it itself; it is not meant to be run by hand');
    expect(result.stderr).toContain('bedrock-pt provider install');
  });

  it('refuses a Terraform that offers only plugin protocol 5', async () => {
    const result = await runByHand({ ...TERRAFORM_ENV, PLUGIN_PROTOCOL_VERSIONS: '5', TF_DISABLE_PLUGIN_TLS: '1' });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('speaks only version 6');
  });

  it('prints nothing on stdout before the handshake line, which has five fields without TLS', async () => {
    const plugin = start({ ...TERRAFORM_ENV, TF_DISABLE_PLUGIN_TLS: '1' });
    const handshake = await plugin.handshake;
    expect(handshake.stdoutBefore).toBe(`${handshake.line}\n`);
    expect(handshake.fields).toEqual(['1', '6', 'unix', expect.stringMatching(/plugin\.sock$/), 'grpc']);
    expect(fs.statSync(handshake.socketPath).isSocket()).toBe(true);
  });

  it("serves over mutual TLS with a certificate for localhost and requires Terraform's client certificate", async () => {
    const plugin = start({ ...TERRAFORM_ENV, PLUGIN_CLIENT_CERT: clientCert.certPem });
    const handshake = await plugin.handshake;
    expect(handshake.fields).toHaveLength(6);
    expect(handshake.fields[5]).not.toMatch(/=$/);
    const cert = new (await import('node:crypto')).X509Certificate(handshake.serverCertPem!);
    expect(cert.checkHost('localhost')).toBe('localhost');
    expect(cert.ca).toBe(true);

    const trusted = connect(handshake, clientCert);
    const schema = await call(trusted.provider, 'GetProviderSchema');
    expect(schema.server_capabilities).toEqual(expect.objectContaining({ plan_destroy: true, move_resource_state: true }));
    trusted.close();

    const stranger = connect(handshake, makeLocalhostCertificate());
    await expect(call(stranger.provider, 'GetProviderSchema', {}, 3000)).rejects.toThrow();
    stranger.close();
    const plain = connect({ ...handshake, serverCertPem: undefined });
    await expect(call(plain.provider, 'GetProviderSchema', {}, 3000)).rejects.toThrow();
    plain.close();
  });

  it('answers the health check go-plugin asks of non-Go plugins, and StopProvider', async () => {
    const plugin = start({ ...TERRAFORM_ENV, TF_DISABLE_PLUGIN_TLS: '1' });
    const clients = connect(await plugin.handshake);
    expect(await call(clients.health, 'Check', { service: 'plugin' })).toEqual({ status: 'SERVING' });
    expect(await call(clients.provider, 'StopProvider')).toEqual({ Error: '' });
    clients.close();
  });

  it('logs each call with its time at TF_LOG=debug, for Terraform to file under the provider, and no such line otherwise', async () => {
    const callLines = async (env: NodeJS.ProcessEnv) => {
      const plugin = start({ ...TERRAFORM_ENV, TF_DISABLE_PLUGIN_TLS: '1', ...env });
      const clients = connect(await plugin.handshake);
      await call(clients.provider, 'GetProviderSchema');
      await call(clients.provider, 'ConfigureProvider', {});
      clients.close();
      plugin.child.kill('SIGTERM');
      const { stderr } = await plugin.exited;
      return stderr
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>);
    };
    const debug = await callLines({ TF_LOG: 'DEBUG' });
    expect(debug).toContainEqual(
      expect.objectContaining({
        '@level': 'debug',
        '@module': 'bedrockpt',
        rpc: 'GetProviderSchema',
        elapsed_ms: expect.any(Number),
        '@message': expect.stringMatching(/^GetProviderSchema answered in [\d.]+ ms$/),
      }),
    );
    expect(debug).toContainEqual(expect.objectContaining({ '@level': 'debug', '@message': expect.stringMatching(/^resources loaded in \d+ ms$/) }));
    const quiet = await callLines({});
    expect(quiet.filter((line) => 'rpc' in line || /resources loaded/.test(String(line['@message'])))).toEqual([]);
  });

  it('exits promptly on GRPCController/Shutdown, closing its streams and removing its socket', async () => {
    const plugin = start({ ...TERRAFORM_ENV, TF_DISABLE_PLUGIN_TLS: '1' });
    const handshake = await plugin.handshake;
    const clients = connect(handshake);
    const stdio = clients.stdio.StreamStdio({});
    const stdioEnded = new Promise<void>((resolve) => {
      stdio.on('end', resolve);
      stdio.on('error', () => resolve());
    });
    stdio.on('data', () => undefined);
    const broker = clients.broker.StartStream();
    broker.on('data', () => undefined);
    broker.on('error', () => undefined);
    const askedAt = Date.now();
    await call(clients.controller, 'Shutdown');
    // Terraform kills a plugin still running 2 s after Shutdown; wait a little longer than that.
    const exit = await Promise.race([plugin.exited, new Promise<{ code: string }>((resolve) => setTimeout(() => resolve({ code: 'still running' }), 5000))]);
    const tookMs = Date.now() - askedAt;
    await stdioEnded;
    clients.close();
    expect(exit.code).toBe(0);
    expect(tookMs).toBeLessThan(2000);
    expect(fs.existsSync(handshake.socketPath)).toBe(false);
  });

  it('exits by itself when Terraform, its parent, is killed', async () => {
    // A shell stands in for Terraform: it starts the provider, prints its pid, and is then killed.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bedrockpt-parent-'));
    const handshakeFile = path.join(dir, 'stdout');
    fs.writeFileSync(handshakeFile, '');
    const shell = spawn('sh', ['-c', `"${process.execPath}" "${BUNDLE}" >"${handshakeFile}" 2>/dev/null & echo $!; wait`], {
      env: { PATH: process.env.PATH, ...TERRAFORM_ENV, TF_DISABLE_PLUGIN_TLS: '1' },
    });
    const pid = await new Promise<number>((resolve) => shell.stdout.once('data', (chunk) => resolve(Number(String(chunk).trim()))));
    try {
      await waitFor(() => fs.readFileSync(handshakeFile, 'utf8').includes('\n') || !alive(pid), 30_000);
      expect(alive(pid)).toBe(true);
      shell.kill('SIGKILL');
      await waitFor(() => !alive(pid), 10_000);
      expect(alive(pid)).toBe(false);
    } finally {
      // Whatever failed, leave no provider (or shell) behind to keep jest waiting.
      shell.kill('SIGKILL');
      if (alive(pid)) process.kill(pid, 'SIGKILL');
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('reaches the handshake quickly (median of 10 starts, printed for the record)', async () => {
    const times: number[] = [];
    for (let i = 0; i < 10; i++) {
      const plugin = start({ ...TERRAFORM_ENV, PLUGIN_CLIENT_CERT: clientCert.certPem });
      times.push((await plugin.handshake).elapsedMs);
      plugin.child.kill('SIGTERM');
      await plugin.exited;
    }
    const baseline: number[] = [];
    for (let i = 0; i < 10; i++) {
      const startedAt = process.hrtime.bigint();
      await new Promise((resolve) => execFile(process.execPath, ['-e', '0'], resolve));
      baseline.push(Number(process.hrtime.bigint() - startedAt) / 1e6);
    }
    process.stderr.write(
      `provider start-up to handshake (TLS): median ${median(times).toFixed(0)} ms of 10 (node -e 0: median ${median(baseline).toFixed(0)} ms)\n`,
    );
    expect(times).toHaveLength(10);
  }, 120_000);
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return !fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.startsWith('Z');
  } catch {
    return false;
  }
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
}
