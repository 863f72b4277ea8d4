/**
 * Terraform users type long flags with one dash (`-out=plan.json`, `-no-color`). Commander reads
 * `-out=plan.json` as the short flag `-o` with the value `ut=plan.json` and silently writes the
 * wrong file, so every single-dash word is settled here, before Commander sees it: a spelling of
 * one of our long options becomes `--name`, a Terraform flag we do not have is refused with what
 * to do instead, and anything else with one dash and several letters is refused rather than
 * guessed at.
 */
import type { Command } from 'commander';
import { BedrockPtError } from '../engine/errors';

/** Terraform flags bedrock-pt has no equivalent for, with what to do instead. */
const TERRAFORM_ONLY: Record<string, string> = {
  var: 'bedrock-pt reads the synthesized cdktf stacks; set variables in the cdktf app (or its TF_VAR_ environment) and synthesize again',
  'var-file': 'bedrock-pt reads the synthesized cdktf stacks; set variables in the cdktf app and synthesize again',
  target: 'narrow the run with --stack NAME; bedrock-pt plans every PT of a stack together so that names and commitments stay consistent',
  replace: 'change an attribute that forces replacement in the config; bedrock-pt does not replace a PT the config does not ask to',
  refresh: 'bedrock-pt always reads the live PTs before planning, so a plan never acts on stale data',
  'refresh-only': 'run `bedrock-pt plan`: its "changed outside of bedrock-pt" section shows the drift',
  lock: 'bedrock-pt always locks the state while it works; clear a stale lock with `bedrock-pt force-unlock`',
  state: 'the state path comes from the stack backend in the synthesized config',
  'state-out': 'the state path comes from the stack backend in the synthesized config',
  backup: 'the state path comes from the stack backend in the synthesized config',
  destroy: 'remove the PTs from the cdktf config and plan again; a destroy-everything mode would delete committed PTs',
  chdir: 'use --project DIR (the directory holding cdktf.json)',
  'compact-warnings': 'bedrock-pt has no compact warning format',
};

/** Every `--long` option name the program and its subcommands know, without the dashes. */
export function longOptionNames(program: Command): Set<string> {
  const names = new Set<string>(['help', 'version']);
  const visit = (cmd: Command) => {
    for (const option of cmd.options) if (option.long) names.add(option.long.replace(/^--/, ''));
    cmd.commands.forEach(visit);
  };
  visit(program);
  return names;
}

/**
 * `argv` as Commander should read it (the node and script entries first, as in process.argv).
 * Throws a usage error for a single-dash word it will not guess the meaning of.
 */
export function normalizeTerraformFlags(argv: readonly string[], longOptions: ReadonlySet<string>): string[] {
  const out = argv.slice(0, 2);
  let rest = false;
  for (const word of argv.slice(2)) {
    if (rest || word === '--') {
      rest = true;
      out.push(word);
      continue;
    }
    out.push(normalizeWord(word, longOptions));
  }
  return out;
}

function normalizeWord(word: string, longOptions: ReadonlySet<string>): string {
  // One dash, a letter, then at least one more character: never a short flag alone (`-s`) or a negative number.
  const match = /^-([A-Za-z][^=]+)(=.*)?$/s.exec(word);
  if (!match) return word;
  const [, name, value = ''] = match;
  if (longOptions.has(name)) return `--${name}${value}`;
  const hint = TERRAFORM_ONLY[name];
  if (hint) throw new BedrockPtError('usage', `Terraform's ${word} has no bedrock-pt equivalent: ${hint}`);
  throw new BedrockPtError(
    'usage',
    `unknown option ${JSON.stringify(word)}: bedrock-pt spells long options with two dashes (--${name}${value}); ` +
      'a short flag takes its value as the next word (-s dev, -o plan.json)',
  );
}
