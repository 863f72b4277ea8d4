/**
 * End-to-end plan of the example app (synth + refresh + plan of its three stacks) against the
 * emulator with the example accounts, compared with `cdktf synth` alone (when cdktf-cli is
 * installed), with running the app alone, and with what importing @cdktf/provider-aws from its
 * package root costs a fresh Node process.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ClientPool } from '../src/engine/aws/clients';
import { loadStacks } from '../src/engine/run/inputs';
import { planStacks } from '../src/engine/run/plan-stacks';
import {
  applyLimits,
  countCalls,
  DEFAULT_LIMITS,
  describeCalls,
  measure,
  removeLimits,
  round,
  startBenchEmulator,
  tempDir,
  type ServiceLimits,
} from './harness';

const TITAN = 'amazon.titan-text-express-v1:0:8k';
const ENVS = [
  { name: 'dev', accessKeyId: 'AKIADEVEXAMPLE000001', account: '111111111111' },
  { name: 'staging', accessKeyId: 'AKIASTAGINGEXAMPLE01', account: '222222222222' },
  { name: 'prod', accessKeyId: 'AKIAPRODEXAMPLE00001', account: '333333333333' },
];

export interface E2eResult {
  runs: number;
  /** Medians over the runs. */
  planMs: number;
  synthMs: number;
  refreshAndPlanMs: number;
  peakRssMb: number;
  calls: string;
  stacks: number;
  changes: string;
  appAloneMs: number;
  providerRootImportMs: number;
  cdktfSynth: { installed: boolean; ms?: number; version?: string };
  /** bedrock-pt plan over `cdktf synth` alone, when it could be measured. */
  ratioToCdktfSynth?: number;
}

