/**
 * Wall time and peak memory of a child command together with every process it starts (Terraform
 * runs each provider as a child). Memory is the sum of resident pages over the tree, read from
 * /proc/<pid>/stat (the same number as VmRSS) every 10 ms; the peak is the largest sum seen. Pages shared
 * between processes count once per process, as `ps` and `top` show them. Linux only: elsewhere
 * the peak is reported as undefined and the rest still runs.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';

export interface TreeRun {
  code: number;
  stdout: string;
  stderr: string;
  wallMs: number;
  /** Highest sampled sum of resident memory over the process tree (MB); undefined without /proc. */
  peakTreeMb?: number;
  /** Most processes seen in the tree at one sample. */
  peakProcesses: number;
}

export interface TreeRunOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  sampleMs?: number;
  timeoutMs?: number;
}

const HAS_PROC = fs.existsSync('/proc/self/status');

const PAGE_KB = 4;

/** Parent and resident pages of every process, from /proc/<pid>/stat (no per-thread child lists on every kernel). */
function scanProcesses(): Map<number, { ppid: number; rssKb: number }> {
  const table = new Map<number, { ppid: number; rssKb: number }>();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      // Fields after the command name, which is in parentheses and may hold spaces: state, ppid, ... rss is the 22nd.
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      table.set(Number(name), { ppid: Number(rest[1]), rssKb: Number(rest[21]) * PAGE_KB });
    } catch {
      // the process ended between the listing and the read
    }
  }
  return table;
}

/** Sum of resident memory over `root` and its descendants, and how many processes that was. */
export function treeRss(root: number): { kb: number; processes: number } {
  const table = scanProcesses();
  const children = new Map<number, number[]>();
  for (const [pid, { ppid }] of table) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  let kb = 0;
  let processes = 0;
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    const entry = table.get(pid);
    if (!entry) continue;
    processes++;
    kb += entry.rssKb;
    stack.push(...(children.get(pid) ?? []));
  }
  return { kb, processes };
}

/** Runs `file args` to the end, sampling its process tree's memory while it runs. */
export function runTree(file: string, args: string[], options: TreeRunOptions): Promise<TreeRun> {
  return new Promise((resolve) => {
    const start = process.hrtime.bigint();
    const child = spawn(file, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    let peakKb = 0;
    let peakProcesses = 0;
    const sample = () => {
      if (!child.pid || !HAS_PROC) return;
      const { kb, processes } = treeRss(child.pid);
      peakKb = Math.max(peakKb, kb);
      peakProcesses = Math.max(peakProcesses, processes);
    };
    const timer = setInterval(sample, options.sampleMs ?? 10);
    const killer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 600_000);
    sample();
    child.on('close', (code, signal) => {
      clearInterval(timer);
      clearTimeout(killer);
      resolve({
        code: code ?? (signal ? 128 : 1),
        stdout,
        stderr,
        wallMs: Number(process.hrtime.bigint() - start) / 1e6,
        ...(HAS_PROC ? { peakTreeMb: Math.round((peakKb / 1024) * 10) / 10 } : {}),
        peakProcesses,
      });
    });
  });
}
