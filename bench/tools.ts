/**
 * The three tools a user could plan and apply the same N PTs with, each set up in its own
 * workspace against the emulator: `terraform` with hashicorp/aws (the anchor), `terraform` with
 * the bedrock-pt provider, and the standalone `bedrock-pt` CLI on a cdktf synth dir. The aws and
 * standalone workspaces hold the same stack document (cdktf writes Terraform JSON), so they plan
 * the same stack; the provider's holds the same PTs as bedrockpt_ resources.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { TERRAFORM, AWS_MIRROR } from '../tools/terraform-lookup';
import { repoRoot } from './e2e';
import { tempDir } from './harness';
import { BENCH_REGION, HAIKU, ptName } from './seed';

export const TOOLS = ['terraform+aws', 'terraform+bedrockpt', 'bedrock-pt'] as const;
export type Tool = (typeof TOOLS)[number];

export const STACK = 'bench';
const MODEL_ARN = `arn:aws:bedrock:${BENCH_REGION}::foundation-model/${HAIKU}`;
const TAGS = { CostCenter: 'cc-1234' };

/** What is missing on this machine for the Terraform rows; empty when they can run. */
export function missingFor(tool: Tool): string[] {
  if (tool === 'bedrock-pt') return [];
  const missing: string[] = [];
  if (!TERRAFORM) missing.push('terraform on PATH');
  if (tool === 'terraform+aws' && !AWS_MIRROR) missing.push('a filesystem mirror holding registry.terraform.io/hashicorp/aws (TF_AWS_MIRROR)');
  return missing;
}

export interface ToolWorkspace {
  tool: Tool;
  /** The throwaway HOME holding everything this workspace wrote. */
  home: string;
  env: NodeJS.ProcessEnv;
  /** Where the command runs. */
  cwd: string;
  /** Writes the configuration of `n` PTs against `url` and forgets any earlier state. */
  configure(url: string, n: number): void;
  /** [file, args] of the plan (no changes expected: exit 0) and of the apply. */
  plan(): [string, string[]];
  apply(): [string, string[]];
  /** Whatever must happen once before the first plan (terraform init). */
  init(): [string, string[]] | undefined;
}

function ptAttributes(i: number) {
  return { provisioned_model_name: ptName('tf', i), model_arn: MODEL_ARN, model_units: 1, commitment_duration: 'OneMonth', tags: TAGS };
}

function resources(type: string, n: number) {
  return { [type]: Object.fromEntries(Array.from({ length: n }, (_, i) => [`pt_${i}`, ptAttributes(i)])) };
}

function removeState(dir: string): void {
  for (const f of fs.readdirSync(dir)) if (f.startsWith('terraform.') && f.includes('tfstate')) fs.rmSync(path.join(dir, f), { force: true });
}

/** The cdktf layout: manifest.json and stacks/bench/cdk.tf.json, as `cdktf synth` writes them. */
function writeSynthDir(root: string, doc: unknown): string {
  const stackDir = path.join(root, 'stacks', STACK);
  fs.mkdirSync(stackDir, { recursive: true });
  fs.writeFileSync(path.join(stackDir, 'cdk.tf.json'), JSON.stringify(doc, null, 2));
  const entry = {
    name: STACK,
    constructPath: STACK,
    synthesizedStackPath: `stacks/${STACK}/cdk.tf.json`,
    workingDirectory: `stacks/${STACK}`,
    stackMetadataPath: `stacks/${STACK}/metadata.json`,
    annotations: [],
    dependencies: [],
  };
  fs.writeFileSync(path.join(root, 'manifest.json'), JSON.stringify({ version: '0.21.0', stacks: { [STACK]: entry } }, null, 2));
  return stackDir;
}

/** The stack document a cdktf app with N PTs on hashicorp/aws synthesizes, its endpoints on the emulator. */
function awsStackDoc(url: string, n: number) {
  return {
    terraform: { required_providers: { aws: { source: 'hashicorp/aws', version: '5.100.0' } }, backend: { local: { path: `terraform.${STACK}.tfstate` } } },
    provider: { aws: [{ region: BENCH_REGION, skip_metadata_api_check: 'true', endpoints: [{ bedrock: url, sts: url, servicequotas: url }] }] },
    resource: resources('aws_bedrock_provisioned_model_throughput', n),
  };
}