export function repoRoot(from = __dirname): string {
  let dir = from;
  while (!fs.existsSync(path.join(dir, 'cdktf.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`no cdktf.json above ${from}`);
    dir = up;
  }
  return dir;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

interface ChildRun {
  ok: boolean;
  ms: number;
  stdout: string;
  stderr: string;
}

function timeChild(file: string, args: string[], opts: { cwd: string; env: NodeJS.ProcessEnv }): Promise<ChildRun> {
  const start = process.hrtime.bigint();
  return new Promise((resolve) => {
    execFile(file, args, { ...opts, timeout: 120_000, maxBuffer: 8 << 20 }, (error, stdout, stderr) => {
      resolve({ ok: !error, ms: Number(process.hrtime.bigint() - start) / 1e6, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

function writeProject(root: string, url: string): { dir: string; env: NodeJS.ProcessEnv } {
  const dir = tempDir('bedrock-pt-bench-e2e-');
  const app = path.join(root, 'dist/examples/app/main.js');
  fs.writeFileSync(path.join(dir, 'cdktf.json'), JSON.stringify({ language: 'typescript', app: `node ${app}`, output: 'cdktf.out' }));
  const credentials = path.join(dir, 'credentials');
  fs.writeFileSync(
    credentials,
    ENVS.map((e) => `[bedrock-pt-${e.name}]\naws_access_key_id = ${e.accessKeyId}\naws_secret_access_key = not-checked\n`).join(''),
  );
  // cdktf runs terraform, which stops on a TF_CLI_CONFIG_FILE that does not exist; give it an empty one.
  const cliConfig = path.join(dir, 'terraform.rc');
  fs.writeFileSync(cliConfig, '');
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: dir,
    TF_CLI_CONFIG_FILE: cliConfig,
    AWS_SHARED_CREDENTIALS_FILE: credentials,
    AWS_CONFIG_FILE: path.join(dir, 'no-such-config'),
    NODE_NO_WARNINGS: '1',
    BEDROCK_PT_ENDPOINT: url,
  };
  return { dir, env };
}

/** The SDK's credential chain reads these from process.env; profiles must win over the benchmark's keys. */
function withEnv<T>(env: NodeJS.ProcessEnv, fn: () => Promise<T>): Promise<T> {
  const saved = { ...process.env };
  for (const key of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE']) delete process.env[key];
  Object.assign(process.env, env);
  return fn().finally(() => {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  });
}

/** cdktf-cli is not a dependency: CDKTF_CLI=/path/to/cdktf names one, else the project's own if installed. */
function cdktfCommand(args: string[]): [string, string[]] {
  if (process.env.CDKTF_CLI) return [process.env.CDKTF_CLI, args];
  // By path: synth runs in a temp project dir, where `npx --no-install` would not find the project's copy.
  const own = path.join(repoRoot(), 'node_modules/.bin/cdktf');
  return fs.existsSync(own) ? [own, args] : ['npx', ['--no-install', 'cdktf', ...args]];
}

async function detectCdktf(cwd: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const [cmd, args] = cdktfCommand(['--version']);
  const run = await timeChild(cmd, args, { cwd, env: { ...process.env, ...env } });
  return run.ok ? run.stdout.trim().split('\n').pop() : undefined;
}

export async function runE2eBench(runs = 3, limits: ServiceLimits = DEFAULT_LIMITS): Promise<E2eResult> {
  const root = repoRoot();
  const emulator = await startBenchEmulator({
    accounts: Object.fromEntries(ENVS.map((e) => [e.accessKeyId, e.account])),
    customModels: [
      { account: '111111111111', region: 'us-east-1', id: 'devsupport01', name: 'support-bot-v1', baseModelId: TITAN },
      { account: '111111111111', region: 'us-east-1', id: 'devsupport02', name: 'support-bot-v2', baseModelId: TITAN },
    ],
    committedUnitsQuota: 20,
  });
  const project = writeProject(root, emulator.url);
  try {
    const plans: { total: number; synth: number; rest: number; rss: number; calls: string; changes: string; stacks: number }[] = [];
    for (let i = 0; i < runs; i++) {
      applyLimits(emulator, limits);
      emulator.resetRequests();
      const pool = new ClientPool();
      let synthMs = 0;
      const m = await withEnv(project.env, () =>
        measure(async () => {
          const t0 = process.hrtime.bigint();
          const { stacks } = await loadStacks({ projectDir: project.dir, env: project.env, selection: { all: true } });
          synthMs = Number(process.hrtime.bigint() - t0) / 1e6;
          return planStacks(stacks, { pool, now: new Date(), concurrency: 10 });
        }),
      ).finally(() => pool.destroy());
      const changes = m.result.map((r) => `${r.plan.stack}: ${r.plan.changes.map((c) => c.action).join(',')}`).join('; ');
      plans.push({
        total: m.wallMs,
        synth: synthMs,
        rest: m.wallMs - synthMs,
        rss: m.peakRssMb,
        calls: describeCalls(countCalls(emulator.requests())),
        changes,
        stacks: m.result.length,
      });
    }
    removeLimits(emulator);

    const synthEnv = { ...project.env, CDKTF_OUTDIR: path.join(project.dir, 'app-alone.out') };
    const appAlone: number[] = [];
    const rootImport: number[] = [];
    for (let i = 0; i < runs; i++) {
      const app = await timeChild(process.execPath, [path.join(root, 'dist/examples/app/main.js')], { cwd: project.dir, env: synthEnv });
      if (!app.ok) throw new Error(`example app failed: ${app.stderr}`);
      appAlone.push(app.ms);
      const imp = await timeChild(process.execPath, ['-e', "require('@cdktf/provider-aws')"], { cwd: root, env: process.env });
      if (!imp.ok) throw new Error(`require('@cdktf/provider-aws') failed: ${imp.stderr}`);
      rootImport.push(imp.ms);
    }

    const version = await detectCdktf(root, project.env);
    let cdktfMs: number | undefined;
    if (version) {
      const synths: number[] = [];
      for (let i = 0; i < runs; i++) {
        const [cmd, args] = cdktfCommand(['synth']);
        const run = await timeChild(cmd, args, { cwd: project.dir, env: { ...process.env, ...project.env } });
        if (run.ok) synths.push(run.ms);
      }
      cdktfMs = synths.length ? median(synths) : undefined;
    }
    const planMs = median(plans.map((p) => p.total));
    const mid = plans.find((p) => p.total === planMs)!;
    return {
      runs,
      planMs: round(planMs, 1),
      synthMs: round(mid.synth, 1),
      refreshAndPlanMs: round(mid.rest, 1),
      peakRssMb: round(Math.max(...plans.map((p) => p.rss)), 1),
      calls: mid.calls,
      stacks: mid.stacks,
      changes: mid.changes,
      appAloneMs: round(median(appAlone), 1),
      providerRootImportMs: round(median(rootImport), 1),
      cdktfSynth: { installed: !!version, ...(version ? { version } : {}), ...(cdktfMs !== undefined ? { ms: round(cdktfMs, 1) } : {}) },
      ...(cdktfMs !== undefined ? { ratioToCdktfSynth: round(planMs / cdktfMs, 3) } : {}),
    };
  } finally {
    await emulator.close();
    fs.rmSync(project.dir, { recursive: true, force: true });
  }
}
