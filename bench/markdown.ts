/**
 * bench/results.md, rendered from bench/results.json alone (so the tables in docs/performance.md can be
 * regenerated from the recorded numbers without re-running anything): the tool comparison as
 * ratios to terraform + hashicorp/aws and to the rate floor, the targets with their verdicts,
 * and provider start-up.
 */
import type { ApplyResult } from './apply';
import type { ResultsFile } from './results';
import type { StartupResult } from './provider-startup';
import type { RuntimeRow } from './runtimes';
import type { ToolRun } from './terraform';

interface Target {
  what: string;
  value?: number;
  limit: number;
  /** The value must stay below the limit, not merely reach it. */
  strict?: boolean;
  /** Shown instead of a verdict when the value could not be measured. */
  missing?: string;
}

/** A start-up median over the bare Node median of the same row (issue 24's targets: 1.5× for the CLI, 2× for the handshake). */
export function startupRatio(measured: { median: number }, row: Pick<RuntimeRow, 'bareNodeMs'>): number {
  return Math.round((measured.median / row.bareNodeMs.median) * 100) / 100;
}

const fmt = (n: number | undefined, digits = 2): string => (n === undefined ? '—' : n.toFixed(digits));
const secs = (ms: number | undefined): string => (ms === undefined ? '—' : (ms / 1000).toFixed(2));

function row(runs: ToolRun[], tool: ToolRun['tool'], n: number, phase: ToolRun['phase']): ToolRun | undefined {
  return runs.find((r) => r.tool === tool && r.n === n && r.phase === phase && !r.error && !r.skipped);
}

export function targetsOf(runs: ToolRun[], startup?: StartupResult, inProcessApply?: ApplyResult): Target[] {
  const sizes = [...new Set(runs.map((r) => r.n))];
  const smallest = Math.min(...sizes);
  const at = (tool: ToolRun['tool'], n: number, phase: ToolRun['phase'], pick: (r: ToolRun) => number | undefined) => {
    const r = row(runs, tool, n, phase);
    return r ? pick(r) : undefined;
  };
  const targets: Target[] = [
    {
      what: `terraform plan, bedrock-pt provider, ${smallest} PT: wall time vs hashicorp/aws`,
      value: at('terraform+bedrockpt', smallest, 'plan', (r) => r.wallVsAnchor),
      limit: 0.15,
    },
    {
      what: `terraform plan, bedrock-pt provider, ${smallest} PT: peak memory vs hashicorp/aws`,
      value: at('terraform+bedrockpt', smallest, 'plan', (r) => r.memoryVsAnchor),
      limit: 0.25,
    },
    {
      what: 'terraform plan, bedrock-pt provider, 100 PTs: refresh API calls vs hashicorp/aws',
      value: at('terraform+bedrockpt', 100, 'plan', (r) => r.callsVsAnchor),
      limit: 0.51,
    },
    ...sizes.map((n) => ({
      what: `bedrock-pt plan, ${n} PT${n === 1 ? '' : 's'}: wall time vs terraform plan with hashicorp/aws`,
      value: at('bedrock-pt', n, 'plan', (r) => r.wallVsAnchor),
      limit: 0.05,
    })),
    { what: 'bedrock-pt apply, 50 creates: wall time vs rate floor', value: at('bedrock-pt', 50, 'apply', (r) => r.wallOverFloor), limit: 1.15 },
    {
      what: 'terraform apply, bedrock-pt provider, 50 creates: wall time vs rate floor',
      value: at('terraform+bedrockpt', 50, 'apply', (r) => r.wallOverFloor),
      limit: 1.15,
    },
    { what: 'bedrock-pt plan, 100 PTs: wall time vs rate floor', value: at('bedrock-pt', 100, 'plan', (r) => r.wallOverFloor), limit: 1.15 },
    {
      what: 'terraform plan, bedrock-pt provider, 100 PTs: wall time vs rate floor',
      value: at('terraform+bedrockpt', 100, 'plan', (r) => r.wallOverFloor),
      limit: 1.15,
    },
  ];
  if (inProcessApply)
    targets.push({
      what: `engine apply in process, ${inProcessApply.creates} creates, parallelism ${inProcessApply.parallelism}: wall time vs rate floor`,
      value: inProcessApply.wallOverFloor,
      limit: 1.15,
    });
  if (startup) targets.push({ what: 'provider start-up to handshake, median ms', value: startup.handshakeMs.median, limit: 150, strict: true });
  return targets.map((t) => (t.value === undefined ? { ...t, missing: 'not measured (row skipped or failed)' } : t));
}

function comparisonTable(runs: ToolRun[]): string[] {
  const lines = [
    '| PTs | phase | tool | wall s | peak memory MB (process tree) | API calls | wall ÷ anchor | memory ÷ anchor | calls ÷ anchor | wall ÷ rate floor |',
    '|---:|---|---|---:|---:|---|---:|---:|---:|---:|',
  ];
  const order = (r: ToolRun) => [r.n, r.phase === 'plan' ? 0 : 1];
  const sorted = [...runs].sort((a, b) => order(a)[0] - order(b)[0] || order(a)[1] - order(b)[1]);
  for (const r of sorted) {
    const tool =
      r.tool === 'terraform+aws'
        ? 'terraform + hashicorp/aws (anchor)'
        : r.tool === 'terraform+bedrockpt'
          ? 'terraform + bedrock-pt provider'
          : `bedrock-pt ${r.phase}`;
    if (r.skipped || r.error) {
      lines.push(`| ${r.n} | ${r.phase} | ${tool} | ${r.skipped ?? `failed: ${r.error}`} | | | | | | |`);
      continue;
    }
    lines.push(
      `| ${r.n} | ${r.phase} | ${tool} | ${secs(r.wallMs)} | ${fmt(r.peakTreeMb, 0)} | ${r.callSummary} | ${fmt(r.wallVsAnchor, 3)} | ${fmt(r.memoryVsAnchor, 3)} | ${fmt(r.callsVsAnchor, 3)} | ${fmt(r.wallOverFloor)} |`,
    );
  }
  return lines;
}

