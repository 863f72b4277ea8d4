/**
 * README's first TypeScript example imports from 'bedrock-pt' as a user's project would. It
 * must work as written there: this test builds such a project (bedrock-pt installed from a
 * local folder, which npm links into node_modules), type-checks the snippet against the
 * package's published types, runs it, and reads what it synthesized; runs it again with the
 * cdktf.json README gives (tsx) through `bedrock-pt plan`; runs README's "first plan without AWS"
 * lines as a shell would; and runs it with invalid values.
 */
import { execFile, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startEmulator } from '../../src/emulator';
import { CLI, cli, HAIKU_PT, mutatingCalls, PROD, projectEnv } from '../e2e/harness';
import { compileMain, readmeSnippet, ROOT } from './user-project';

/** The lines of README's ```sh block under "## Using it" that names `main.ts` as the app. */
function readmeRunLines(): string[] {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Using it'));
  const block = [...section.matchAll(/```sh\n([\s\S]*?)```/g)].find((m) => m[1].includes('main.ts'));
  if (!block) throw new Error('README has no ```sh block running main.ts under "## Using it"');
  return block[1].trim().split('\n');
}

/** The ```sh block of README's "A first plan without AWS" that plans, and the emulator line before it. */
function readmeFirstPlan(): { emulator: string; plan: string } {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('**A first plan without AWS.**'));
  const blocks = [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]);
  const emulator = blocks.find((b) => b.includes('bedrock-pt emulator'));
  const plan = blocks.find((b) => b.includes('bedrock-pt plan'));
  if (!emulator || !plan) throw new Error('README has no emulator and plan blocks under "A first plan without AWS"');
  return { emulator, plan };
}

