/**
 * What README, docs/ and the other READMEs tell a reader to type still works as written: every `bedrock-pt …`
 * command of a shell block is accepted by the CLI's own parser (subcommand, flags, their values,
 * Terraform's single-dash spellings), every `npm run X` names a script of package.json, and
 * every relative link leads to a file — and to a heading there, when it names one. Commands are
 * parsed in process with each command's action replaced, so nothing runs and this costs
 * milliseconds.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Command, CommanderError } from 'commander';
import { buildProgram } from '../../src/cli/main';
import { longOptionNames, normalizeTerraformFlags } from '../../src/cli/terraform-flags';
import { anchors, bedrockPtArgs, documentationFiles, links, npmScript, prose, ROOT, shellCommands } from './markdown';

const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');
const scripts = Object.keys((JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts);

/** Why the CLI would refuse `bedrock-pt ...args` before doing anything, or undefined when it accepts it. */
async function refusal(args: string[]): Promise<string | undefined> {
  const program = buildProgram();
  let errors = '';
  const quiet = (cmd: Command): void => {
    cmd.configureOutput({ writeOut: () => undefined, writeErr: (s) => void (errors += s), outputError: (s) => void (errors += s) });
    if (cmd.commands.length === 0) cmd.action(() => undefined);
    cmd.commands.forEach(quiet);
  };
  quiet(program);
  try {
    await program.parseAsync(normalizeTerraformFlags(['node', 'bedrock-pt', ...args], longOptionNames(program)));
    return undefined;
  } catch (err) {
    if (err instanceof CommanderError && err.exitCode === 0) return undefined;
    return (errors || (err as Error).message).trim().split('\n')[0];
  }
}

async function commandProblems(file: string, markdown: string): Promise<string[]> {
  const problems: string[] = [];
  for (const words of shellCommands(markdown)) {
    const args = bedrockPtArgs(words);
    if (args) {
      const why = await refusal(args);
      if (why) problems.push(`${file}: bedrock-pt ${args.join(' ')}: ${why}`);
    }
    const script = npmScript(words);
    if (script !== undefined && !scripts.includes(script)) problems.push(`${file}: ${words.join(' ')}: package.json has no script "${script}"`);
  }
  // `npm run X` named in the prose, too.
  for (const [, script] of prose(markdown).matchAll(/`npm run ([\w:-]+)/g)) {
    if (!scripts.includes(script)) problems.push(`${file}: npm run ${script}: package.json has no script "${script}"`);
  }
  return problems;
}

function linkProblems(file: string, markdown: string): string[] {
  const problems: string[] = [];
  for (const { target, line } of links(markdown)) {
    if (/^[a-z]+:/i.test(target)) continue;
    const [relative, anchor] = target.split('#');
    const resolved = relative ? path.join(path.dirname(path.join(ROOT, file)), relative) : path.join(ROOT, file);
    if (!fs.existsSync(resolved)) {
      problems.push(`${file}:${line}: ${target} does not exist`);
    } else if (anchor && resolved.endsWith('.md') && !anchors(fs.readFileSync(resolved, 'utf8')).has(anchor)) {
      problems.push(`${file}:${line}: ${target} names no heading of ${path.relative(ROOT, resolved)}`);
    }
  }
  return problems;
}

describe('the commands and links of README and docs/', () => {
  const files = documentationFiles();

  it('reads README and the reference pages', () => {
    expect(files).toEqual(
      expect.arrayContaining(['README.md', 'docs/index.md', path.join('docs', 'resources', 'provisioned_model_throughput.md'), 'docs/cli.md']),
    );
  });

  it.each(files)('%s: every bedrock-pt command and npm script in its shell blocks exists as written', async (file) => {
    expect(await commandProblems(file, read(file))).toEqual([]);
  });

  it.each(files)('%s: every relative link leads to a file and heading that exist', (file) => {
    expect(linkProblems(file, read(file))).toEqual([]);
  });

  it('finds the commands a first plan needs on each door', () => {
    const readme = shellCommands(read('README.md'));
    const run = readme
      .map(bedrockPtArgs)
      .filter((a): a is string[] => !!a)
      .map((a) => a.join(' '));
    expect(run).toEqual(expect.arrayContaining(['plan --all', 'provider install', 'emulator --committed-units-quota 2']));
    expect(readme.map(npmScript)).toEqual(expect.arrayContaining(['demo', 'test']));
  });
});

describe('the check itself', () => {
  const block = (line: string) => `Run:\n\n\`\`\`sh\n${line}\n\`\`\`\n`;

  it('refuses an unknown flag, a bad flag value, a missing argument and an unknown subcommand', async () => {
    expect(await commandProblems('x.md', block('bedrock-pt plan --al'))).toEqual([expect.stringContaining("unknown option '--al'")]);
    expect(await commandProblems('x.md', block('bedrock-pt emulator --port 99999'))).toEqual([expect.stringContaining('--port')]);
    expect(await commandProblems('x.md', block('bedrock-pt show'))).toEqual([expect.stringContaining("missing required argument 'planfile'")]);
    expect(await commandProblems('x.md', block('cd out && . ./env.sh && bedrock-pt stat list'))).toEqual([expect.stringContaining('bedrock-pt stat list')]);
    expect(await commandProblems('x.md', block('bedrock-pt plan -target=x'))).toEqual([expect.stringContaining('no bedrock-pt equivalent')]);
  });

  it('accepts commands as a shell reads them: comments, pipes, redirections, continuations, npx', async () => {
    const text = block(
      'echo yes | npx bedrock-pt apply --stack dev -auto-approve  # a comment --nope\nbedrock-pt show plan.json --json > out.json 2>&1\nbedrock-pt plan \\\n  --all\nBEDROCK_PT_DEMO_STAGE=initial bedrock-pt plan --all',
    );
    expect(shellCommands(text).map(bedrockPtArgs)).toEqual([
      undefined,
      ['apply', '--stack', 'dev', '-auto-approve'],
      ['show', 'plan.json', '--json'],
      ['plan', '--all'],
      ['plan', '--all'],
    ]);
    expect(await commandProblems('x.md', text)).toEqual([]);
  });

  it('refuses an npm script package.json does not have', async () => {
    expect(await commandProblems('x.md', block('npm run demo -- --port 4600\nnpm run domo'))).toEqual([
      'x.md: npm run domo: package.json has no script "domo"',
    ]);
    expect(await commandProblems('x.md', 'Reproduce with `npm run bench --quick`, then `npm run benhc`.\n')).toEqual([
      'x.md: npm run benhc: package.json has no script "benhc"',
    ]);
  });

  it('refuses a link to a missing file or heading', () => {
    const text = '[ok](docs/cli.md) [gone](docs/nope.md) [head](docs/cli.md#commands) [bad](docs/cli.md#no-such-heading)\n';
    expect(linkProblems('README.md', text)).toEqual([
      'README.md:1: docs/nope.md does not exist',
      'README.md:1: docs/cli.md#no-such-heading names no heading of docs/cli.md',
    ]);
  });
});
