/**
 * What the demo sets up before running the CLI: the emulated cloud (three accounts, two
 * custom models), a cdktf project directory, and an environment for the CLI that can only
 * reach that emulator.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { startEmulator, type Emulator } from '../emulator';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
/** The package's bin, the CLI's bundle (`npm run build`), as an installed `bedrock-pt` runs. */
export const CLI = path.join(ROOT, 'dist', 'src', 'cli', 'bedrock-pt.js');
export const DEMO_APP = path.join(ROOT, 'dist', 'src', 'demo', 'app.js');
export const ADDRESS = 'aws_bedrock_provisioned_model_throughput.support_chat';

export const DEMO_ACCOUNTS = {
  dev: { key: 'AKIADEVEXAMPLE000001', account: '111111111111', region: 'us-east-1' },
  staging: { key: 'AKIASTAGINGEXAMPLE01', account: '222222222222', region: 'us-west-2' },
  prod: { key: 'AKIAPRODEXAMPLE00001', account: '333333333333', region: 'us-east-1' },
} as const;
export type DemoEnv = keyof typeof DEMO_ACCOUNTS;
export const DEMO_ENVS = Object.keys(DEMO_ACCOUNTS) as DemoEnv[];

const TITAN = 'amazon.titan-text-express-v1:0:8k';
const CREDENTIALS_FILE = 'aws-credentials';
const DEMO_MARKER = '.bedrock-pt-demo';
/** Where the demo keeps its emulated cloud, so `bedrock-pt emulator --state-file` can serve it again afterwards. */
export const EMULATOR_STATE_FILE = 'emulator-state.json';
/** A shell file that puts the demo's environment (and a `bedrock-pt` function) into the user's shell. */
export const ENV_FILE = 'demo-env.sh';
/** The port the printed hand-run commands use unless told another (the demo itself picks a free one). */
export const DEFAULT_HAND_RUN_PORT = 4599;
/** Committed model units for every model in every account and region: AWS grants them by quota request (default 0); the demo accounts have some. */
const COMMITTED_UNITS_QUOTA = 6;

/** The demo's cloud; saved to `<dir>/emulator-state.json` so it outlives the demo. */
export function startDemoEmulator(dir: string): Promise<Emulator> {
  const dev = DEMO_ACCOUNTS.dev;
  return startEmulator({
    port: 0,
    stateFile: path.join(dir, EMULATOR_STATE_FILE),
    accounts: Object.fromEntries(Object.values(DEMO_ACCOUNTS).map((a) => [a.key, a.account])),
    customModels: [
      { account: dev.account, region: dev.region, id: 'devsupport01', name: 'support-bot-v1', baseModelId: TITAN },
      { account: dev.account, region: dev.region, id: 'devsupport02', name: 'support-bot-v2', baseModelId: TITAN },
    ],
    committedUnitsQuota: COMMITTED_UNITS_QUOTA,
    // Long enough to see the waits in the output, short enough for the demo to take seconds.
    createDelayMs: 1500,
    updateDelayMs: 1500,
  });
}

/**
 * The demo wipes its directory at start; refuse to when it holds something else (say
 * BEDROCK_PT_DEMO_DIR was set to a real project), so a typo cannot delete a user's files.
 */
function isSafeToWipe(dir: string): boolean {
  if (!fs.existsSync(dir)) return true;
  const entries = fs.readdirSync(dir);
  if (entries.length === 0 || entries.includes(DEMO_MARKER)) return true;
  const cdktf = path.join(dir, 'cdktf.json');
  return fs.existsSync(cdktf) && fs.readFileSync(cdktf, 'utf8').includes(path.join('dist', 'src', 'demo', 'app.js'));
}

/**
 * The port for the hand-run commands: `--port N` (`npm run demo -- --port N`), else
 * BEDROCK_PT_DEMO_PORT, else 4599 — so a user whose 4599 is taken gets commands that work.
 * 0 is refused: the printed commands need a port known in advance.
 */
export function handRunPort(args: string[] = process.argv.slice(2), env: NodeJS.ProcessEnv = process.env): number {
  const { values } = parseArgs({ args, options: { port: { type: 'string' } } });
  const given = values.port ?? env.BEDROCK_PT_DEMO_PORT;
  if (given === undefined || given === '') return DEFAULT_HAND_RUN_PORT;
  const named = values.port !== undefined ? `--port ${given}` : `BEDROCK_PT_DEMO_PORT=${given}`;
  const port = /^\d+$/.test(given.trim()) ? Number(given) : NaN;
  if (!(port >= 1 && port <= 65535)) throw new Error(`${named}: expected a port from 1 to 65535 for the hand-run emulator command`);
  return port;
}

