/** Shared CLI plumbing: colour choice, common input options, confirmation, exit codes. */
import { Command, Option } from 'commander';
import type * as Readline from 'node:readline';
import { BedrockPtError } from '../engine/errors';
import { parseDuration } from '../engine/duration';
import type { InputOptions } from '../engine/run/inputs';

export interface InputFlags {
  stack?: string[];
  all?: boolean;
  synthDir?: string;
  project?: string;
  color?: boolean;
  /** `--lock-timeout`, in ms (parsed with the arguments). */
  lockTimeout?: number;
}

/** Repeated flags add up: `--stack a --stack b`. */
function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/**
 * One stack name per flag, repeatable. Not variadic (`<name...>`): that would swallow the
 * positional arguments after it, and `force-unlock --stack dev ID` would not parse.
 */
export function stackOption(description = 'a stack to work on; repeat for more (--stack a --stack b)'): Option {
  return new Option('-s, --stack <name>', description).argParser(collect);
}

function addSourceOptions(cmd: Command): Command {
  return cmd
    .option('--synth-dir <dir>', 'read this cdktf synth output (cdktf.out) instead of synthesizing the app')
    .option('--project <dir>', 'directory holding cdktf.json', '.')
    .option('--no-color', 'plain output without ANSI colour (also NO_COLOR=1)');
}

export function addInputOptions(cmd: Command): Command {
  return addLockTimeoutOption(addSourceOptions(cmd.addOption(stackOption()).option('--all', 'every stack of the app')));
}

/**
 * `--lock-timeout DURATION` (Terraform's `-lock-timeout`), for commands that take the state lock.
 * A bad duration fails while the arguments are parsed, before anything is read.
 */
export function addLockTimeoutOption(cmd: Command): Command {
  return cmd.addOption(
    new Option('--lock-timeout <duration>', 'wait this long for a state lock another run holds (500ms, 10s, 1m30s); default 0s: fail at once').argParser(
      (value: string) => parseDuration(value),
    ),
  );
}

/** For commands that work on exactly one stack: no --all, and --stack only when the app has several. */
export function addOneStackInputOptions(cmd: Command): Command {
  return addSourceOptions(cmd.addOption(stackOption('the stack to work on; needed only when the app has more than one')));
}

export function inputOptions(flags: InputFlags): InputOptions {
  return {
    projectDir: flags.project ?? '.',
    synthDir: flags.synthDir,
    selection: { stacks: flags.stack, all: flags.all },
  };
}

export function useColor(flags: { color?: boolean }, stream: NodeJS.WriteStream = process.stdout): boolean {
  if (flags.color === false) return false;
  // FORCE_COLOR (as Node and most CLIs read it) turns colour on without a terminal, e.g. in CI logs that render ANSI.
  const force = process.env.FORCE_COLOR;
  if (force !== undefined && force !== '') return !['0', 'false'].includes(force);
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false;
  return !!stream.isTTY;
}

/** TF_IN_AUTOMATION set to anything non-empty, as Terraform reads it: leave out hints about what to run next. */
export function inAutomation(): boolean {
  return !!process.env.TF_IN_AUTOMATION;
}

export function positiveInt(value: string, name: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new BedrockPtError('usage', `${name} must be a positive integer, got ${JSON.stringify(value)}`);
  return n;
}

/** Go's strconv.ParseBool, which Terraform's `-input=` and TF_INPUT go through. */
const BOOLEANS: Record<string, boolean> = Object.fromEntries([
  ...['1', 't', 'T', 'TRUE', 'true', 'True'].map((w) => [w, true]),
  ...['0', 'f', 'F', 'FALSE', 'false', 'False'].map((w) => [w, false]),
]);

/**
 * `--input BOOL`, Terraform's `-input=false`: apply's confirmation is the only input bedrock-pt
 * asks for, so `plan` accepts it and asks nothing either way (CI scripts pass it to both).
 */
export function inputOption(): Option {
  return new Option('--input <bool>', 'false: never ask for input (also TF_INPUT=0); apply then needs --auto-approve or a saved plan').argParser(
    (value: string) => {
      const parsed = BOOLEANS[value];
      if (parsed === undefined) throw new BedrockPtError('usage', `--input takes true or false, got ${JSON.stringify(value)}`);
      return parsed;
    },
  );
}

/** False when `--input=false` or TF_INPUT is false or 0, as Terraform reads them. */
export function inputAllowed(flags: { input?: boolean }): boolean {
  if (flags.input !== undefined) return flags.input;
  return BOOLEANS[process.env.TF_INPUT ?? ''] !== false;
}

/**
 * Ask for the literal answer "yes", as Terraform does: from the terminal, or from a pipe
 * (`echo yes | bedrock-pt apply`). Input that ends before a line is no answer: cancelled.
 */
export async function confirm(question: string): Promise<boolean> {
  // Required here: only apply asks, and every command's start would pay for readline.
  const readline = require('node:readline') as typeof Readline;
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
  try {
    const answer = await new Promise<string>((resolve) => {
      rl.once('close', () => resolve(''));
      rl.question(`${question}\n  Only 'yes' will be accepted to approve.\n\n  Enter a value: `, resolve);
    });
    // A piped answer is not echoed: end the prompt's line, as the terminal's Enter would.
    if (!process.stdin.isTTY) process.stdout.write('\n');
    return answer.trim() === 'yes';
  } finally {
    rl.close();
  }
}

/** Exit codes follow Terraform: 0 ok, 1 error, 2 (with --detailed-exitcode) changes present. */
export class ExitCode extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}
