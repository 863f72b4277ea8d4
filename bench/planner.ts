/** The pure planner on a large synthetic stack, in a child process so the peak RSS is its own. */
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { round } from './harness';

export interface PlannerResult {
  count: number;
  planMs: number;
  /** Child process wall time: start-up, module loading, input building and planning. */
  processMs: number;
  changes: number;
  actions: Record<string, number>;
  diagnostics: number;
  rssBeforePlanMb: number;
  peakRssMb: number;
}

export function runPlannerBench(count: number): Promise<PlannerResult> {
  const child = path.join(__dirname, 'planner-child.js');
  const start = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [child, String(count)], { maxBuffer: 1 << 20 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`planner child failed: ${error.message}\n${stderr}`));
      const processMs = Number(process.hrtime.bigint() - start) / 1e6;
      const r = JSON.parse(stdout.trim().split('\n').pop()!);
      resolve({
        count: r.count,
        planMs: round(r.planMs, 1),
        processMs: round(processMs, 1),
        changes: r.changes,
        actions: r.actions,
        diagnostics: r.diagnostics,
        rssBeforePlanMb: round(r.rssBeforePlanMb, 1),
        peakRssMb: round(r.peakRssMb, 1),
      });
    });
  });
}
