/**
 * For CLI tests on one stack (over the harness's per-file emulator and per-test project):
 * `bedrock-pt` run on the dev stack, and Ctrl-C for a running apply.
 */
import { spawn } from 'node:child_process';
import type { Emulator } from '../../src/emulator';
import { CLI, cli, e2eContext, type CliResult, type SynthProject } from './harness';

export interface DevCli {
  readonly emulator: Emulator;
  readonly project: SynthProject;
  /** The CLI with these arguments, on the project's synth dir and its dev stack. */
  run(...args: string[]): Promise<CliResult>;
  /** `apply --auto-approve`, interrupted with SIGINT once `ready()` holds: its exit code and output. */
  applyAndInterrupt(ready: () => boolean): Promise<{ code: number | null; out: string }>;
}

export function devCliPerTest(): DevCli {
  const context = e2eContext();
  const args = (rest: string[]) => [...rest, '--synth-dir', context.project.synthDir, '--stack', 'dev'];
  return {
    get emulator() {
      return context.emulator;
    },
    get project() {
      return context.project;
    },
    run: (...rest) => cli(args(rest), { cwd: context.project.dir, env: context.project.env }),
    applyAndInterrupt: (ready) => interrupt(context.project, [CLI, ...args(['apply', '--auto-approve'])], ready),
  };
}

async function interrupt(project: SynthProject, argv: string[], ready: () => boolean): Promise<{ code: number | null; out: string }> {
  const child = spawn(process.execPath, argv, { cwd: project.dir, env: project.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const deadline = Date.now() + 30_000;
  while (!ready()) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`apply ended (exit ${child.exitCode}) or timed out before the interrupt point:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  child.kill('SIGINT');
  return { code: await exited, out };
}
