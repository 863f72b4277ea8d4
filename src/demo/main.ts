/**
 * `npm run demo`: the whole review loop on a laptop, with no AWS account. It starts the
 * embedded Bedrock emulator, runs the real `bedrock-pt` CLI against the example app (dev,
 * staging and prod in three accounts and two regions), applies it, then proposes the changes
 * a team would make in a pull request and shows how each is planned.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startEmulator, type Emulator } from '../emulator';
import { loadState } from '../engine/state';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const CLI = path.join(ROOT, 'dist', 'src', 'cli', 'main.js');
const APP = path.join(ROOT, 'dist', 'src', 'demo', 'app.js');
const TITAN = 'amazon.titan-text-express-v1:0:8k';

const ACCOUNTS = {
  dev: { key: 'AKIADEVEXAMPLE000001', account: '111111111111', region: 'us-east-1' },
  staging: { key: 'AKIASTAGINGEXAMPLE01', account: '222222222222', region: 'us-west-2' },
  prod: { key: 'AKIAPRODEXAMPLE00001', account: '333333333333', region: 'us-east-1' },
} as const;
type Env = keyof typeof ACCOUNTS;
const ADDRESS = 'aws_bedrock_provisioned_model_throughput.support_chat';

class DemoFailure extends Error {}

function heading(text: string, note: string): void {
  process.stdout.write(`\n${'='.repeat(78)}\n${text}\n${'-'.repeat(78)}\n${note}\n\n`);
}

function expect(condition: boolean, what: string): void {
  if (!condition) throw new DemoFailure(what);
}

/** The environment the CLI runs in: the emulator's endpoints and demo profiles, never a real account. */
function childEnv(dir: string, url: string, stage: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('AWS_') && !k.startsWith('TF_VAR_')) env[k] = v;
  return {
    ...env,
    AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'aws-credentials'),
    AWS_CONFIG_FILE: path.join(dir, 'aws-config-not-used'),
    AWS_ENDPOINT_URL_BEDROCK: url,
    AWS_ENDPOINT_URL_STS: url,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    BEDROCK_PT_PLAN_KEY: 'demo-signing-key-not-a-secret',
    BEDROCK_PT_DEMO_STAGE: stage,
  };
}

interface RunResult {
  code: number;
  stdout: string;
}

/** Run the real CLI as a user would, echoing the command and streaming its output. */
function bedrockPt(args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; quiet?: boolean }): Promise<RunResult> {
  process.stdout.write(`$ bedrock-pt ${args.join(' ')}\n`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (!options.quiet) process.stdout.write(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => process.stdout.write(chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout }));
  });
}

async function expectExit(run: Promise<RunResult>, code: number, what: string): Promise<RunResult> {
  const result = await run;
  expect(result.code === code, `${what}: expected exit ${code}, got ${result.code}`);
  return result;
}

function writeProject(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'cdktf.json'),
    `${JSON.stringify({ language: 'typescript', app: `node ${JSON.stringify(APP)}`, output: 'cdktf.out' }, null, 2)}\n`,
  );
  const profiles = (Object.keys(ACCOUNTS) as Env[])
    .map((env) => `[bedrock-pt-${env}]\naws_access_key_id = ${ACCOUNTS[env].key}\naws_secret_access_key = emulator-does-not-check\n`)
    .join('\n');
  fs.writeFileSync(path.join(dir, 'aws-credentials'), profiles, { mode: 0o600 });
}

async function stateArn(dir: string, env: Env): Promise<string | undefined> {
  const loaded = await loadState(path.join(dir, `terraform.${env}.tfstate`));
  return loaded.managed.pts[ADDRESS]?.arn;
}

async function startDemoEmulator(): Promise<Emulator> {
  return startEmulator({
    accounts: Object.fromEntries(Object.values(ACCOUNTS).map((a) => [a.key, a.account])),
    customModels: [
      { account: ACCOUNTS.dev.account, region: ACCOUNTS.dev.region, id: 'devsupport01', name: 'support-bot-v1', baseModelId: TITAN },
      { account: ACCOUNTS.dev.account, region: ACCOUNTS.dev.region, id: 'devsupport02', name: 'support-bot-v2', baseModelId: TITAN },
    ],
    // AWS grants committed model units through a quota request; the demo accounts have some.
    committedUnitsQuota: 6,
    createDelayMs: 1500,
    updateDelayMs: 1500,
  });
}

