/**
 * `bedrock-pt apply` in a real pseudo-terminal (80 columns), as a person runs it: Ctrl-C is the
 * terminal's `\x03`, which the pty turns into SIGINT for the process. Tests that need a pty skip
 * with `ptyUnavailable` when the prebuilt module cannot spawn one here.
 */
import { stripAnsi } from '../../src/cli/text-width';
import { CLI, type SynthProject } from './harness';

type Pty = {
  onData(cb: (d: string) => void): void;
  onExit(cb: (e: { exitCode: number; signal?: number }) => void): void;
  write(d: string): void;
  kill(signal?: string): void;
};
type SpawnPty = (file: string, args: string[], opts: Record<string, unknown>) => Pty;

let spawnPty: SpawnPty | undefined;
/** Why no pty can be spawned here; empty when one can. */
export let ptyUnavailable = '';
try {
  // @lydell/node-pty ships N-API prebuilds, so the same binary loads on Node 20, 22 and 24.
  const pty = require('@lydell/node-pty');
  pty.spawn(process.execPath, ['-e', ''], { cols: 80, rows: 24 }).kill();
  spawnPty = pty.spawn;
} catch (error) {
  ptyUnavailable = `@lydell/node-pty cannot spawn a pseudo-terminal here: ${(error as Error).message}`;
}

export const describeWithPty: jest.Describe = spawnPty ? describe : describe.skip;

export interface TerminalSession {
  /** Everything the terminal was sent so far, escapes included. */
  output: () => string;
  /** How the process ended: its exit code, or the signal that killed it. */
  exited: Promise<{ exitCode: number; signal?: number }>;
  send: (data: string) => void;
}

const running: Pty[] = [];

/** Kills what is still running (call in afterEach). */
export function killTerminals(): void {
  for (const child of running.splice(0)) child.kill('SIGKILL');
}

/** `apply --auto-approve` of the project's dev stack from its synth dir. */
export function applyInTerminal(project: SynthProject): TerminalSession {
  const child = spawnPty!(process.execPath, [CLI, 'apply', '--auto-approve', '--synth-dir', project.synthDir, '--stack', 'dev'], {
    cols: 80,
    rows: 24,
    cwd: project.dir,
    env: { ...project.env, TERM: 'xterm-256color' },
  });
  running.push(child);
  let out = '';
  child.onData((d) => (out += d));
  const exited = new Promise<{ exitCode: number; signal?: number }>((resolve) => child.onExit(resolve));
  return { output: () => out, exited, send: (d) => child.write(d) };
}

export async function until(what: string, ready: () => boolean, session: TerminalSession): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!ready()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; output so far:\n${stripAnsi(session.output())}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