function targetTable(targets: Target[]): string[] {
  const lines = ['| target | measured | limit | verdict |', '|---|---:|---:|---|'];
  for (const t of targets) {
    const met = t.value !== undefined && (t.strict ? t.value < t.limit : t.value <= t.limit);
    const verdict = t.missing ?? (met ? 'met' : `**missed**: ${fmt(t.value! / t.limit, 2)}× the limit`);
    lines.push(`| ${t.what} | ${fmt(t.value, 3)} | ${t.strict ? '< ' : '≤ '}${t.limit} | ${verdict} |`);
  }
  return lines;
}

export function renderMarkdown(results: ResultsFile): string {
  const tf = results.benchmarks.terraform as { settings: Record<string, unknown>; machine: ResultsFile['machine']; result: ToolRun[] } | undefined;
  const startup = (results.benchmarks.startup as { result: StartupResult } | undefined)?.result;
  const inProcessApply = (results.benchmarks.apply as { result: ApplyResult[] } | undefined)?.result?.[0];
  const m = tf?.machine ?? results.machine;
  const out: string[] = [
    '<!-- Generated by `npm run bench` (bench/markdown.ts) from bench/results.json; do not edit by hand. -->',
    `Measured ${m.date.slice(0, 10)} on ${m.cores} cores (${m.cpu}, ${m.memoryGb} GB, ${m.os}, Node ${m.node}); the machine was shared with other jobs, so absolute times are noisy and ratios measured in the same run are what to compare.`,
    '',
  ];
  if (tf) {
    const s = tf.settings as { limits?: { latencyMs: number; ratePerSecond: number; rates?: Record<string, number> }; transitionMs?: number };
    out.push(
      `**The same PTs with three tools** — emulator: ${s.limits?.latencyMs} ms per call, ${s.limits?.ratePerSecond} requests/s per operation (Create ${s.limits?.rates?.CreateProvisionedModelThroughput ?? s.limits?.ratePerSecond}/s; 429 beyond), Creating → InService ${(s.transitionMs ?? 0) / 1000} s. Apply = creates to InService; plan = refresh of the applied PTs, no changes. Rate floor: apply = creates ÷ create rate + transition; plan = per operation calls ÷ rate, slowest operation. Peak memory: sum of resident memory over the command's whole process tree (Terraform and its provider processes), sampled every 10 ms from /proc.`,
      '',
      ...comparisonTable(tf.result),
      '',
      '**Targets**',
      '',
      ...targetTable(targetsOf(tf.result, startup, inProcessApply)),
      '',
    );
  }
  if (startup) {
    out.push(
      `**Provider start-up** (median of ${startup.runs}; Terraform starts a provider three or four times per command): handshake ${fmt(startup.handshakeMs.median, 0)} ms (min ${fmt(startup.handshakeMs.min, 0)}, max ${fmt(startup.handshakeMs.max, 0)}), first GetProviderSchema answered at ${fmt(startup.firstSchemaMs.median, 0)} ms; a bare \`node -e ''\` takes ${fmt(startup.bareNodeMs.median, 0)} ms on the same machine at the same time.`,
      '',
    );
  }
  const runtimes = (results.benchmarks.runtimes as { result: RuntimeRow[] } | undefined)?.result;
  if (runtimes) {
    out.push(
      "**Start-up by Node version** (median, min–max in ms; compile cache off = `NODE_DISABLE_COMPILE_CACHE=1`, on = a warm cache directory; Node 20 has none; ÷ bare = median over the median of a bare `node -e ''` started in turn with them; targets: the CLI within 1.5×, the handshake within 2×):",
      '',
      "| node | compile cache | bare `node -e ''` | `bedrock-pt --version` | `bedrock-pt --help` | `bedrock-pt plan --help` | provider to handshake | `--version` ÷ bare | `--help` ÷ bare | `plan --help` ÷ bare | handshake ÷ bare |",
      '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
      ...runtimes.map((r) => {
        const cell = (t: { median: number; min: number; max: number } | undefined) => (t ? `${fmt(t.median, 0)} (${fmt(t.min, 0)}–${fmt(t.max, 0)})` : 'n/a');
        const ratio = (t: { median: number } | undefined) => (t && r.bareNodeMs ? fmt(startupRatio(t, r), 2) : 'n/a');
        return `| ${r.node} | ${r.compileCache} | ${cell(r.bareNodeMs)} | ${cell(r.cliVersionMs)} | ${cell(r.cliHelpMs)} | ${cell(r.cliPlanHelpMs)} | ${cell(r.providerHandshakeMs)} | ${ratio(r.cliVersionMs)} | ${ratio(r.cliHelpMs)} | ${ratio(r.cliPlanHelpMs)} | ${ratio(r.providerHandshakeMs)} |`;
      }),
      '',
    );
  }
  return `${out.join('\n')}\n`;
}