function bash(script: string, cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('bash', ['-c', script], { cwd, env, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

/** A project that installed bedrock-pt from this checkout (`npm install /path/to/bedrock-pt` links the folder). */
function userProject(snippet: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bedrock-pt-readme-'));
  const modules = path.join(dir, 'node_modules');
  fs.mkdirSync(modules);
  fs.symlinkSync(ROOT, path.join(modules, 'bedrock-pt'), 'dir');
  // What the user's own package.json would list next to bedrock-pt.
  for (const dep of ['cdktf', 'constructs', 'tsx']) fs.symlinkSync(path.join(ROOT, 'node_modules', dep), path.join(modules, dep), 'dir');
  // `npm install --save-dev tsx` also links its command, which `npx tsx` finds.
  fs.mkdirSync(path.join(modules, '.bin'));
  fs.symlinkSync(fs.realpathSync(path.join(ROOT, 'node_modules', '.bin', 'tsx')), path.join(modules, '.bin', 'tsx'));
  fs.writeFileSync(path.join(dir, 'main.ts'), snippet);
  return dir;
}

describe("README's `import … from 'bedrock-pt'` example", () => {
  let dir: string;
  beforeAll(() => {
    dir = userProject(readmeSnippet());
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('imports from the package name and type-checks against its published types', () => {
    expect(readmeSnippet()).toMatch(/from 'bedrock-pt'/);
    expect(compileMain(dir)).toEqual([]);
  });

  it('runs and synthesizes the PT it declares into the prod stack', () => {
    const run = spawnSync(process.execPath, ['main.js'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const stack = JSON.parse(fs.readFileSync(path.join(dir, 'cdktf.out', 'stacks', 'prod', 'cdk.tf.json'), 'utf8'));
    const pts = Object.values(stack.resource.aws_bedrock_provisioned_model_throughput) as Record<string, unknown>[];
    expect(pts).toEqual([expect.objectContaining({ provisioned_model_name: 'prod-support-chat', model_units: 2, commitment_duration: 'SixMonths' })]);
  });

  it('is blocked against a fresh emulator (no committed units, as on AWS) and applies with the flag README names', async () => {
    const out = path.join(dir, 'cdktf.out');
    // `bedrock-pt emulator` with and without `--committed-units-quota 2`, as README says.
    for (const quota of [undefined, 2]) {
      const emulator = await startEmulator({
        accounts: { [PROD.accessKeyId]: PROD.account },
        createDelayMs: 100,
        ...(quota === undefined ? {} : { committedUnitsQuota: quota }),
      });
      try {
        const env = {
          ...projectEnv(dir),
          AWS_ENDPOINT_URL_BEDROCK: emulator.url,
          AWS_ENDPOINT_URL_STS: emulator.url,
          AWS_ENDPOINT_URL_SERVICE_QUOTAS: emulator.url,
        };
        fs.rmSync(path.join(dir, 'terraform.prod.tfstate'), { force: true });
        const apply = await cli(['apply', '--auto-approve', '--synth-dir', out], { cwd: dir, env });
        if (quota === undefined) {
          expect(apply.code).toBe(1);
          expect(apply.stderr).toContain('Needs 2 model unit(s) of the quota "Model units per provisioned model for Anthropic Claude 3 Haiku 200K"');
          expect(mutatingCalls(emulator)).toEqual([]);
        } else {
          expect(apply.stderr).toBe('');
          expect(apply.code).toBe(0);
          expect(emulator.inventory(PROD.account).map((pt) => pt.provisionedModelName)).toEqual(['prod-support-chat']);
        }
      } finally {
        await emulator.close();
      }
    }
  }, 120_000);
});

describe("README's `main.ts`, run the way README says", () => {
  let dir: string;
  beforeAll(() => {
    dir = userProject(readmeSnippet());
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("installs tsx and names `npx tsx main.ts` as the app; README's first plan then runs it and plans its PT against the emulator", async () => {
    const [install, app] = readmeRunLines();
    // The install is what userProject's node_modules holds (tsx linked, as npm would): no network in tests.
    expect(install).toBe('npm install --save-dev tsx');
    const written = spawnSync('bash', ['-c', app], { cwd: dir, encoding: 'utf8' });
    expect(written.status).toBe(0);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'cdktf.json'), 'utf8'))).toEqual({ language: 'typescript', app: 'npx tsx main.ts' });

    // Then README's "first plan without AWS", as written: its emulator flag, its throwaway profile
    // and endpoints (on the emulator's free port instead of 4599), `npx bedrock-pt plan --all`.
    const { emulator: start, plan } = readmeFirstPlan();
    expect(start).toMatch(/^npx bedrock-pt emulator --committed-units-quota \d+ /);
    const emulator = await startEmulator({ committedUnitsQuota: Number(/--committed-units-quota (\d+)/.exec(start)![1]), createDelayMs: 100 });
    try {
      // npm links the package's bin, which `npx bedrock-pt` finds, and makes its target executable
      // (in the linked folder too); no AWS_* comes from this process.
      fs.chmodSync(CLI, fs.statSync(CLI).mode | 0o111);
      fs.symlinkSync(CLI, path.join(dir, 'node_modules', '.bin', 'bedrock-pt'));
      const env = {
        PATH: `${path.join(dir, 'node_modules', '.bin')}${path.delimiter}${process.env.PATH}`,
        HOME: dir,
        NO_COLOR: '1',
        NODE_NO_WARNINGS: '1',
        npm_config_update_notifier: 'false',
        BEDROCK_PT_REQUEST_TIMEOUT_MS: '5000',
      };
      const run = await bash(plan.replaceAll('http://127.0.0.1:4599', emulator.url), dir, env);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('prod-support-chat');
      expect(run.stdout).toContain(HAIKU_PT);
      expect(run.stdout).toMatch(/Plan: 1 to add, 0 to change, 0 to destroy/);
      expect(mutatingCalls(emulator)).toEqual([]);
    } finally {
      await emulator.close();
    }
  }, 90_000);
});

describe("README's example with invalid values", () => {
  let dir: string;
  beforeAll(() => {
    const snippet = readmeSnippet().replace("name: 'prod-support-chat'", "name: 'prod support chat!'").replace('modelUnits: 2', 'modelUnits: 0');
    dir = userProject(snippet);
    expect(compileMain(dir)).toEqual([]);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('prints each problem once, with its construct path, field, value and rule, exits 1 and writes nothing', () => {
    const run = spawnSync(process.execPath, ['main.js'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.trimEnd().split('\n')).toEqual([
      'This app has 2 invalid values, so nothing was synthesized. Fix each and run again:',
      '  prod/support_chat: name is "prod support chat!"; must be 1-63 characters matching ^([0-9a-zA-Z][_-]?)+$',
      '  prod/support_chat: modelUnits is 0; must be an integer >= 1',
    ]);
    // cdktf's App makes cdktf.out/stacks when constructed; no file is written into them.
    const written = fs.readdirSync(path.join(dir, 'cdktf.out'), { recursive: true, withFileTypes: true }).filter((e) => !e.isDirectory());
    expect(written).toEqual([]);
  });
});
