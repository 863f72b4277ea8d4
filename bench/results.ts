/** bench/results.json: the machine, the settings and every benchmark's numbers, merged per benchmark. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface Machine {
  cpu: string;
  cores: number;
  memoryGb: number;
  os: string;
  node: string;
  date: string;
}

export function machine(): Machine {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    date: new Date().toISOString(),
  };
}

export interface ResultsFile {
  machine: Machine;
  settings: Record<string, unknown>;
  benchmarks: Record<string, unknown>;
}

/** Benchmarks not run this time keep their previous numbers (with the machine they were taken on). */
export function writeResults(file: string, settings: Record<string, unknown>, benchmarks: Record<string, unknown>): void {
  let previous: Partial<ResultsFile> = {};
  try {
    previous = JSON.parse(fs.readFileSync(file, 'utf8')) as ResultsFile;
  } catch {
    previous = {};
  }
  const m = machine();
  const merged: Record<string, unknown> = { ...(previous.benchmarks ?? {}) };
  for (const [name, value] of Object.entries(benchmarks)) merged[name] = { machine: m, settings, result: value };
  const out: ResultsFile = { machine: m, settings, benchmarks: merged };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
}