function terraformArgs(command: 'plan' | 'apply'): string[] {
  return command === 'plan' ? ['plan', '-input=false', '-no-color', '-detailed-exitcode'] : ['apply', '-input=false', '-no-color', '-auto-approve'];
}

/** The package's bin: the CLI's bundle. */
const CLI = path.join(repoRoot(), 'dist/src/cli/bedrock-pt.js');

/**
 * A throwaway HOME with the bedrock-pt provider installed by the real `bedrock-pt provider
 * install` and a CLI configuration naming both filesystem mirrors (there is no network).
 */
function terraformHome(): { home: string; work: string; env: NodeJS.ProcessEnv } {
  const dir = tempDir('bedrock-pt-bench-tf-');
  const mirror = path.join(dir, 'mirror');
  const work = path.join(dir, 'work');
  fs.mkdirSync(work);
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: dir,
    TMPDIR: dir,
    TF_IN_AUTOMATION: '1',
    CHECKPOINT_DISABLE: '1',
    NO_COLOR: '1',
    TF_CLI_CONFIG_FILE: path.join(dir, 'terraform.rc'),
    AWS_CONFIG_FILE: path.join(dir, 'none'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'none'),
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
  execFileSync(process.execPath, [CLI, 'provider', 'install', '--dir', mirror], { cwd: dir, env, stdio: ['ignore', 'ignore', 'pipe'] });
  const mirrorBlock = (at: string, source: string) => `  filesystem_mirror {\n    path    = ${JSON.stringify(at)}\n    include = ["${source}"]\n  }\n`;
  fs.writeFileSync(
    env.TF_CLI_CONFIG_FILE!,
    `provider_installation {\n${mirrorBlock(mirror, 'bedrock-pt/bedrockpt')}${AWS_MIRROR ? mirrorBlock(AWS_MIRROR, 'hashicorp/aws') : ''}  direct {\n    exclude = ["bedrock-pt/bedrockpt", "hashicorp/aws"]\n  }\n}\n`,
  );
  return { home: dir, work, env };
}

export function createWorkspace(tool: Tool, env: NodeJS.ProcessEnv): ToolWorkspace {
  const ws = terraformHome();
  const base = { ...ws.env, ...env };
  const synth = path.join(ws.work, 'cdktf.out');
  if (tool === 'bedrock-pt') {
    const cliArgs = (command: 'plan' | 'apply') => [
      CLI,
      command,
      '--synth-dir',
      synth,
      '--stack',
      STACK,
      '--no-color',
      ...(command === 'plan' ? ['--detailed-exitcode'] : ['--auto-approve']),
    ];
    return {
      tool,
      home: ws.home,
      env: base,
      cwd: ws.work,
      configure: (url, n) => removeState(writeSynthDir(synth, awsStackDoc(url, n))),
      plan: () => [process.execPath, cliArgs('plan')],
      apply: () => [process.execPath, cliArgs('apply')],
      init: () => undefined,
    };
  }
  if (tool === 'terraform+aws') {
    const stackDir = path.join(synth, 'stacks', STACK);
    return {
      tool,
      home: ws.home,
      env: base,
      cwd: stackDir,
      configure: (url, n) => removeState(writeSynthDir(synth, awsStackDoc(url, n))),
      plan: () => [TERRAFORM!, terraformArgs('plan')],
      apply: () => [TERRAFORM!, terraformArgs('apply')],
      init: () => [TERRAFORM!, ['init', '-input=false', '-no-color']],
    };
  }
  return {
    tool,
    home: ws.home,
    env: base,
    cwd: ws.work,
    configure: (url, n) => {
      fs.writeFileSync(
        path.join(ws.work, 'main.tf.json'),
        JSON.stringify(
          {
            terraform: { required_providers: { bedrockpt: { source: 'bedrock-pt/bedrockpt' } } },
            provider: { bedrockpt: { region: BENCH_REGION, endpoints: [{ bedrock: url, sts: url, servicequotas: url }] } },
            resource: resources('bedrockpt_provisioned_model_throughput', n),
          },
          null,
          2,
        ),
      );
      removeState(ws.work);
    },
    plan: () => [TERRAFORM!, terraformArgs('plan')],
    apply: () => [TERRAFORM!, terraformArgs('apply')],
    init: () => [TERRAFORM!, ['init', '-input=false', '-no-color']],
  };
}