/** A fresh project directory: cdktf.json running the demo app, the demo's AWS profiles, and demo-env.sh for `port`. */
export function writeProject(dir: string, port = DEFAULT_HAND_RUN_PORT): void {
  if (!isSafeToWipe(dir)) {
    throw new Error(`${dir} is not empty and was not written by the demo; choose another BEDROCK_PT_DEMO_DIR`);
  }
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const cdktf = { language: 'typescript', app: `node ${JSON.stringify(DEMO_APP)}`, output: 'cdktf.out' };
  fs.writeFileSync(path.join(dir, 'cdktf.json'), `${JSON.stringify(cdktf, null, 2)}\n`);
  const profiles = DEMO_ENVS.map(
    (env) => `[bedrock-pt-${env}]\naws_access_key_id = ${DEMO_ACCOUNTS[env].key}\naws_secret_access_key = emulator-does-not-check\n`,
  );
  fs.writeFileSync(path.join(dir, CREDENTIALS_FILE), profiles.join('\n'), { mode: 0o600 });
  fs.writeFileSync(path.join(dir, ENV_FILE), handRunEnvFile(dir, port));
  fs.writeFileSync(path.join(dir, DEMO_MARKER), 'Written by `npm run demo`; the demo deletes this directory when it runs again.\n');
}

/**
 * Variables of the caller's shell that could point the CLI at a real account (or change how it
 * signs in); the demo drops every AWS_* variable, these are the ones worth naming to the user.
 */
export function riskyCallerVariables(env: NodeJS.ProcessEnv = process.env): string[] {
  const named = ['AWS_PROFILE', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_REGION', 'AWS_DEFAULT_REGION'];
  return named.filter((name) => env[name] !== undefined);
}

/** The variables the demo sets for the CLI, on top of the caller's environment without its AWS_* ones. */
function demoVariables(dir: string, url: string, stage: 'initial' | 'changed'): Record<string, string> {
  return {
    AWS_SHARED_CREDENTIALS_FILE: path.join(dir, CREDENTIALS_FILE),
    // A path that does not exist, so the user's ~/.aws/config (SSO, role chains) is never read.
    AWS_CONFIG_FILE: path.join(dir, 'aws-config-not-used'),
    AWS_ENDPOINT_URL_BEDROCK: url,
    AWS_ENDPOINT_URL_STS: url,
    AWS_ENDPOINT_URL_SERVICE_QUOTAS: url,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    BEDROCK_PT_PLAN_KEY: 'demo-signing-key-not-a-secret',
    BEDROCK_PT_DEMO_STAGE: stage,
  };
}

/** The environment the CLI runs in: the emulator's endpoints and the demo profiles, never a real account. */
export function demoChildEnv(dir: string, url: string, stage: 'initial' | 'changed'): NodeJS.ProcessEnv {
  const kept = Object.entries(process.env).filter(([name]) => !name.startsWith('AWS_') && !name.startsWith('TF_VAR_') && !name.startsWith('BEDROCK_PT_'));
  return { ...Object.fromEntries(kept), ...demoVariables(dir, url, stage) };
}

/** `bedrock-pt emulator` arguments that serve the demo's saved cloud again, on `port`. */
export function handRunEmulatorArgs(port: number): string[] {
  const accounts = DEMO_ENVS.flatMap((env) => ['--account', `${DEMO_ACCOUNTS[env].key}=${DEMO_ACCOUNTS[env].account}`]);
  return ['emulator', '--state-file', EMULATOR_STATE_FILE, '--port', String(port), '--committed-units-quota', String(COMMITTED_UNITS_QUOTA), ...accounts];
}

const shellQuote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;

/**
 * `demo-env.sh`: sourced in a shell, it gives the same environment the demo ran the CLI in
 * (with the stage the demo ended on), every other AWS_* variable unset so a real account
 * cannot be reached, and a `bedrock-pt` function running this checkout's CLI.
 */
function handRunEnvFile(dir: string, port: number): string {
  const vars = demoVariables(dir, `http://127.0.0.1:${port}`, 'changed');
  return [
    '# Written by `npm run demo`: `. ./demo-env.sh` in this directory, then run `bedrock-pt plan --all`.',
    '# Unsets every AWS_* variable of your shell first, so nothing reaches a real AWS account.',
    'for v in $(env | sed -n "s/^\\(AWS_[A-Za-z0-9_]*\\)=.*/\\1/p"); do unset "$v"; done',
    ...Object.entries(vars).map(([name, value]) => `export ${name}=${shellQuote(value)}`),
    `bedrock-pt() { node ${shellQuote(CLI)} "$@"; }`,
    '',
  ].join('\n');
}
