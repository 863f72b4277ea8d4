/**
 * Reading the project's Markdown as a reader follows it: the shell commands of its fenced blocks,
 * its relative links and the headings they point at, and the names a Registry-style reference
 * section lists.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');

/** README.md, every Markdown file under docs/, and the READMEs of examples/, bench/ and the emulator, relative to the repository root. */
export function documentationFiles(): string[] {
  const under = (dir: string, keep: (f: string) => boolean) =>
    fs
      .readdirSync(path.join(ROOT, dir), { recursive: true, encoding: 'utf8' })
      .filter(keep)
      .map((f) => path.join(dir, f))
      .sort();
  return [
    'README.md',
    ...under('docs', (f) => f.endsWith('.md')),
    ...under('examples', (f) => path.basename(f) === 'README.md' && !f.includes('node_modules') && !f.includes('.gen')),
    'bench/README.md',
    'src/emulator/README.md',
  ];
}

export interface Fence {
  lang: string;
  body: string;
}

const FENCE = /^```([\w-]*)\n([\s\S]*?)^```$/gm;

export function fences(markdown: string): Fence[] {
  return [...markdown.matchAll(FENCE)].map((m) => ({ lang: m[1], body: m[2] }));
}

/** The Markdown with its fenced blocks blanked (lines kept), so a `#` comment in a block is not a heading. */
export function prose(markdown: string): string {
  return markdown.replace(FENCE, (block) => block.replace(/[^\n]/g, ''));
}

const SHELL_LANGS = new Set(['sh', 'shell', 'bash', 'console']);

/**
 * The simple commands of the shell blocks, each as its words: continuation lines joined,
 * comments dropped, split at `&&`, `||`, `|` and `;`, redirections and their targets left out,
 * quotes removed.
 */
export function shellCommands(markdown: string): string[][] {
  return fences(markdown)
    .filter((f) => SHELL_LANGS.has(f.lang))
    .flatMap((f) => f.body.replace(/\\\n/g, ' ').split('\n'))
    .flatMap(commandsOfLine);
}

function commandsOfLine(line: string): string[][] {
  const commands: string[][] = [[]];
  let word: string | undefined;
  let redirect = false;
  const end = () => {
    if (word === undefined) return;
    if (redirect) redirect = false;
    else commands[commands.length - 1].push(word);
    word = undefined;
  };
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === "'" || c === '"') {
      const close = line.indexOf(c, i + 1);
      if (close < 0) throw new Error(`unclosed quote in: ${line}`);
      word = (word ?? '') + line.slice(i + 1, close);
      i = close;
    } else if (/\s/.test(c)) {
      end();
    } else if (c === '#' && word === undefined) {
      break;
    } else if (c === '&' || c === '|' || c === ';') {
      end();
      if (line[i + 1] === c) i++;
      commands.push([]);
    } else if (c === '>' || c === '<') {
      if (word !== undefined && /^\d$/.test(word)) word = undefined;
      else end();
      if (line[i + 1] === '>') i++;
      if (line[i + 1] === '&') i++;
      redirect = true;
    } else {
      word = (word ?? '') + c;
    }
  }
  end();
  return commands.filter((words) => words.length > 0);
}

/** The words after the program, when a command runs bedrock-pt (directly, by npx, or from dist/). */
export function bedrockPtArgs(words: string[]): string[] | undefined {
  let rest = words;
  while (rest.length && /^[A-Z_][A-Z0-9_]*=/.test(rest[0])) rest = rest.slice(1);
  if (rest[0] === 'npx') rest = rest.slice(1);
  if (rest[0] === 'bedrock-pt') return rest.slice(1);
  if (rest[0] === 'node' && rest[1] === 'dist/src/cli/bedrock-pt.js') return rest.slice(2);
  return undefined;
}

