/** Which stacks a command works on: synthesize the app (or read a synth dir) and select stacks. */
import { BedrockPtError } from '../errors';
import type { StackConfig } from '../model';
import { readSynthDir, synthesizeApp } from '../config';

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

export async function loadStacks(options: InputOptions): Promise<{ stacks: StackConfig[]; synthDir: string }> {
  const env = options.env ?? process.env;
  const synthDir = options.synthDir ?? (await synthesizeApp(options.projectDir, { env }));
  const all = readSynthDir(synthDir, { env });
  const chosen = selectStacks(all, options.selection);
  return { stacks: chosen, synthDir };
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
