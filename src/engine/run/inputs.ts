/** Which stacks a command works on: synthesize the app (or read a synth dir) and select stacks. */
import { BedrockPtError } from '../errors';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ConfigSource, StackConfig } from '../model';
import { readCdktfJson, readSynthDir, synthesizeApp } from '../config';

export interface StackSelection {
  /** Named stacks (repeatable --stack). */
  stacks?: string[];
  /** --all */
  all?: boolean;
}

export interface InputOptions {
  projectDir: string;
  /** Read this synth output instead of synthesizing. */
  synthDir?: string;
  env?: NodeJS.ProcessEnv;
  selection: StackSelection;
}

export interface LoadedStacks {
  stacks: StackConfig[];
  synthDir: string;
  /** Where the config came from, recorded in saved plans so apply reads it from the same place. */
  source: ConfigSource;
}

export async function loadStacks(options: InputOptions): Promise<LoadedStacks> {
  const { all, synthDir, source } = await readAllStacks(options);
  const stacks = selectStacks(all, options.selection);
  assertOwnStatePaths(stacks, all);
  return { stacks, synthDir, source };
}

/**
 * Each stack needs a state file of its own. Two stacks on one file would each see the other's
 * PTs in their state, and plan them as removed from the configuration — deletes. Refused before
 * any state is locked or read, for every selected stack that shares its file with any stack of
 * the app (selected or not).
 */
export function assertOwnStatePaths(selected: Pick<StackConfig, 'name' | 'statePath'>[], all: Pick<StackConfig, 'name' | 'statePath'>[]): void {
  for (const stack of selected) {
    if (!stack.statePath) continue;
    const others = all.filter((s) => s.name !== stack.name && s.statePath && sameFile(s.statePath, stack.statePath!)).map((s) => s.name);
    if (others.length === 0) continue;
    const names = [stack.name, ...others].sort();
    throw new BedrockPtError(
      'config',
      `stacks ${names.join(' and ')} share one state file, ${stack.statePath}; each stack needs its own, or each would plan the other's PTs as removed from its configuration and delete them. ` +
        "Give each stack its own local backend path: drop the shared path from their LocalBackend (cdktf's default is terraform.<stack>.tfstate), or set a different path on each",
      { stack: names[0] },
    );
  }
}

/** The same file, also through a symlinked directory. */
function sameFile(a: string, b: string): boolean {
  const real = (p: string) => {
    try {
      return path.join(fs.realpathSync(path.dirname(p)), path.basename(p));
    } catch {
      return path.resolve(p);
    }
  };
  return real(a) === real(b);
}

/** Every stack of the app (or synth dir), unselected. */
export async function readAllStacks(options: Omit<InputOptions, 'selection'>): Promise<{ all: StackConfig[]; synthDir: string; source: ConfigSource }> {
  const env = options.env ?? process.env;
  const source = configSourceOf(options);
  const synthDir = options.synthDir ?? (await synthesizeApp(options.projectDir, { env }));
  return { all: readSynthDir(synthDir, { env }), synthDir, source };
}

function configSourceOf(options: Omit<InputOptions, 'selection'>): ConfigSource {
  if (options.synthDir) return { kind: 'synth-dir', synthDir: path.resolve(options.synthDir) };
  const projectDir = path.resolve(options.projectDir);
  const app = readCdktfJson(path.join(projectDir, 'cdktf.json')).app;
  return { kind: 'app', projectDir, app: typeof app === 'string' ? app : '' };
}

export function selectStacks(all: StackConfig[], selection: StackSelection): StackConfig[] {
  const names = all.map((s) => s.name).sort();
  if (selection.all && selection.stacks?.length) {
    throw new BedrockPtError('usage', 'choose either --all or --stack NAME, not both');
  }
  if (selection.stacks?.length) {
    const unknown = selection.stacks.filter((n) => !names.includes(n));
    if (unknown.length > 0) {
      throw new BedrockPtError('usage', `unknown stack ${unknown.join(', ')}; the app has: ${names.join(', ') || '(none)'}`, { stack: unknown[0] });
    }
    return all.filter((s) => selection.stacks!.includes(s.name)).sort((a, b) => a.name.localeCompare(b.name));
  }
  if (selection.all || all.length === 1) return [...all].sort((a, b) => a.name.localeCompare(b.name));
  throw new BedrockPtError('usage', `the app has ${all.length} stacks (${names.join(', ')}); choose with --stack NAME (repeatable) or --all`);
}
