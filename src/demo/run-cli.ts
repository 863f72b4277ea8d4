/**
 * Runs the real `bedrock-pt` CLI as a child process, the way a user would type it: the command
 * line is echoed first and the output streams as it comes, so the demo reads as a tutorial.
 */
import { spawn } from 'node:child_process';
import { CLI } from './project';

export interface CliRun {
  code: number;
  stdout: string;
}

export interface CliRunOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Shown after the command line, e.g. `> plan.tf.json` when stdout goes to a file. */
  redirect?: string;
}

/** A step that did not behave as the demo expects; its message says what. */
export class DemoFailure extends Error {}

export function check(condition: boolean, what: string): void {
  if (!condition) throw new DemoFailure(what);
}

export function runCli(args: string[], options: CliRunOptions): Promise<CliRun> {
  const shown = options.redirect ? `${args.join(' ')} ${options.redirect}` : args.join(' ');
  process.stdout.write(`$ bedrock-pt ${shown}\n`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (!options.redirect) process.stdout.write(chunk);
    });
    // The CLI's errors (a blocked plan's reasons) are part of the tutorial; keep them in one stream.
    child.stderr.on('data', (chunk: Buffer) => process.stdout.write(chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout }));
  });
}

/** Runs the CLI and fails the demo unless it exits with `code`. */
export async function runCliExpecting(code: number, what: string, args: string[], options: CliRunOptions): Promise<CliRun> {
  const result = await runCli(args, options);
  check(result.code === code, `${what} (\`bedrock-pt ${args.join(' ')}\`): expected exit ${code}, got ${result.code}`);
  return result;
}
