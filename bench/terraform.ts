/**
 * The comparison a user would make: apply N PTs (creates to InService), then plan them again
 * (refresh, no changes), with each tool in tools.ts, against the same emulator settings. Each
 * command runs as a child process; its wall time and the peak memory of its whole process tree
 * (proc-tree.ts) are measured, and its API calls counted by operation from the emulator's log.
 * A fresh emulator per (tool, N) keeps the accounts' inventories apart.
 */
import * as fs from 'node:fs';
import { DEFAULT_ACCOUNT } from '../src/emulator';
import {
  answered,
  applyLimits,
  countCalls,
  DEFAULT_LIMITS,
  describeCalls,
  floorSeconds,
  ratesEnv,
  rateOf,
  round,
  startBenchEmulator,
  type CallCounts,
  type ServiceLimits,
} from './harness';
import { runTree } from './proc-tree';
import { BENCH_REGION } from './seed';
import { createWorkspace, missingFor, TOOLS, type Tool, type ToolWorkspace } from './tools';

export type Phase = 'apply' | 'plan';

export interface ToolRun {
  tool: Tool;
  n: number;
  phase: Phase;
  /** Set when the row could not run (missing terraform or mirror) or the command failed. */
  skipped?: string;
  error?: string;
  wallMs?: number;
  peakTreeMb?: number;
  peakProcesses?: number;
  calls?: CallCounts;
  callSummary?: string;
  answeredCalls?: number;
  /** Apply: creates / create rate + the Creating → InService delay; plan: per operation calls / rate, slowest wins. */
  floorS?: number;
  wallOverFloor?: number;
  /** This row over the terraform+aws row of the same N and phase. */
  wallVsAnchor?: number;
  memoryVsAnchor?: number;
  callsVsAnchor?: number;
}

export interface TerraformBenchOptions {
  sizes: number[];
  limits: ServiceLimits;
  transitionMs: number;
  log?: (line: string) => void;
}

const TIMEOUT_MS = 10 * 60_000;

function lastLines(text: string, n = 4): string {
  return text.trim().split('\n').slice(-n).join(' | ');
}

async function measureCommand(
  ws: ToolWorkspace,
  phase: Phase,
  n: number,
  options: TerraformBenchOptions,
  emulator: Awaited<ReturnType<typeof startBenchEmulator>>,
): Promise<ToolRun> {
  const [file, args] = phase === 'apply' ? ws.apply() : ws.plan();
  emulator.resetRequests();
  const run = await runTree(file, args, { cwd: ws.cwd, env: ws.env, timeoutMs: TIMEOUT_MS });
  const calls = countCalls(emulator.requests());
  const inService = emulator.inventory(DEFAULT_ACCOUNT, BENCH_REGION).filter((p) => p.status === 'InService').length;
  const createRate = rateOf(options.limits, 'CreateProvisionedModelThroughput');
  const floorS = phase === 'apply' ? n / createRate + options.transitionMs / 1000 : floorSeconds(calls.ok, options.limits);
  const failed =
    run.code !== 0 ? `exit ${run.code}: ${lastLines(run.stderr || run.stdout)}` : inService !== n ? `${inService} of ${n} PTs InService` : undefined;
  return {
    tool: ws.tool,
    n,
    phase,
    ...(failed ? { error: failed } : {}),
    wallMs: round(run.wallMs, 1),
    ...(run.peakTreeMb !== undefined ? { peakTreeMb: run.peakTreeMb } : {}),
    peakProcesses: run.peakProcesses,
    calls,
    callSummary: describeCalls(calls),
    answeredCalls: answered(calls),
    floorS: round(floorS, 3),
    wallOverFloor: round(run.wallMs / 1000 / floorS, 3),
  };
}

