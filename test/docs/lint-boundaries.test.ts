/**
 * The lint's boundaries and its cycle rule catch what docs/development.md says they catch. A
 * throwaway project laid out like this repository (src/engine, src/resources, examples/, bench/,
 * test/) holds one small file per case, and the real ESLint CLI lints it with this repository's
 * eslint.config.mjs, as `npm run lint` does.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const ESLINT = path.join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js');

/** Files of the throwaway project, by path: each case is one file importing another. */
const PROJECT: Record<string, string> = {
  'src/resources/construct.ts': 'export const construct = 1;\n',
  'src/engine/plan.ts': "import { construct } from '../resources/construct';\nexport const plan = construct;\n",
  'src/engine/apply.ts': 'export const apply = 1;\n',
  'src/engine/order/first.ts': "import { second } from './second';\nexport const first = (): number => second();\n",
  'src/engine/order/second.ts': "import { first } from './first';\nexport const second = (): number => first();\n",
  'src/demo/app.ts': "import { environments } from '../../examples/app/environments';\nexport const app = environments;\n",
  'src/cli/command.ts': "import { apply } from '../engine/apply';\nexport const command = apply;\n",
  'examples/app/environments.ts': "import { command } from '../../src/cli/command';\nexport const environments = command;\n",
  'test/support/harness.ts': "import { environments } from '../../examples/app/environments';\nexport const harness = environments;\n",
  'bench/tools.ts': "import { harness } from '../test/support/harness';\nexport const tools = harness;\n",
};

interface LintResult {
  filePath: string;
  messages: { ruleId: string | null; message: string }[];
}

/** Each file that has problems, with the rules that reported them. */
function lintProject(): Record<string, string[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bedrock-pt-lint-'));
  try {
    for (const [file, text] of Object.entries(PROJECT)) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), text);
    }
    const run = spawnSync(process.execPath, [ESLINT, '--config', path.join(ROOT, 'eslint.config.mjs'), '--format', 'json', '.'], {
      cwd: dir,
      encoding: 'utf8',
    });
    if (run.status !== 0 && run.status !== 1) throw new Error(`eslint exited ${run.status}: ${run.stderr}`);
    const results = JSON.parse(run.stdout) as LintResult[];
    expect(results.map((r) => path.relative(dir, r.filePath)).sort()).toEqual(Object.keys(PROJECT).sort());
    return Object.fromEntries(
      results.filter((r) => r.messages.length).map((r) => [path.relative(dir, r.filePath), r.messages.map((m) => m.ruleId ?? m.message)]),
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('npm run lint', () => {
  let problems: Record<string, string[]>;
  beforeAll(() => {
    problems = lintProject();
  }, 60_000);

  it('fails the engine importing from what is built on it (src/resources, the CLI, the provider, the demo)', () => {
    expect(problems['src/engine/plan.ts']).toEqual(['import-x/no-restricted-paths']);
  });

  it('fails src/ importing examples/, since the package must build and run without the repository', () => {
    expect(problems['src/demo/app.ts']).toEqual(['import-x/no-restricted-paths']);
  });

  it('fails bench/ importing test/', () => {
    expect(problems['bench/tools.ts']).toEqual(['import-x/no-restricted-paths']);
  });

  it('fails two modules importing each other, at both ends', () => {
    expect(problems['src/engine/order/first.ts']).toEqual(['import-x/no-cycle']);
    expect(problems['src/engine/order/second.ts']).toEqual(['import-x/no-cycle']);
  });

  it('passes the allowed directions: the CLI on the engine, examples on src, tests on examples', () => {
    expect(Object.keys(problems).sort()).toEqual([
      'bench/tools.ts',
      'src/demo/app.ts',
      'src/engine/order/first.ts',
      'src/engine/order/second.ts',
      'src/engine/plan.ts',
    ]);
  });
});
