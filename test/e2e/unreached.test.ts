/**
 * Failures before AWS answers, through the CLI: an endpoint that refuses or never answers says
 * which URL, where it came from, how many attempts and how long — in seconds, not after 20 s of
 * silence; missing credentials name the profile and where it was looked up. Nothing is sent.
 */
import * as net from 'node:net';
import { cli, closedPort, emulatorPerFile, mutatingCalls, writeDevWithProvider } from './harness';

const shared = emulatorPerFile();

const writeDev = (edit: (provider: Record<string, unknown>) => void) => writeDevWithProvider(shared.project, edit);

async function plan(env: NodeJS.ProcessEnv = {}) {
  const started = Date.now();
  const result = await cli(['plan', '--stack', 'dev', '--synth-dir', shared.project.synthDir], {
    cwd: shared.project.dir,
    env: { ...shared.project.env, AWS_EC2_METADATA_DISABLED: 'true', ...env },
  });
  return { ...result, elapsedMs: Date.now() - started };
}

/** A server that accepts connections and never answers, like a wrong port behind a firewall that lets SYNs in. */
async function blackHole(): Promise<{ url: string; close: () => Promise<void> }> {
  const sockets: net.Socket[] = [];
  const server = net.createServer((socket) => sockets.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

const SECONDS = /gave up after 3 attempts in (\d+\.\d)s\./;

describe('an endpoint that does not answer', () => {
  it('refused: names the URL from the provider block, the attempts and the seconds, within a few seconds', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    writeDev((p) => (p.endpoints = [{ bedrock: url, sts: shared.project.emulatorUrl }]));
    const result = await plan();
    expect(result.code).toBe(1);
    expect(result.elapsedMs).toBeLessThan(5000);
    expect(result.stderr).toContain(`cannot reach the Bedrock endpoint ${url} (set by endpoints { bedrock = ... } in the provider block of stack dev)`);
    expect(result.stderr).toContain('ECONNREFUSED');
    expect(result.stderr).toMatch(SECONDS);
    expect(result.stderr).toContain('otherwise correct or remove endpoints.bedrock in the provider block and synthesize again');
    expect(mutatingCalls(shared.emulator)).toEqual([]);
  });

  it('refused: names AWS_ENDPOINT_URL_BEDROCK when the URL came from it', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    writeDev((p) => (p.endpoints = [{ sts: shared.project.emulatorUrl }]));
    const result = await plan({ AWS_ENDPOINT_URL_BEDROCK: url });
    expect(result.code).toBe(1);
    expect(result.elapsedMs).toBeLessThan(5000);
    expect(result.stderr).toContain(`cannot reach the Bedrock endpoint ${url} (set by AWS_ENDPOINT_URL_BEDROCK)`);
    expect(result.stderr).toContain('otherwise correct or unset AWS_ENDPOINT_URL_BEDROCK');
  });

  it('black hole: gives up after 3 request timeouts and says how long it took', async () => {
    const hole = await blackHole();
    try {
      writeDev((p) => (p.endpoints = [{ bedrock: hole.url, sts: shared.project.emulatorUrl }]));
      const result = await plan({ BEDROCK_PT_REQUEST_TIMEOUT_MS: '300' });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`cannot reach the Bedrock endpoint ${hole.url}`);
      expect(result.stderr).toContain('a request has exceeded the configured 300 ms requestTimeout; gave up');
      const reported = Number(SECONDS.exec(result.stderr)![1]) * 1000;
      expect(reported).toBeGreaterThanOrEqual(900);
      expect(result.elapsedMs).toBeGreaterThanOrEqual(reported);
      expect(result.elapsedMs).toBeLessThan(6000);
    } finally {
      await hole.close();
    }
  });
});

describe('missing credentials', () => {
  it('name the profile the provider block asks for, where it was looked up and what to run', async () => {
    writeDev((p) => (p.profile = 'bedrock-pt-missing'));
    const result = await plan();
    const files = `${shared.project.env.AWS_SHARED_CREDENTIALS_FILE} (AWS_SHARED_CREDENTIALS_FILE) and ${shared.project.env.AWS_CONFIG_FILE} (AWS_CONFIG_FILE)`;
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `no AWS credentials for profile "bedrock-pt-missing", which the provider block of stack dev names: looked it up in ${files}`,
    );
    expect(result.stderr).toContain('aws configure --profile bedrock-pt-missing');
    expect(result.stderr).toContain('aws sso login --profile bedrock-pt-missing');
    expect(shared.emulator.requests()).toEqual([]);
  });

  it('without a profile, say the default chain and which environment variables it tried', async () => {
    writeDev((p) => delete p.profile);
    const result = await plan({ AWS_SHARED_CREDENTIALS_FILE: `${shared.project.dir}/no-such-credentials` });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('no AWS credentials: the provider block names no profile, and the default chain found none');
    expect(result.stderr).toContain('AWS_ACCESS_KEY_ID not set, AWS_SECRET_ACCESS_KEY not set');
    expect(result.stderr).toContain('set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY');
    expect(shared.emulator.requests()).toEqual([]);
  });
});
