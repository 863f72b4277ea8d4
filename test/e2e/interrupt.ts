/** Ctrl-C for a real `bedrock-pt apply` child: SIGINT once `ready()` holds, then its exit code and output. */
import { spawn } from 'node:child_process';
import { CLI } from './harness';

export async function applyAndInterrupt(
  project: { dir: string; synthDir: string; env: NodeJS.ProcessEnv },
  ready: () => boolean,
): Promise<{ code: number | null; out: string }> {
  const args = [CLI, 'apply', '--auto-approve', '--synth-dir', project.synthDir, '--stack', 'dev'];
  const child = spawn(process.execPath, args, { cwd: project.dir, env: project.env, stdio: ['ignore', 'pipe', 'pipe'] });
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
