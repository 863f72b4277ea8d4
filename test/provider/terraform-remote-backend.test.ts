/**
 * The Terraform path on a real remote backend, offline: the Terraform-path example synthesized
 * with its team-state flag (BEDROCK_PT_STATE_BUCKET), Terraform's s3 backend on a local S3
 * server with a DynamoDB lock table (test/support/state-servers.ts), the provider against the
 * emulator. Each environment keeps its own state object; a second apply waits for, or fails on,
 * the lock another apply holds and buys nothing; a killed apply leaves its lock, and after
 * `terraform force-unlock` the next apply in the same directory records the PT the killed one
 * bought, buying none, while a runner without that directory's purchase journal is refused the
 * create (the PT holds its name) and told to import it. The tests run in order on one set of
 * servers, as a team's runs would: dev, then prod, then staging are applied, and the last
 * reviews all three.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Emulator } from '../../src/emulator';
import { cli, DEV, PROD, ROOT, STAGING, startE2eEmulator, type CliResult } from '../e2e/harness';
import { S3RVER_KEYS, StateServers } from '../support/state-servers';
import { describeWithTerraform, removeTempDirs, TERRAFORM, TerraformWorkspace } from './harness';

const TERRAFORM_APP = path.join(ROOT, 'dist/examples/terraform-app/main.js');
const ENVIRONMENTS = { dev: DEV, staging: STAGING, prod: PROD };
type Env = keyof typeof ENVIRONMENTS;
const CREATE = 'CreateProvisionedModelThroughput';
/** Long enough that only the test ends a create's wait (by advancing the emulator's clock). */
const HELD_CREATE_MS = 600_000;

let emulator: Emulator;
let servers: StateServers;
let ws: TerraformWorkspace;

const stackDir = (env: Env) => path.join(ws.work, 'cdktf.out', 'stacks', env);
const stateKey = (env: Env) => `support-bot/${env}.tfstate`;
const tf = (env: Env, args: string[]) => ws.terraform([`-chdir=${stackDir(env)}`, ...args]);
const apply = (env: Env, ...flags: string[]) => tf(env, ['apply', '-auto-approve', '-input=false', '-no-color', ...flags]);
const ptsIn = (env: Env) => emulator.inventory(ENVIRONMENTS[env].account, ENVIRONMENTS[env].region);
const createsIn = (env: Env) => emulator.requests().filter((r) => r.operation === CREATE && r.account === ENVIRONMENTS[env].account).length;

const background: ChildProcess[] = [];

/** `terraform apply` in the background, its output kept for a failing test's message; killed after the test if still running. */
function applyInBackground(env: Env, ...flags: string[]): { child: ChildProcess; done: Promise<CliResult> } {
  const child = spawn(TERRAFORM!, [`-chdir=${stackDir(env)}`, 'apply', '-auto-approve', '-input=false', '-no-color', ...flags], { cwd: ws.work, env: ws.env });
  background.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const done = new Promise<CliResult>((resolve) => child.on('exit', (code, signal) => resolve({ code: code ?? (signal ? 137 : 1), stdout, stderr })));
  return { child, done };
}

