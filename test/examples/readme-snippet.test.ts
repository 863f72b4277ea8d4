/**
 * README's first TypeScript example imports from 'bedrock-pt' as a user's project would. It
 * must work as written there: this test builds such a project (bedrock-pt installed from a
 * local folder, which npm links into node_modules), type-checks the snippet against the
 * package's published types, runs it, and reads what it synthesized.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startEmulator } from '../../src/emulator';
import { cli, mutatingCalls, PROD, projectEnv } from '../e2e/harness';
import { compileMain, readmeSnippet, ROOT } from './user-project';

/** A project that installed bedrock-pt from this checkout (`npm install /path/to/bedrock-pt` links the folder). */
function userProject(snippet: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bedrock-pt-readme-'));
  const modules = path.join(dir, 'node_modules');
  fs.mkdirSync(modules);
  fs.symlinkSync(ROOT, path.join(modules, 'bedrock-pt'), 'dir');
  // What the user's own package.json would list next to bedrock-pt.
  for (const dep of ['cdktf', 'constructs']) fs.symlinkSync(path.join(ROOT, 'node_modules', dep), path.join(modules, dep), 'dir');
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
    expect(pts).toEqual([
      expect.objectContaining({ provisioned_model_name: 'prod-support-chat', model_units: 2, commitment_duration: 'SixMonths' }),
    ]);
  });

  it('is blocked against a fresh emulator (no committed units, as on AWS) and applies with the flag README names', async () => {
    const out = path.join(dir, 'cdktf.out');
    // `bedrock-pt emulator` with and without `--committed-units-quota 2`, as README says.
    for (const quota of [undefined, 2]) {
      const emulator = await startEmulator({ accounts: { [PROD.accessKeyId]: PROD.account }, createDelayMs: 100, ...(quota === undefined ? {} : { committedUnitsQuota: quota }) });
      try {
        const env = { ...projectEnv(dir), AWS_ENDPOINT_URL_BEDROCK: emulator.url, AWS_ENDPOINT_URL_STS: emulator.url, AWS_ENDPOINT_URL_SERVICE_QUOTAS: emulator.url };
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