/** Runs apply then plan of N PTs for one tool; a failed apply skips the plan. */
async function runTool(ws: ToolWorkspace, n: number, options: TerraformBenchOptions): Promise<ToolRun[]> {
  const emulator = await startBenchEmulator({ createDelayMs: options.transitionMs });
  try {
    ws.configure(emulator.url, n);
    applyLimits(emulator, options.limits);
    const apply = await measureCommand(ws, 'apply', n, options, emulator);
    if (apply.error) return [apply, { tool: ws.tool, n, phase: 'plan', skipped: 'apply failed' }];
    return [apply, await measureCommand(ws, 'plan', n, options, emulator)];
  } finally {
    await emulator.close();
  }
}

async function prepare(tool: Tool, options: TerraformBenchOptions, homes: string[]): Promise<ToolWorkspace> {
  const ws = createWorkspace(tool, {
    AWS_ACCESS_KEY_ID: 'AKIABENCHMARK0000001',
    AWS_SECRET_ACCESS_KEY: 'not-checked',
    AWS_REGION: BENCH_REGION,
    BEDROCK_PT_API_RATES: ratesEnv(options.limits),
  });
  homes.push(ws.home);
  const init = ws.init();
  if (init) {
    // init needs a configuration that names the providers; the URL is replaced before each run.
    ws.configure('http://127.0.0.1:9', 1);
    const run = await runTree(init[0], init[1], { cwd: ws.cwd, env: ws.env, timeoutMs: TIMEOUT_MS });
    if (run.code !== 0) throw new Error(`${tool}: terraform init failed: ${lastLines(run.stderr || run.stdout, 8)}`);
  }
  return ws;
}

function ratio(a: number | undefined, b: number | undefined): number | undefined {
  return a !== undefined && b !== undefined && b > 0 ? round(a / b, 3) : undefined;
}

/** Fills each row's ratios to the terraform+aws row of the same N and phase. */
export function withAnchorRatios(runs: ToolRun[]): ToolRun[] {
  return runs.map((r) => {
    const anchor = runs.find((a) => a.tool === 'terraform+aws' && a.n === r.n && a.phase === r.phase && !a.error && !a.skipped);
    if (!anchor || r.error || r.skipped) return r;
    const wallVsAnchor = ratio(r.wallMs, anchor.wallMs);
    const memoryVsAnchor = ratio(r.peakTreeMb, anchor.peakTreeMb);
    const callsVsAnchor = ratio(r.answeredCalls, anchor.answeredCalls);
    return {
      ...r,
      ...(wallVsAnchor !== undefined ? { wallVsAnchor } : {}),
      ...(memoryVsAnchor !== undefined ? { memoryVsAnchor } : {}),
      ...(callsVsAnchor !== undefined ? { callsVsAnchor } : {}),
    };
  });
}

export async function runTerraformBench(options: TerraformBenchOptions): Promise<ToolRun[]> {
  const log = options.log ?? (() => undefined);
  const runs: ToolRun[] = [];
  const homes: string[] = [];
  try {
    for (const tool of TOOLS) {
      const missing = missingFor(tool);
      if (missing.length) {
        const skipped = `not run: needs ${missing.join(' and ')}`;
        log(`${tool}: ${skipped}`);
        for (const n of options.sizes) for (const phase of ['apply', 'plan'] as const) runs.push({ tool, n, phase, skipped });
        continue;
      }
      let ws: ToolWorkspace;
      try {
        ws = await prepare(tool, options, homes);
      } catch (err) {
        const error = err instanceof Error ? err.message : String(err);
        log(`${tool}: ${error}`);
        for (const n of options.sizes) for (const phase of ['apply', 'plan'] as const) runs.push({ tool, n, phase, error });
        continue;
      }
      for (const n of options.sizes) {
        log(`${tool}: apply then plan of ${n} PTs ...`);
        runs.push(...(await runTool(ws, n, options)));
      }
    }
  } finally {
    for (const dir of homes) fs.rmSync(dir, { recursive: true, force: true });
  }
  return withAnchorRatios(runs);
}

/** The in-process apply benchmark's settings, so both report against the same floor. */
export const TERRAFORM_LIMITS: ServiceLimits = { ...DEFAULT_LIMITS, rates: { CreateProvisionedModelThroughput: 5 } };
export const TRANSITION_MS = 2000;
