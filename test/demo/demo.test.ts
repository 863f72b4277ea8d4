/**
 * `npm run demo` is the project's main job: run it as CI would (built dist, no AWS account)
 * and check what it leaves behind, not just its exit code.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import * as example from '../../examples/app/environments';
import type { ExampleEnvironments } from '../../src/demo/app';

jest.setTimeout(120_000);

// The demo loads the example app from the build (src/ does not import examples/): the example
// must keep the shape the demo reads, which tsc checks here.
void (example satisfies ExampleEnvironments);

const ROOT = path.resolve(__dirname, '..', '..');
const ADDRESS = 'aws_bedrock_provisioned_model_throughput.support_chat';

interface TfPlanJson {
  applyable: boolean;
  resource_changes: { address: string; action_reason?: string; change: { actions: string[]; before: { provisioned_model_arn?: string } | null } }[];
}

const DEMO = path.join(ROOT, 'dist', 'src', 'demo', 'main.js');

/** A port nothing listens on now, so the hand-run emulator can have it (never the default 4599). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

describe('npm run demo -- --port N', () => {
  let dir: string;
  let port: number;
  let result: ReturnType<typeof spawnSync>;
  let stdout: string;

  const readFile = (name: string) => fs.readFileSync(path.join(dir, name), 'utf8');
  const ptAttributes = (env: string) =>
    JSON.parse(readFile(`terraform.${env}.tfstate`)).resources.find((r: { type: string }) => r.type === 'aws_bedrock_provisioned_model_throughput').instances[0]
      .attributes;
  const tfPlan = () => JSON.parse(readFile('plan.tf.json')) as TfPlanJson;
  const change = (env: string) => tfPlan().resource_changes.find((c) => c.address === `module.${env}.${ADDRESS}`)!;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bedrock-pt-demo-'));
    port = await freePort();
    // Credentials of a real account in the caller's environment must not matter.
    const env = {
      ...process.env,
      BEDROCK_PT_DEMO_DIR: dir,
      AWS_ACCESS_KEY_ID: 'AKIAREALACCOUNTKEY99',
      AWS_SECRET_ACCESS_KEY: 'real-secret-do-not-use',
      AWS_PROFILE: 'real',
      AWS_REGION: 'eu-west-1',
    };
    result = spawnSync(process.execPath, [DEMO, '--port', String(port)], { env, encoding: 'utf8', timeout: 110_000 });
    stdout = String(result.stdout);
  });

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('exits 0 and says where its files are', () => {
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(stdout).toContain('Demo complete');
    for (const file of ['plan.md', 'plan.json', 'plan.tf.json', 'terraform.prod.tfstate']) expect(stdout).toContain(path.join(dir, file));
  });

  it('echoes each CLI command before its output, like a tutorial', () => {
    const commands = stdout.split('\n').filter((line) => line.startsWith('$ bedrock-pt '));
    expect(commands).toEqual([
      '$ bedrock-pt plan --all --out initial.plan.json',
      '$ bedrock-pt apply initial.plan.json',
      '$ bedrock-pt plan --all --detailed-exitcode',
      '$ bedrock-pt plan --all --out plan.json --markdown plan.md',
      '$ bedrock-pt show plan.json --json > plan.tf.json',
      '$ bedrock-pt apply plan.json --stack dev --stack staging',
      '$ bedrock-pt plan --all',
    ]);
  });

  it("names the caller's AWS variables it ignored", () => {
    expect(stdout).toMatch(/ignored from your shell: AWS_PROFILE, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_REGION/);
  });

  it('writes a PR comment that calls out the blocked prod replace with its commitment end', () => {
    const markdown = readFile('plan.md');
    expect(markdown.split('\n')[0]).toBe('<!-- bedrock-pt-plan -->');
    expect(markdown).toMatch(/blocked.*replace.*`prod`/i);
    expect(markdown).toMatch(/model units cannot be changed/);
    expect(markdown).toMatch(/SixMonths commitment of "prod-support-chat" runs until \d{4}-\d\d-\d\d \d\d:\d\d UTC \(1[78]\d days left\)/);
  });

  it("writes Terraform's JSON plan: in-place updates for dev and staging, a replace for prod", () => {
    expect(change('dev').change.actions).toEqual(['update']);
    expect(change('staging').change.actions).toEqual(['update']);
    expect(change('prod').change.actions).toEqual(['delete', 'create']);
    expect(change('prod').action_reason).toBe('replace_because_cannot_update');
    expect(tfPlan().applyable).toBe(false);
  });

  it('keeps every PT ARN: dev renamed and moved to devsupport02 in place, prod untouched', () => {
    const arnPattern = (region: string, account: string) => new RegExp(`^arn:aws:bedrock:${region}:${account}:provisioned-model/[a-z0-9]{12}$`);
    const expected = { dev: ['us-east-1', '111111111111'], staging: ['us-west-2', '222222222222'], prod: ['us-east-1', '333333333333'] };
    for (const [env, [region, account]] of Object.entries(expected)) {
      const attrs = ptAttributes(env);
      expect(attrs.provisioned_model_arn).toMatch(arnPattern(region, account));
      // The plan's "before" is the PT as first created; the state after the apply still names it.
      expect(attrs.provisioned_model_arn).toBe(change(env).change.before?.provisioned_model_arn);
    }
    expect(ptAttributes('dev').provisioned_model_name).toBe('dev-support-assistant');
    expect(ptAttributes('dev').model_arn).toMatch(/custom-model\/amazon\.titan-text-express-v1:0:8k\/devsupport02$/);
    expect(ptAttributes('staging').tags_all).toMatchObject({ CostCenter: 'cc-5678', Owner: 'ml-platform' });
    expect(ptAttributes('prod').model_units).toBe(2);
  });

  it('never writes the credentials of the calling environment', () => {
    for (const file of ['plan.json', 'plan.md', 'plan.tf.json', 'terraform.dev.tfstate']) {
      expect(readFile(file)).not.toContain('AKIAREALACCOUNTKEY99');
    }
    expect(stdout).not.toContain('real-secret-do-not-use');
  });

  it('prints two commands that serve its cloud again and plan against it by hand, and they work as printed', async () => {
    const lines = stdout.split('\n').map((l) => l.trim());
    const emulatorLine = lines.find((l) => / && bedrock-pt emulator /.test(l));
    const planLine = lines.find((l) => l.endsWith('&& bedrock-pt plan --all'));
    expect(emulatorLine).toContain(` --port ${port} `);
    expect(planLine).toBeDefined();
    expect(readFile('demo-env.sh')).toContain(`AWS_ENDPOINT_URL_BEDROCK='http://127.0.0.1:${port}'`);
    // The user's shell may hold a real account's variables: the env file must clear them.
    const shellEnv = {
      ...process.env,
      AWS_PROFILE: 'real',
      AWS_ACCESS_KEY_ID: 'AKIAREALACCOUNTKEY99',
      AWS_SECRET_ACCESS_KEY: 'x',
      AWS_ENDPOINT_URL_BEDROCK: 'http://127.0.0.1:9',
    };
    const server = spawn('bash', ['-c', emulatorLine!], { env: shellEnv, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      await new Promise<void>((resolve, reject) => {
        let seen = '';
        server.stdout!.on('data', (d: Buffer) => {
          seen += d.toString();
          if (seen.includes('listening on')) resolve();
        });
        server.on('exit', (code) => reject(new Error(`the emulator command exited ${code}: ${seen}`)));
      });
      const plan = spawnSync('bash', ['-c', planLine!], { env: shellEnv, encoding: 'utf8', timeout: 60_000 });
      // The state the demo ended in: dev and staging match, prod's replace is blocked by its commitment.
      expect(plan.status).toBe(1);
      expect(plan.stdout.match(/No changes\./g)).toHaveLength(2);
      expect(plan.stderr).toMatch(/SixMonths commitment of "prod-support-chat" runs until/);
    } finally {
      process.kill(-server.pid!, 'SIGINT');
      await new Promise((resolve) => server.once('close', resolve));
    }
  });
});

describe('npm run demo with a port it cannot print commands for', () => {
  it.each([
    [['--port', '70000'], {}, '--port 70000'],
    [[], { BEDROCK_PT_DEMO_PORT: 'http' }, 'BEDROCK_PT_DEMO_PORT=http'],
  ])('refuses %j %j before writing anything, naming %s', (args, vars, named) => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bedrock-pt-demo-')), 'out');
    try {
      const run = spawnSync(process.execPath, [DEMO, ...args], {
        env: { ...process.env, ...vars, BEDROCK_PT_DEMO_DIR: dir },
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect(run.status).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toBe(`Demo failed: ${named}: expected a port from 1 to 65535 for the hand-run emulator command\n`);
      expect(fs.existsSync(dir)).toBe(false);
    } finally {
      fs.rmSync(path.dirname(dir), { recursive: true, force: true });
    }
  });
});