async function demo(dir: string): Promise<void> {
  const emulator = await startDemoEmulator();
  try {
    writeProject(dir);
    const run = (args: string[], stage = 'initial', quiet = false) => bedrockPt(args, { cwd: dir, env: childEnv(dir, emulator.url, stage), quiet });

    heading(
      '1. A local Bedrock, three accounts',
      `The emulator listens on ${emulator.url}. The CLI below runs with AWS profiles bedrock-pt-dev/staging/prod\n` +
        'whose keys the emulator maps to accounts 111111111111, 222222222222 and 333333333333; every AWS_*\n' +
        'variable of your shell is removed first, so nothing here can reach a real AWS account.',
    );

    heading('2. Plan and apply the example app', 'One plan covers all three stacks; it is saved, signed (BEDROCK_PT_PLAN_KEY) and applied exactly as reviewed.');
    await expectExit(run(['plan', '--all', '--out', 'initial.plan.json']), 0, 'initial plan');
    await expectExit(run(['apply', 'initial.plan.json']), 0, 'initial apply');
    const devArn = await stateArn(dir, 'dev');
    expect(!!devArn && !!(await stateArn(dir, 'staging')) && !!(await stateArn(dir, 'prod')), 'every stack records its PT in state');

    heading('3. Nothing left to do', 'A second plan finds the cloud matching the code (exit 0 with --detailed-exitcode).');
    await expectExit(run(['plan', '--all', '--detailed-exitcode']), 0, 'plan after apply');

    heading(
      '4. A pull request changes all three environments',
      'dev: rename + newer custom model of the same base   → update in place (same ARN, no new purchase)\n' +
        'staging: tag change                                 → update in place (only the tag difference is sent)\n' +
        'prod: model units 2 → 3 on a six-month commitment   → replace, BLOCKED until the commitment ends\n' +
        'The plan exits 1 because one change is blocked; it still writes the PR comment and the plan file.',
    );
    await expectExit(run(['plan', '--all', '--out', 'plan.json', '--markdown', 'plan.md'], 'changed'), 1, 'plan of the changes (blocked)');
    const markdown = fs.readFileSync(path.join(dir, 'plan.md'), 'utf8');
    expect(markdown.includes('<!-- bedrock-pt-plan -->'), 'plan.md carries the comment marker');

    heading('5. The same plan for policy tools', "`show --json` renders Terraform's JSON plan format (as `terraform show -json`).");
    const json = await expectExit(run(['show', 'plan.json', '--json'], 'changed', true), 0, 'show --json');
    fs.writeFileSync(path.join(dir, 'plan.tf.json'), json.stdout);
    const tfPlan = JSON.parse(json.stdout) as { resource_changes: { address: string; change: { actions: string[] } }[] };
    process.stdout.write(`(wrote plan.tf.json: ${tfPlan.resource_changes.map((c) => `${c.address} ${JSON.stringify(c.change.actions)}`).join('; ')})\n`);

    heading('6. Apply the reviewed plan where it is allowed', 'dev and staging are applied from the saved, signed plan; prod is left as it is.');
    await expectExit(run(['apply', 'plan.json', '--stack', 'dev', '--stack', 'staging'], 'changed'), 0, 'apply dev and staging');

    heading('7. What remains', "Only prod's blocked replace is left; it shows the commitment's end date and the ways out.");
    await expectExit(run(['plan', '--stack', 'prod'], 'changed'), 1, 'final plan of prod (blocked)');

    const inventory = emulator.inventory();
    const names = inventory.map((pt) => pt.provisionedModelName).sort();
    expect(JSON.stringify(names) === JSON.stringify(['dev-support-assistant', 'prod-support-chat', 'staging-support-chat']), `exactly three PTs exist (found ${names.join(', ')})`);
    expect((await stateArn(dir, 'dev')) === devArn, 'the dev PT kept its ARN through the rename and model swap');
    const prod = inventory.find((pt) => pt.provisionedModelName === 'prod-support-chat');
    expect(prod?.modelUnits === 2, 'prod still has its two committed model units');
    const staging = inventory.find((pt) => pt.provisionedModelName === 'staging-support-chat');
    expect(staging?.tags.CostCenter === 'cc-5678' && staging?.tags.Owner === 'ml-platform', 'staging carries the new tags');
  } finally {
    await emulator.close();
  }
}

async function main(): Promise<number> {
  const started = Date.now();
  const dir = path.resolve(process.env.BEDROCK_PT_DEMO_DIR ?? path.join(ROOT, 'demo-out'));
  if (!fs.existsSync(CLI) || !fs.existsSync(APP)) {
    process.stderr.write('Error: dist/ is missing; run `npm run build` (or `npm run demo`, which builds first)\n');
    return 1;
  }
  try {
    await demo(dir);
  } catch (err) {
    process.stderr.write(`\nDemo failed: ${(err as Error).message}\nFiles so far are in ${dir}\n`);
    return 1;
  }
  const files = ['plan.md', 'plan.json', 'plan.tf.json', 'terraform.dev.tfstate', 'terraform.staging.tfstate', 'terraform.prod.tfstate'];
  heading(
    `Demo complete in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    `Files (in ${dir}):\n${files.map((f) => `  ${path.join(dir, f)}`).join('\n')}\n\n` +
      'plan.md is the pull-request comment; plan.json the signed plan `bedrock-pt apply` accepts;\n' +
      "plan.tf.json Terraform's JSON plan for policy tools; the .tfstate files are Terraform state (v4).\n" +
      'Run the emulator yourself with `node dist/src/cli/main.js emulator --help`.',
  );
  return 0;
}

main().then((code) => {
  process.exitCode = code;
});
