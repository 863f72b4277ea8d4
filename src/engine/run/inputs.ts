/** Which stacks a command works on: synthesize the app (or read a synth dir) and select stacks. */
import { BedrockPtError } from '../errors';
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
  return { stacks: selectStacks(all, options.selection), synthDir, source };
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