async function until(what: string, check: () => boolean | Promise<boolean>, ms = 120_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function succeeded(run: CliResult, what: string): CliResult {
  if (run.code !== 0) throw new Error(`${what} exited ${run.code}:\n${run.stdout}\n${run.stderr}`);
  return run;
}

/** A stack's remote state (`terraform state pull`): the PTs it records, by address. */
async function recordedPts(env: Env): Promise<Record<string, Record<string, unknown>>> {
  const text = succeeded(await tf(env, ['state', 'pull']), `terraform state pull (${env})`).stdout;
  const state = text.trim() ? JSON.parse(text) : { resources: [] };
  return Object.fromEntries(
    state.resources
      .filter((r: { type: string }) => r.type === 'bedrockpt_provisioned_model_throughput')
      .map((r: { type: string; name: string; instances: { attributes: Record<string, unknown> }[] }) => [`${r.type}.${r.name}`, r.instances[0].attributes]),
  );
}

/** The one PT a stack's state records, and that the emulator holds in its account. */
async function expectOnePtRecorded(env: Env): Promise<void> {
  const live = ptsIn(env);
  expect(live).toHaveLength(1);
  const recorded = Object.values(await recordedPts(env));
  expect(recorded.map((pt) => pt.provisioned_model_arn)).toEqual([live[0].provisionedModelArn]);
}

function synthesize(): Promise<void> {
  const env = {
    ...ws.env,
    CDKTF_OUTDIR: path.join(ws.work, 'cdktf.out'),
    BEDROCK_PT_STATE_BUCKET: servers.bucket,
    BEDROCK_PT_LOCK_TABLE: servers.table,
    BEDROCK_PT_STATE_ENDPOINT: servers.s3Url,
    BEDROCK_PT_LOCK_ENDPOINT: servers.dynamodbUrl,
  };
  return new Promise<void>((resolve, reject) =>
    execFile(process.execPath, [TERRAFORM_APP], { cwd: ws.work, env }, (error, _stdout, stderr) =>
      error ? reject(new Error(`synth failed: ${stderr}`)) : resolve(),
    ),
  );
}

afterAll(removeTempDirs);

describeWithTerraform('the Terraform path on an s3 backend with a DynamoDB lock table', () => {
  beforeAll(async () => {
    emulator = await startE2eEmulator();
    ws = await TerraformWorkspace.create({ emulatorUrl: emulator.url });
    servers = await StateServers.start(path.join(ws.dir, 's3'));
    // The backend reads the state with its own profile, as a team's state bucket has its own role.
    fs.appendFileSync(
      ws.env.AWS_SHARED_CREDENTIALS_FILE!,
      `[bedrock-pt-state]\naws_access_key_id = ${S3RVER_KEYS.accessKeyId}\naws_secret_access_key = ${S3RVER_KEYS.secretAccessKey}\n`,
    );
    // One copy of hashicorp/aws for the three stack directories.
    ws.env.TF_PLUGIN_CACHE_DIR = path.join(ws.dir, 'plugin-cache');
    fs.mkdirSync(ws.env.TF_PLUGIN_CACHE_DIR);
    await synthesize();
    for (const env of Object.keys(ENVIRONMENTS) as Env[]) succeeded(await tf(env, ['init', '-input=false', '-no-color']), `terraform init (${env})`);
  }, 300_000);

  afterEach(() => {
    for (const child of background.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });

  afterAll(async () => {
    await servers?.close();
    await emulator?.close();
  });

  it('keeps each environment in its own state object', async () => {
    const cdkTf = JSON.parse(fs.readFileSync(path.join(stackDir('dev'), 'cdk.tf.json'), 'utf8'));
    expect(cdkTf.terraform.backend.s3).toMatchObject({ bucket: servers.bucket, key: stateKey('dev'), dynamodb_table: servers.table });
    succeeded(await apply('dev'), 'terraform apply (dev)');
    await expectOnePtRecorded('dev');
    expect(await recordedPts('staging')).toEqual({});
    expect(await recordedPts('prod')).toEqual({});
    expect(fs.existsSync(path.join(stackDir('dev'), 'terraform.tfstate'))).toBe(false);
    expect(await servers.lock(stateKey('dev'))).toBeUndefined();
  }, 180_000);

  it('makes a second apply fail on the lock, or wait for it, while the first holds it; one PT is bought', async () => {
    emulator.setTransitionDelays({ createMs: HELD_CREATE_MS });
    const first = applyInBackground('prod');
    await until('the first apply to send its create', () => createsIn('prod') === 1);
    const held = await servers.lock(stateKey('prod'));
    expect(held).toMatchObject({ Operation: 'OperationTypeApply', Path: `${servers.bucket}/${stateKey('prod')}` });

    const refused = await apply('prod');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Error acquiring the state lock');
    expect(refused.stderr).toContain(held!.ID);

    const refusedBefore = servers.refusedLockAttempts;
    const waiting = applyInBackground('prod', '-lock-timeout=120s');
    await until('the second apply to find the lock held', () => servers.refusedLockAttempts > refusedBefore);
    expect(createsIn('prod')).toBe(1);
    emulator.setTransitionDelays({ createMs: 200 });
    emulator.advance(HELD_CREATE_MS + 1000);
    succeeded(await first.done, 'the first apply (prod)');
    const second = succeeded(await waiting.done, 'the waiting apply (prod)');
    expect(second.stdout).toContain('No changes.');
    expect(createsIn('prod')).toBe(1);
    await expectOnePtRecorded('prod');
    expect(await servers.lock(stateKey('prod'))).toBeUndefined();
  }, 240_000);

  it('leaves the lock of a killed apply; after force-unlock the next apply in that directory records the PT it bought, and another runner is refused its create', async () => {
    emulator.setTransitionDelays({ createMs: HELD_CREATE_MS });
    const killed = applyInBackground('staging');
    await until('the apply to send its create', () => createsIn('staging') === 1);
    killed.child.kill('SIGKILL');
    await killed.done;
    expect(ptsIn('staging')).toHaveLength(1);
    const left = await servers.lock(stateKey('staging'));
    expect(left).toMatchObject({ Operation: 'OperationTypeApply' });

    const blocked = await apply('staging');
    expect(blocked.code).toBe(1);
    expect(blocked.stderr).toContain('Error acquiring the state lock');
    const id = /Lock Info:\s+ID:\s+(\S+)/.exec(blocked.stderr)?.[1];
    expect(id).toBe(left!.ID);
    succeeded(await tf('staging', ['force-unlock', '-force', id!]), 'terraform force-unlock');
    expect(await servers.lock(stateKey('staging'))).toBeUndefined();

    emulator.setTransitionDelays({ createMs: 200 });
    emulator.advance(HELD_CREATE_MS + 1000);
    // Another runner (a fresh checkout: no purchase journal) is refused the create the PT's name holds.
    const otherRunner = path.join(ws.dir, 'other-runner');
    fs.mkdirSync(otherRunner);
    fs.copyFileSync(path.join(stackDir('staging'), 'cdk.tf.json'), path.join(otherRunner, 'cdk.tf.json'));
    succeeded(await ws.terraform([`-chdir=${otherRunner}`, 'init', '-input=false', '-no-color']), 'terraform init (other runner)');
    const elsewhere = await ws.terraform([`-chdir=${otherRunner}`, 'plan', '-input=false', '-no-color']);
    expect(elsewhere.code).toBe(1);
    expect(elsewhere.stderr).toContain(`The name "staging-support-chat" is already used by ${ptsIn('staging')[0].provisionedModelArn}`);
    expect(elsewhere.stderr).toContain('terraform import');
    expect(ptsIn('staging')).toHaveLength(1);
    succeeded(await apply('staging'), 'terraform apply after force-unlock (staging)');
    await expectOnePtRecorded('staging');
    expect((await apply('staging')).stdout).toContain('No changes.');
    expect(ptsIn('staging')).toHaveLength(1);
  }, 240_000);

  it('reviews the JSON plans of all three stacks in one comment', async () => {
    const plans: string[] = [];
    for (const env of Object.keys(ENVIRONMENTS) as Env[]) {
      const planArgs = env === 'dev' ? ['-destroy'] : [];
      succeeded(await tf(env, ['plan', '-input=false', '-no-color', '-out=tfplan', ...planArgs]), `terraform plan (${env})`);
      const json = succeeded(await tf(env, ['show', '-json', 'tfplan']), `terraform show -json (${env})`).stdout;
      plans.push(path.join(ws.work, `${env}.json`));
      fs.writeFileSync(plans[plans.length - 1], json);
    }
    const review = await cli(['review', ...plans, '--out', 'plan.md'], { cwd: ws.work, env: ws.env });
    succeeded(review, 'bedrock-pt review');
    const comment = fs.readFileSync(path.join(ws.work, 'plan.md'), 'utf8');
    for (const env of Object.keys(ENVIRONMENTS)) expect(comment).toContain(env);
    expect(comment).toContain('dev-support-chat');
    expect(comment).toContain('## Plan: 0 to add, 0 to change, 0 to replace, 1 to destroy');
    // The Account column comes from each plan's provider configuration (its caller identity).
    expect(comment).toContain(`| \`dev\` | ${DEV.account} | ${DEV.region} | 0 | 0 | 0 | 1 | 0 |`);
    expect(comment).toContain(`| \`prod\` | ${PROD.account} | ${PROD.region} | 0 | 0 | 0 | 0 | 0 |`);
    for (const env of Object.keys(ENVIRONMENTS) as Env[]) expect(ptsIn(env)).toHaveLength(1);
  }, 240_000);
});