/** The package.json script an `npm` command runs (`npm run X`, `npm test`), if any. */
export function npmScript(words: string[]): string | undefined {
  if (words[0] !== 'npm') return undefined;
  if (words[1] === 'run' || words[1] === 'run-script') return words[2];
  if (['test', 't', 'start', 'stop', 'restart'].includes(words[1])) return words[1] === 't' ? 'test' : words[1];
  return undefined;
}

export interface Link {
  target: string;
  line: number;
}

/** Links of the prose (not of code blocks), with their line numbers. */
export function links(markdown: string): Link[] {
  const out: Link[] = [];
  prose(markdown)
    .split('\n')
    .forEach((text, i) => {
      for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) out.push({ target: m[1], line: i + 1 });
    });
  return out;
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as dashes. */
export function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\- _]/gu, '')
    .replace(/ /g, '-');
}

export function anchors(markdown: string): Set<string> {
  return new Set([...prose(markdown).matchAll(/^#{1,6} (.+)$/gm)].map((m) => slug(m[1])));
}

/** The text of the `## title` section, code blocks included, up to the next heading of level two or less. */
export function section(markdown: string, title: string): string {
  const lines = prose(markdown).split('\n');
  const start = lines.findIndex((l) => l === `## ${title}`);
  if (start < 0) throw new Error(`no "## ${title}" section`);
  const end = lines.findIndex((l, i) => i > start && /^#{1,2} /.test(l));
  return markdown
    .split('\n')
    .slice(start + 1, end < 0 ? undefined : end)
    .join('\n');
}

export interface ListedName {
  name: string;
  /** `Required` or `Optional` as the list says, or undefined for an attribute. */
  kind?: string;
}

/**
 * The names a reference section lists as `* \`name\` - ...`, those under a `### block`
 * subheading as `block.name`.
 */
export function listedNames(text: string): ListedName[] {
  let block = '';
  const out: ListedName[] = [];
  for (const line of prose(text).split('\n')) {
    const heading = /^### `?([a-z_]+)`?/.exec(line);
    if (heading) block = `${heading[1]}.`;
    const item = /^\* `([a-z_]+)` - (?:\((Required|Optional)\))?/.exec(line);
    if (item) out.push({ name: block + item[1], kind: item[2] });
  }
  return out;
}

/**
 * The argument names set inside the HCL blocks whose first line matches `header` (e.g.
 * `provider "bedrockpt" {`) in the `hcl` fences: top-level names, and `block.name` inside nested
 * blocks. Map values (`tags = { ... }`) are not looked into.
 */
export function hclArguments(markdown: string, header: RegExp): string[] {
  const names: string[] = [];
  const MAP = '=map';
  for (const { body } of fences(markdown).filter((f) => f.lang === 'hcl')) {
    const lines = body.split('\n');
    for (let i = 0; i < lines.length; i++) {
      if (!header.test(lines[i])) continue;
      const stack: string[] = [];
      for (let j = i + 1; j < lines.length; j++) {
        const line = lines[j].replace(/#.*$/, '').trim();
        if (line === '}') {
          if (stack.length === 0) break;
          stack.pop();
          continue;
        }
        if (stack[stack.length - 1] === MAP) continue;
        const prefix = stack.length ? `${stack.join('.')}.` : '';
        const block = /^([a-z_]+)\s*\{(.*)$/.exec(line);
        const attribute = /^([a-z_]+)\s*=\s*(.*)$/.exec(line);
        if (block) {
          names.push(prefix + block[1]);
          const inner = block[2].trim();
          if (inner === '') stack.push(block[1]);
          else
            for (const m of inner
              .replace(/\}$/, '')
              .replace(/\{[^{}]*\}/g, '')
              .matchAll(/\b([a-z_]+)\s*=/g))
              names.push(`${prefix}${block[1]}.${m[1]}`);
        } else if (attribute) {
          names.push(prefix + attribute[1]);
          if (attribute[2] === '{') stack.push(MAP);
        }
      }
    }
  }
  return names;
}
