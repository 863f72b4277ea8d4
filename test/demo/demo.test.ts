/**
 * `npm run demo` is the project's main job: run it as CI would (built dist, no AWS account)
 * and check what it leaves behind, not just its exit code.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const ADDRESS = 'aws_bedrock_provisioned_model_throughput.support_chat';

describe('npm run demo', () => {
  let dir: string;
  let result: ReturnType<typeof spawnSync>;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bedrock-pt-demo-'));
    // Credentials of a real account in the caller's environment must not matter.
    const env = { ...process.env, BEDROCK_PT_DEMO_DIR: dir, AWS_ACCESS_KEY_ID: 'AKIAREALACCOUNTKEY99', AWS_SECRET_ACCESS_KEY: 'real-secret-do-not-use', AWS_PROFILE: 'real' };
    result = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'src', 'demo', 'main.js')], { env, encoding: 'utf8', timeout: 110_000 });
  }, 120_000);

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('exits 0 and says where its files are', () => {
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Demo complete');
    expect(result.stdout).toContain(path.join(dir, 'plan.md'));
  });

  it('writes a PR comment that calls out the blocked prod replace with its reason', () => {
    const markdown = fs.readFileSync(path.join(dir, 'plan.md'), 'utf8');
    expect(markdown.split('\n')[0]).toBe('<!-- bedrock-pt-plan -->');
    expect(markdown).toMatch(/prod/);
    expect(markdown).toMatch(/commitment/i);
    expect(markdown).toMatch(/model units cannot be changed/);
  });

  it("writes Terraform's JSON plan: in-place updates for dev and staging, a replace for prod", () => {
    const plan = JSON.parse(fs.readFileSync(path.join(dir, 'plan.tf.json'), 'utf8')) as {
      resource_changes: { address: string; change: { actions: string[] } }[];
      applyable: boolean;
    };
    const actions = Object.fromEntries(plan.resource_changes.map((c) => [c.address, c.change.actions]));
    expect(actions[`module.dev.${ADDRESS}`]).toEqual(['update']);
    expect(actions[`module.staging.${ADDRESS}`]).toEqual(['update']);
    expect(actions[`module.prod.${ADDRESS}`]).toEqual(['delete', 'create']);
    expect(plan.applyable).toBe(false);
  });

  it('leaves Terraform state with the renamed dev PT and prod untouched', () => {
    const state = (env: string) => JSON.parse(fs.readFileSync(path.join(dir, `terraform.${env}.tfstate`), 'utf8'));
    const attrs = (env: string) => state(env).resources.find((r: { type: string }) => r.type === 'aws_bedrock_provisioned_model_throughput').instances[0].attributes;
    expect(state('dev').version).toBe(4);
    expect(attrs('dev').provisioned_model_name).toBe('dev-support-assistant');
    expect(attrs('dev').model_arn).toMatch(/custom-model\/.*\/devsupport02$/);
    expect(attrs('staging').tags_all).toMatchObject({ CostCenter: 'cc-5678', Owner: 'ml-platform' });
    expect(attrs('prod').model_units).toBe(2);
    expect(attrs('prod').provisioned_model_arn).toMatch(/^arn:aws:bedrock:us-east-1:333333333333:provisioned-model\/[a-z0-9]{12}$/);
  });

  it('never shows the credentials of the calling environment', () => {
    for (const file of ['plan.json', 'plan.md', 'plan.tf.json', 'terraform.dev.tfstate']) {
      expect(fs.readFileSync(path.join(dir, file), 'utf8')).not.toContain('AKIAREALACCOUNTKEY99');
    }
    expect(result.stdout).not.toContain('real-secret-do-not-use');
  });
});
