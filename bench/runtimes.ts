/**
 * Start-up on each Node the project tests (this one, and the pinned Node 24 of
 * scripts/pinned-node.js when it can run here), with Node's module compile cache off
 * (NODE_DISABLE_COMPILE_CACHE=1) and on (a warm NODE_COMPILE_CACHE directory): `bedrock-pt
 * --version` and `--help` to exit, and the installed provider (launcher + bundles, as `bedrock-pt
 * provider install` writes it with that Node) to its handshake, each beside a bare `node -e ''`
 * of the same Node started in turn with them (the CLI is the package's bin, its bundle; `plan --help` too), so load on the machine falls on all alike. Medians
 * of the runs. Node 20 has no compile cache, so its two rows show the run-to-run spread.
 */
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadProtocolClients } from '../src/provider/protocol/descriptor';
import { makeLocalhostCertificate } from '../src/provider/protocol/tls';
import { installedProviderPath } from '../src/provider/install';
import { repoRoot } from './e2e';
import { spread, startOnce } from './provider-startup';

export interface RuntimeRow {
  node: string;
  compileCache: 'off' | 'on';
  cliVersionMs: { median: number; min: number; max: number };
  cliHelpMs: { median: number; min: number; max: number };
  /** Absent in results measured before it was added. */
  cliPlanHelpMs?: { median: number; min: number; max: number };
  providerHandshakeMs: { median: number; min: number; max: number };
  /** `node -e ''` to exit: what the runtime alone costs. */
  bareNodeMs: { median: number; min: number; max: number };
}

function pinnedNode(): string | undefined {
  const out = execFileSync(process.execPath, [path.join(repoRoot(), 'scripts/pinned-node.js')], { encoding: 'utf8' }).trim();
  return out.startsWith('SKIPPED') ? undefined : out;
}

function timeExit(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0], argv.slice(1), { env, stdio: 'ignore' });
    child.on('error', reject);
    child.on('exit', () => resolve(Number(process.hrtime.bigint() - started) / 1e6));
  });
}

export async function runRuntimesBench(runs: number): Promise<RuntimeRow[]> {
  const cli = path.join(repoRoot(), 'dist/src/cli/bedrock-pt.js');
  const client = makeLocalhostCertificate();
  const pkg = loadProtocolClients();
  const nodes = [process.execPath, pinnedNode()].filter((n): n is string => n !== undefined);
  const rows: RuntimeRow[] = [];
  for (const node of nodes) {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bedrock-pt-bench-runtime-'));
    try {
      execFileSync(node, [cli, 'provider', 'install', '--dir', path.join(work, 'mirror')], { stdio: 'ignore' });
      const provider = installedProviderPath(path.join(work, 'mirror'));
      const version = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
      for (const compileCache of ['off', 'on'] as const) {
        const env: NodeJS.ProcessEnv =
          compileCache === 'off'
            ? { PATH: process.env.PATH, NODE_DISABLE_COMPILE_CACHE: '1' }
            : { PATH: process.env.PATH, NODE_COMPILE_CACHE: path.join(work, 'compile-cache') };
        // One unmeasured start of each fills the cache (and the page cache) first.
        await timeExit([node, cli, '--version'], env);
        await timeExit([node, cli, '--help'], env);
        await timeExit([node, cli, 'plan', '--help'], env);
        await startOnce([provider], client, pkg, env);
        const cliMs: number[] = [];
        const helpMs: number[] = [];
        const planHelpMs: number[] = [];
        const handshakeMs: number[] = [];
        const bareMs: number[] = [];
        for (let i = 0; i < runs; i++) {
          bareMs.push(await timeExit([node, '-e', ''], env));
          cliMs.push(await timeExit([node, cli, '--version'], env));
          helpMs.push(await timeExit([node, cli, '--help'], env));
          planHelpMs.push(await timeExit([node, cli, 'plan', '--help'], env));
          handshakeMs.push((await startOnce([provider], client, pkg, env)).handshakeMs);
        }
        rows.push({
          node: version,
          compileCache,
          cliVersionMs: spread(cliMs),
          cliHelpMs: spread(helpMs),
          cliPlanHelpMs: spread(planHelpMs),
          providerHandshakeMs: spread(handshakeMs),
          bareNodeMs: spread(bareMs),
        });
      }
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  }
  return rows;
}
