/**
 * `npm run bench` — node dist/bench/main.js [--only refresh,e2e,planner,apply] [--quick]
 * Runs each benchmark against the embedded emulator (stated latency and per-operation rate
 * limits), prints one table per benchmark and writes bench/results.json.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Command } from 'commander';
import { runApplyBench, type ApplyResult } from './apply';
import type { ClientSetup } from './clients';
import { runE2eBench, repoRoot } from './e2e';
import { DEFAULT_LIMITS, describeCalls } from './harness';
import { runPlannerBench } from './planner';
import { runRefreshBench } from './refresh';
import { renderMarkdown, startupRatio } from './markdown';
import { runProviderStartupBench } from './provider-startup';
import { runRuntimesBench } from './runtimes';
import { writeResults, type ResultsFile } from './results';
import { runTerraformBench, TERRAFORM_LIMITS, TRANSITION_MS } from './terraform';
import { formatTable, seconds, verdict, type Cell } from './table';

// The SDK warns once per process that it will need Node 22 from 2027; keep the tables readable.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const BENCHMARKS = ['refresh', 'e2e', 'planner', 'apply', 'terraform', 'startup', 'runtimes'] as const;
type BenchName = (typeof BENCHMARKS)[number];

interface Flags {
  only?: string;
  render?: boolean;
  quick?: boolean;
  variantSizes?: string;
}

const log = (line: string) => process.stderr.write(`${line}\n`);
const print = (text: string) => process.stdout.write(`\n${text}`);
const list = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

async function refresh(quick: boolean, variantSizes?: number[]) {
  const sizes = quick ? [10, 30] : [10, 100, 1000];
  const cases = await runRefreshBench({ sizes, variantSizes: variantSizes ?? (quick ? [30] : [100]), log });
  const rows: Cell[][] = [];
  for (const c of cases) {
    for (const r of c.runs) {
      const primary = r.side === 'bedrock-pt' && r.setup === 'shipped';
      const throttled = Object.values(r.calls.throttled).reduce((a, b) => a + b, 0);
      rows.push([
        r.n,
        r.side,
        r.setup,
        `${r.error ? 'FAILED after ' : ''}${describeCalls({ ...r.calls, throttled: {} })}`,
        throttled,
        seconds(r.wallMs),
        r.floorS,
        r.wallOverFloor,
        r.peakRssMb,
        primary ? c.callRatio : undefined,
        primary ? c.wallRatio : undefined,
      ]);
    }
  }
  print(
    formatTable(
      `Refresh: ${DEFAULT_LIMITS.latencyMs} ms/call, ${DEFAULT_LIMITS.ratePerSecond} req/s per operation (burst ${DEFAULT_LIMITS.ratePerSecond}); ratios = bedrock-pt (shipped clients) / terraform-style`,
      ['N', 'side', 'clients', 'answered calls', '429s', 'wall s', 'floor s', 'wall/floor', 'peak RSS MB', 'calls ratio', 'wall ratio'],
      rows,
    ),
  );
  for (const c of cases.filter((x) => x.n >= 100)) {
    const ours = c.runs[0];
    if (c.callRatio === undefined || c.wallRatio === undefined) print(`  N=${c.n}: not comparable, a side failed\n`);
    else
      print(
        `  N=${c.n}: calls ≤ 0.51× ${verdict(c.callRatio <= 0.51)} (${c.callRatio}), wall ≤ 0.6× ${verdict(c.wallRatio <= 0.6)} (${c.wallRatio}), wall ≤ 1.15× floor ${verdict(!ours.error && ours.wallOverFloor <= 1.15)} (${ours.wallOverFloor})\n`,
      );
  }
  for (const c of cases) for (const r of c.runs.filter((x) => x.error)) print(`  N=${c.n} ${r.side} (${r.setup}) failed: ${r.error}\n`);
  return cases;
}

async function e2e(quick: boolean) {
  const r = await runE2eBench(quick ? 1 : 3);
  const cdktf = r.cdktfSynth.installed ? `${seconds(r.cdktfSynth.ms ?? NaN)} s (${r.cdktfSynth.version})` : 'not installed';
  print(
    formatTable(
      `End-to-end plan of the example app (3 stacks, median of ${r.runs}), ${DEFAULT_LIMITS.latencyMs} ms/call, ${DEFAULT_LIMITS.ratePerSecond} req/s per operation`,
      ['plan s', 'synth s', 'refresh+plan s', 'calls', 'peak RSS MB', 'app alone s', "require('@cdktf/provider-aws') s", 'cdktf synth', 'plan / cdktf synth'],
      [
        [
          seconds(r.planMs),
          seconds(r.synthMs),
          seconds(r.refreshAndPlanMs),
          r.calls,
          r.peakRssMb,
          seconds(r.appAloneMs),
          seconds(r.providerRootImportMs),
          cdktf,
          r.ratioToCdktfSynth ?? 'n/a',
        ],
      ],
    ),
  );
  print(`  plan ≤ 0.5× cdktf synth: ${r.ratioToCdktfSynth === undefined ? 'not measurable (cdktf-cli not installed)' : verdict(r.ratioToCdktfSynth <= 0.5)}\n`);
  return r;
}

async function planner(quick: boolean) {
  const r = await runPlannerBench(quick ? 1000 : 10_000);
  const mix = Object.entries(r.actions)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  print(
    formatTable(
      'Planner core (pure planStack in a child process)',
      ['resources', 'plan ms', 'child process ms', 'peak RSS MB', 'RSS before plan MB', 'changes'],
      [[r.count, r.planMs, r.processMs, r.peakRssMb, r.rssBeforePlanMb, mix]],
    ),
  );
  print(`  under 1 s ${verdict(r.planMs < 1000)}, under 300 MB ${verdict(r.peakRssMb < 300)}\n`);
  return r;
}

async function apply(quick: boolean) {
  const creates = quick ? 10 : 50;
  const variants: Array<{ parallelism: number; setup: ClientSetup }> = quick
    ? [{ parallelism: 10, setup: 'shipped' }]
    : [
        { parallelism: 10, setup: 'shipped' },
        { parallelism: 50, setup: 'shipped' },
        { parallelism: 10, setup: 'unpaced' },
        { parallelism: 50, setup: 'unpaced' },
      ];
  const results: ApplyResult[] = [];
  for (const v of variants) {
    log(`apply: ${creates} creates, parallelism ${v.parallelism}, ${v.setup} clients ...`);
    results.push(await runApplyBench({ creates, createRatePerSecond: 5, transitionMs: 2000, ...v }));
  }
  print(
    formatTable(
      `Apply: ${creates} creates, Create 5 req/s, other operations ${DEFAULT_LIMITS.ratePerSecond} req/s, ${DEFAULT_LIMITS.latencyMs} ms/call, Creating → InService 2 s; floor = creates/5 + 2 s`,
      ['parallelism', 'clients', 'added', 'failed', 'calls', 'wall s', 'floor s', 'wall/floor', 'wait calls per PT', 'peak RSS MB'],
      results.map((r) => [r.parallelism, r.setup, r.added, r.failed, r.callSummary, seconds(r.wallMs), r.floorS, r.wallOverFloor, r.pollsPerPt, r.peakRssMb]),
    ),
  );
  const first = results[0];
  print(
    `  default (parallelism 10, shipped clients): wall ≤ 1.15× floor ${verdict(first.wallOverFloor <= 1.15 && first.failed === 0)} (${first.wallOverFloor}), wait calls ≤ 10 per PT ${verdict(first.pollsPerPt <= 10)} (${first.pollsPerPt})\n`,
  );
  for (const r of results.filter((x) => x.failed > 0)) print(`  parallelism ${r.parallelism} ${r.setup}: first failure: ${r.failures[0]}\n`);
  return results;
}

async function terraform(quick: boolean) {
  const sizes = quick ? [1, 3] : [1, 10, 50, 100];
  const runs = await runTerraformBench({ sizes, limits: TERRAFORM_LIMITS, transitionMs: TRANSITION_MS, log });
  print(
    formatTable(
      `Apply then plan of the same PTs with each tool: ${TERRAFORM_LIMITS.latencyMs} ms/call, ${TERRAFORM_LIMITS.ratePerSecond} req/s per operation, Create 5 req/s, Creating → InService ${TRANSITION_MS / 1000} s; ratios to terraform + hashicorp/aws`,
      ['N', 'phase', 'tool', 'wall s', 'peak tree MB', 'calls', 'wall/anchor', 'mem/anchor', 'calls/anchor', 'wall/floor', 'note'],
      runs.map((r) => [
        r.n,
        r.phase,
        r.tool,
        r.wallMs === undefined ? undefined : seconds(r.wallMs),
        r.peakTreeMb,
        r.callSummary,
        r.wallVsAnchor,
        r.memoryVsAnchor,
        r.callsVsAnchor,
        r.wallOverFloor,
        r.skipped ?? r.error,
      ]),
    ),
  );
  return runs;
}

async function startup(quick: boolean) {
  const r = await runProviderStartupBench(quick ? 3 : 11);
  print(
    formatTable(
      `Provider start-up (${r.runs} starts)`,
      ['', 'median ms', 'min ms', 'max ms'],
      [
        ['to handshake', r.handshakeMs.median, r.handshakeMs.min, r.handshakeMs.max],
        ['to first GetProviderSchema', r.firstSchemaMs.median, r.firstSchemaMs.min, r.firstSchemaMs.max],
        ["bare node -e ''", r.bareNodeMs.median, r.bareNodeMs.min, r.bareNodeMs.max],
      ],
    ),
  );
  print(`  handshake < 150 ms median ${verdict(r.handshakeMs.median < 150)} (${r.handshakeMs.median})\n`);
  return r;
}

async function runtimes(quick: boolean) {
  const runs = quick ? 3 : 20;
  const rows = await runRuntimesBench(runs);
  const cell = (t: { median: number; min: number; max: number }) => `${t.median} (${t.min}–${t.max})`;
  print(
    formatTable(
      `Start-up by Node version and module compile cache (${runs} runs each); ratios of medians to bare node`,
      [
        'node',
        'compile cache',
        "bare node -e '' ms",
        'bedrock-pt --version ms',
        'bedrock-pt --help ms',
        'plan --help ms',
        'provider handshake ms',
        '--version / bare',
        '--help / bare',
        'plan --help / bare',
        'handshake / bare',
      ],
      rows.map((r) => [
        r.node,
        r.compileCache,
        cell(r.bareNodeMs),
        cell(r.cliVersionMs),
        cell(r.cliHelpMs),
        r.cliPlanHelpMs ? cell(r.cliPlanHelpMs) : '',
        cell(r.providerHandshakeMs),
        startupRatio(r.cliVersionMs, r),
        startupRatio(r.cliHelpMs, r),
        r.cliPlanHelpMs ? startupRatio(r.cliPlanHelpMs, r) : '',
        startupRatio(r.providerHandshakeMs, r),
      ]),
    ),
  );
  for (const r of rows) {
    print(
      `  ${r.node}, compile cache ${r.compileCache}: --version ≤ 1.5× bare ${verdict(startupRatio(r.cliVersionMs, r) <= 1.5)}, --help ≤ 1.5× bare ${verdict(startupRatio(r.cliHelpMs, r) <= 1.5)}, plan --help ≤ 1.5× bare ${verdict(!!r.cliPlanHelpMs && startupRatio(r.cliPlanHelpMs, r) <= 1.5)}, handshake ≤ 2× bare ${verdict(startupRatio(r.providerHandshakeMs, r) <= 2)}\n`,
    );
  }
  return rows;
}

async function main(): Promise<void> {
  const program = new Command()
    .name('bench')
    .description('bedrock-pt benchmarks against the embedded emulator')
    .option('--only <names>', `comma-separated subset of ${BENCHMARKS.join(',')}`)
    .option('--quick', 'small sizes: a smoke run of the harness, not numbers to quote')
    .option('--render', 'only re-render bench/results.md from bench/results.json')
    .option('--variant-sizes <sizes>', 'refresh sizes at which the unpaced client set-ups (adaptive, standard retry) are also measured (default 100)')
    .parse();
  const flags = program.opts<Flags>();
  const chosen = (flags.only ? list(flags.only) : [...BENCHMARKS]) as BenchName[];
  const unknown = chosen.filter((n) => !BENCHMARKS.includes(n));
  if (unknown.length) program.error(`unknown benchmark ${unknown.join(', ')}; choose from ${BENCHMARKS.join(', ')}`);
  const quick = !!flags.quick;
  const variantSizes = flags.variantSizes ? list(flags.variantSizes).map(Number) : undefined;

  const file = path.join(repoRoot(), quick ? 'bench/results.quick.json' : 'bench/results.json');
  if (flags.render) return renderResults(file);
  const results: Record<string, unknown> = {};
  for (const name of BENCHMARKS.filter((n) => chosen.includes(n))) {
    log(`== ${name}`);
    if (name === 'refresh') results.refresh = await refresh(quick, variantSizes);
    if (name === 'e2e') results.e2e = await e2e(quick);
    if (name === 'planner') results.planner = await planner(quick);
    if (name === 'apply') results.apply = await apply(quick);
    if (name === 'terraform') writeResults(file, { quick, limits: TERRAFORM_LIMITS, transitionMs: TRANSITION_MS }, { terraform: await terraform(quick) });
    if (name === 'startup') results.startup = await startup(quick);
    if (name === 'runtimes') results.runtimes = await runtimes(quick);
  }
  writeResults(file, { quick, limits: DEFAULT_LIMITS }, results);
  log(`\nWrote ${path.relative(process.cwd(), file) || file}`);
  renderResults(file);
}

/** results.md beside results.json, for docs/performance.md. */
function renderResults(file: string): void {
  const md = file.replace(/\.json$/, '.md');
  fs.writeFileSync(md, renderMarkdown(JSON.parse(fs.readFileSync(file, 'utf8')) as ResultsFile));
  log(`Wrote ${path.relative(process.cwd(), md) || md}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
