/**
 * isTransient on the errors the real SDK throws over HTTP, in a plain Node process (see
 * sdk-error-probe.ts): emulator faults, and a bare local server for the answers the emulator has
 * no fault for (503, an unnamed 429, 501, 403).
 */
import { execFile } from 'node:child_process';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import type { Emulator } from '../../src/emulator';
import { ROOT } from '../e2e/harness';
import { startExampleEmulator } from '../emulator/helpers';
import type { ProbeResult } from './sdk-error-probe';

const PROBE = path.join(ROOT, 'dist/test/aws/sdk-error-probe.js');

function probe(url: string, call = 'list', timeoutMs = 5000): Promise<ProbeResult> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [PROBE, url, call, String(timeoutMs)], { env: { ...process.env, NODE_NO_WARNINGS: '1' } }, (error, stdout, stderr) => {
      if (error) reject(new Error(`probe failed: ${stderr || error.message}`));
      else resolve(JSON.parse(String(stdout)) as ProbeResult);
    });
  });
}

/** A server that answers every request with this status, as a proxy or a degraded service would. */
async function probeAgainst(status: number, headers: Record<string, string> = {}): Promise<ProbeResult> {
  const server = http.createServer((_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify({ message: `answered ${status}` }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    return await probe(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

describe('isTransient on the errors the real SDK throws', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startExampleEmulator();
  });
  afterAll(() => emulator.close());
  beforeEach(() => emulator.reset());

  it('calls a 500 InternalServerException transient', async () => {
    emulator.injectFault({ operation: 'ListProvisionedModelThroughputs', kind: 'internal-error' });
    expect(await probe(emulator.url)).toMatchObject({ name: 'InternalServerException', status: 500, transient: true });
  });

  it('calls a dropped connection (socket hang up) transient', async () => {
    emulator.injectFault({ operation: 'ListProvisionedModelThroughputs', kind: 'drop-connection' });
    expect(await probe(emulator.url)).toMatchObject({ code: 'ECONNRESET', message: 'socket hang up', transient: true });
  });

  it('calls a request timeout transient', async () => {
    emulator.injectFault({ operation: 'ListProvisionedModelThroughputs', kind: 'timeout', holdMs: 2000 });
    expect(await probe(emulator.url, 'list', 200)).toMatchObject({ code: 'ETIMEDOUT', transient: true });
  });

  it('calls ThrottlingException (429) transient', async () => {
    emulator.setRateLimit('ListProvisionedModelThroughputs', { ratePerSecond: 0.001, burst: 0 });
    expect(await probe(emulator.url)).toMatchObject({ name: 'ThrottlingException', status: 429, transient: true });
  });

  it('calls a 400 ValidationException not transient, even when it quotes a name that reads like a network error', async () => {
    const result = await probe(emulator.url, 'create:ECONNRESET socket hang up!');
    expect(result).toMatchObject({ name: 'ValidationException', status: 400, transient: false });
    expect(result.message).toContain('ECONNRESET');
  });

  it('calls a 503 ServiceUnavailableException transient', async () => {
    expect(await probeAgainst(503, { 'x-amzn-errortype': 'ServiceUnavailableException' })).toMatchObject({ status: 503, transient: true });
  });

  it('calls a 429 transient even when the answer names no exception', async () => {
    expect(await probeAgainst(429)).toMatchObject({ status: 429, transient: true });
  });

  it('calls a 501 transient: a server error leaves the outcome of a create unknown', async () => {
    expect(await probeAgainst(501)).toMatchObject({ status: 501, transient: true });
  });

  it('calls a 403 AccessDeniedException not transient', async () => {
    expect(await probeAgainst(403, { 'x-amzn-errortype': 'AccessDeniedException' })).toMatchObject({ name: 'AccessDeniedException', transient: false });
  });

  it('calls a refused connection transient', async () => {
    expect(await probe('http://127.0.0.1:1')).toMatchObject({ code: 'ECONNREFUSED', transient: true });
  });

  it('calls a host name that does not resolve transient', async () => {
    const result = await probe('http://bedrock.invalid');
    expect(result.code).toMatch(/^(ENOTFOUND|EAI_AGAIN)$/);
    expect(result.transient).toBe(true);
  });
});
