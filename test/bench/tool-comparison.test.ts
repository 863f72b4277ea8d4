/**
 * The parts of the tool comparison that decide its numbers, checked without timing anything:
 * the process-tree memory sampler counts descendants, ratios are taken to the anchor row of the
 * same size and phase, the targets table says met / missed / not measured, and rows for a
 * missing terraform say what is missing.
 */
import { execFileSync } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';
import { targetsOf, renderMarkdown } from '../../bench/markdown';
import { runTree } from '../../bench/proc-tree';
import { withAnchorRatios, type ToolRun } from '../../bench/terraform';
import type { ResultsFile } from '../../bench/results';

const ROOT = path.resolve(__dirname, '../..');

function run(tool: ToolRun['tool'], n: number, phase: ToolRun['phase'], wallMs: number, peakTreeMb: number, answeredCalls: number, wallOverFloor = 1): ToolRun {
  return { tool, n, phase, wallMs, peakTreeMb, answeredCalls, wallOverFloor, callSummary: `${answeredCalls} calls` };
}

describe('process-tree memory', () => {
  it('adds the memory of grandchildren to the peak, not just the process it started', async () => {
    const hold = (mb: number) => `node -e "const b = Buffer.alloc(${mb} << 20, 1); setTimeout(() => b.length, 1500)"`;
    const result = await runTree('sh', ['-c', `${hold(96)} & ${hold(96)} & wait`], { cwd: os.tmpdir(), env: process.env });
    expect(result.code).toBe(0);
    expect(result.peakProcesses).toBeGreaterThanOrEqual(3);
    expect(result.peakTreeMb).toBeGreaterThan(2 * 96);
  });
});

describe('ratios to the anchor', () => {
  it('divides each row by terraform + hashicorp/aws of the same size and phase', () => {
    const rows = withAnchorRatios([
      run('terraform+aws', 10, 'plan', 8000, 400, 21),
      run('terraform+aws', 10, 'apply', 20000, 500, 40),
      run('bedrock-pt', 10, 'plan', 400, 70, 12),
      run('terraform+bedrockpt', 10, 'plan', 1000, 100, 13),
    ]);
    expect(rows.map((r) => [r.tool, r.phase, r.wallVsAnchor, r.memoryVsAnchor, r.callsVsAnchor])).toEqual([
      ['terraform+aws', 'plan', 1, 1, 1],
      ['terraform+aws', 'apply', 1, 1, 1],
      ['bedrock-pt', 'plan', 0.05, 0.175, 0.571],
      ['terraform+bedrockpt', 'plan', 0.125, 0.25, 0.619],
    ]);
  });

  it('leaves the ratios out when the anchor row was skipped', () => {
    const [, ours] = withAnchorRatios([
      { tool: 'terraform+aws', n: 1, phase: 'plan', skipped: 'not run: needs terraform on PATH' },
      run('bedrock-pt', 1, 'plan', 200, 70, 3),
    ]);
    expect(ours.wallVsAnchor).toBeUndefined();
  });
});

describe('targets', () => {
  const rows = withAnchorRatios([
    run('terraform+aws', 1, 'plan', 6000, 440, 3),
    run('terraform+bedrockpt', 1, 'plan', 1200, 100, 3),
    run('bedrock-pt', 1, 'plan', 200, 70, 3),
    run('bedrock-pt', 50, 'apply', 13000, 80, 120, 1.08),
  ]);

  it('meets a ratio at or under its limit, misses one above it, and names what was not measured', () => {
    const byWhat = Object.fromEntries(targetsOf(rows).map((t) => [t.what, t]));
    expect(byWhat['bedrock-pt plan, 1 PT: wall time vs terraform plan with hashicorp/aws'].value).toBe(0.033);
    expect(byWhat['terraform plan, bedrock-pt provider, 1 PT: wall time vs hashicorp/aws'].value).toBe(0.2);
    expect(byWhat['bedrock-pt apply, 50 creates: wall time vs rate floor'].value).toBe(1.08);
    expect(byWhat['terraform plan, bedrock-pt provider, 100 PTs: refresh API calls vs hashicorp/aws'].missing).toMatch(/not measured/);
  });

  it('renders the verdicts into results.md', () => {
    const md = renderMarkdown({
      machine: { cpu: 'test', cores: 2, memoryGb: 1, os: 'test', node: 'v20', date: '2026-12-01T00:00:00Z' },
      settings: {},
      benchmarks: {
        terraform: { machine: { cpu: 'test', cores: 2, memoryGb: 1, os: 'test', node: 'v20', date: '2026-12-01T00:00:00Z' }, settings: {}, result: rows },
      },
    } as ResultsFile);
    expect(md).toMatch(/\| terraform plan, bedrock-pt provider, 1 PT: wall time vs hashicorp\/aws \| 0\.200 \| ≤ 0\.15 \| \*\*missed\*\*: 1\.33× the limit \|/);
    expect(md).toMatch(/\| bedrock-pt plan, 1 PT: wall time vs terraform plan with hashicorp\/aws \| 0\.033 \| ≤ 0\.05 \| met \|/);
  });
});

describe('without terraform', () => {
  it('says which rows cannot run and why, and keeps the standalone rows', () => {
    const script = `const { missingFor } = require(${JSON.stringify(path.join(ROOT, 'dist/bench/tools.js'))}); console.log(JSON.stringify(['terraform+aws', 'terraform+bedrockpt', 'bedrock-pt'].map(missingFor)));`;
    const nodeDir = path.dirname(process.execPath);
    const out = execFileSync(process.execPath, ['-e', script], { env: { PATH: nodeDir, TF_AWS_MIRROR: '/nonexistent' }, encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual([['terraform on PATH', expect.stringMatching(/hashicorp\/aws/)], ['terraform on PATH'], []]);
  });
});
