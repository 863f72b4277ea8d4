/**
 * A saved plan is checked against the config it was made from — read again from the source it
 * recorded, whatever directory apply runs in — by deriving the plan again from config, state and
 * live PTs. When that source is gone, apply refuses unless told to skip the check. Every refusal
 * comes before any mutating call.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BedrockClient, CreateProvisionedModelThroughputCommand } from '@aws-sdk/client-bedrock';
import type { Emulator } from '../../src/emulator';
import { canonicalJson, sha256Hex } from '../../src/engine/canonical';
import {
  DEV,
  DEV_CUSTOM,
  STAGING,
  SynthProject,
  cli,
  e2eContext,
  mutatingCalls,
  operations,
  tempDir,
  useCopyingApp,
  type PtSpec,
  type StackSpec,
  devSupportChat,
} from './harness';

const context = e2eContext();
let emulator: Emulator;
let project: SynthProject;
beforeEach(() => ({ emulator, project } = context));

const chat = devSupportChat;
const dev = (spec: PtSpec = chat()): StackSpec => ({ pts: { support_chat: spec } });
const staging: StackSpec = {
  who: STAGING,
  pts: { support_chat: { name: 'staging-support-chat', model: 'anthropic.claude-3-haiku-20240307-v1:0:200k', units: 1 } },
};

/** The project's app gives what its synth dir holds: a test changes the app's config by rewriting that dir. */
const useApp = () => useCopyingApp(project);

const planFile = () => path.join(project.dir, 'plan.json');

/** Runs the CLI from a directory of its own that holds no cdktf.json, as a CI job with the plan artifact would. */
async function elsewhere(args: string[]) {
  return cli(args, { cwd: tempDir(), env: project.env });
}

async function planTo(...inputs: string[]): Promise<void> {
  const result = await cli(['plan', '--all', ...inputs, '--out', planFile()], { cwd: project.dir, env: project.env });
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
}

async function expectRefused(result: Promise<{ code: number; stderr: string }>, message: RegExp): Promise<void> {
  const { code, stderr } = await result;
  expect(stderr.trim()).toMatch(message);
  expect(stderr.trim().split('\n')).toHaveLength(1);
  expect(code).toBe(1);
  expect(mutatingCalls(emulator)).toEqual([]);
  expect(emulator.inventory()).toEqual([]);
}

describe('a saved plan applied from another directory', () => {
  it('records the project it was planned in and applies there, from a directory without cdktf.json', async () => {
    useApp();
    project.write({ dev: dev() });
    await planTo();
    const saved = JSON.parse(fs.readFileSync(planFile(), 'utf8'));
    expect(saved.stacks[0].target.config).toEqual({ kind: 'app', projectDir: project.dir, app: expect.stringContaining('cp -R') });
    const applied = await elsewhere(['apply', planFile()]);
    expect(applied.stderr).toBe('');
    expect(applied.code).toBe(0);
    expect(operations(emulator)).toEqual(['CreateProvisionedModelThroughput']);
  });

  it('is checked against the recorded project, and refused when its config changed since the plan', async () => {
    useApp();
    project.write({ dev: dev() });
    await planTo();
    project.write({ dev: dev(chat({ units: 2 })) });
    await expectRefused(
      elsewhere(['apply', planFile()]),
      /^Error: saved plan for dev does not match its configuration: aws_bedrock_provisioned_model_throughput\.support_chat after\.model_units is 1 in the saved plan but 2 from the config, state and live PTs; nothing was sent — plan again$/,
    );
  });

  it('is refused when it covers a stack the app no longer has', async () => {
    useApp();
    project.write({ dev: dev(), staging });
    await planTo();
    project.write({ dev: dev() });
    await expectRefused(
      elsewhere(['apply', planFile()]),
      /saved plan is stale: it covers stack staging, which the app of .*cdktf\.json no longer has \(it has: dev\); plan again$/,
    );
  });

  it('is refused when the config it was made from is gone, and applied unchecked only with --skip-config-check', async () => {
    useApp();
    project.write({ dev: dev() });
    await planTo();
    fs.rmSync(path.join(project.dir, 'cdktf.json'));
    await expectRefused(
      elsewhere(['apply', planFile()]),
      /cdktf\.json is not there, so the plan cannot be checked against its configuration; apply it where that config is, or pass --skip-config-check to apply it unchecked$/,
    );

    const skipped = await elsewhere(['apply', planFile(), '--skip-config-check']);
    expect(skipped.stderr).toMatch(/^Warning: --skip-config-check: the plan is applied without checking it against its configuration/);
    expect(skipped.code).toBe(0);
    expect(operations(emulator)).toEqual(['CreateProvisionedModelThroughput']);
  });
});

describe('a plan made from --synth-dir', () => {
  it('is checked against that synth dir, not the app of the directory apply runs in', async () => {
    // The project's app gives the config as planned; the synth dir the plan was made from changes.
    const other = new SynthProject(emulator.url);
    other.write({ dev: { pts: { support_chat: chat() } } });
    project.write({ dev: dev() });
    useApp();
    await cli(['plan', '--all', '--synth-dir', other.synthDir, '--out', planFile()], { cwd: other.dir, env: other.env });
    other.write({ dev: { pts: { support_chat: chat({ name: 'dev-support-chat-2' }) } } });
    await expectRefused(
      cli(['apply', planFile()], { cwd: project.dir, env: other.env }),
      /does not match its configuration: aws_bedrock_provisioned_model_throughput\.support_chat after\.provisioned_model_name is "dev-support-chat" in the saved plan but "dev-support-chat-2" from the config/,
    );
  });

  it('refuses --synth-dir naming another directory than the one it was made from', async () => {
    project.write({ dev: dev() });
    await planTo('--synth-dir', project.synthDir);
    const other = new SynthProject(emulator.url);
    other.write({ dev: dev() });
    await expectRefused(
      cli(['apply', planFile(), '--synth-dir', other.synthDir], { cwd: project.dir, env: project.env }),
      /the plan for dev was made from the synth dir .*, not --synth-dir .*; a saved plan is checked against the config it was made from — drop --synth-dir$/,
    );
  });
});

describe('a plan the live PTs no longer give', () => {
  it('is refused when a PT with the name it creates was made outside since the plan, before any call', async () => {
    project.write({ dev: dev() });
    await planTo('--synth-dir', project.synthDir);
    const client = new BedrockClient({
      endpoint: emulator.url,
      region: DEV.region,
      credentials: { accessKeyId: DEV.accessKeyId, secretAccessKey: 'x' },
      maxAttempts: 1,
    });
    await client.send(new CreateProvisionedModelThroughputCommand({ provisionedModelName: 'dev-support-chat', modelId: DEV_CUSTOM, modelUnits: 1 }));
    client.destroy();
    emulator.resetRequests();
    const result = await cli(['apply', planFile()], { cwd: project.dir, env: project.env });
    expect(result.stderr.trim()).toMatch(
      /^Error: saved plan for dev does not match its configuration: aws_bedrock_provisioned_model_throughput\.support_chat blocked is false in the saved plan but true from the config, state and live PTs \(The name "dev-support-chat" is already used by arn:aws:bedrock:us-east-1:111111111111:provisioned-model\/\w+, which this stack does not manage\); nothing was sent — plan again$/,
    );
    expect(result.code).toBe(1);
    expect(mutatingCalls(emulator)).toEqual([]);
  });
});

describe('a plan edited by hand with its checksum recomputed (no signing key)', () => {
  it('is refused because the config, state and live PTs do not give it, and nothing is sent', async () => {
    project.write({ dev: dev() });
    await planTo('--synth-dir', project.synthDir);
    const pf = JSON.parse(fs.readFileSync(planFile(), 'utf8'));
    pf.stacks[0].changes[0].after.model_units = 5;
    pf.stacks[0].changes[0].after.commitment_duration = 'SixMonths';
    const { sha256: _sha, ...content } = pf;
    fs.writeFileSync(planFile(), canonicalJson({ ...content, sha256: sha256Hex(canonicalJson(content)) }, 2) + '\n');
    await expectRefused(
      cli(['apply', planFile()], { cwd: project.dir, env: project.env }),
      /does not match its configuration: aws_bedrock_provisioned_model_throughput\.support_chat after\.commitment_duration is "SixMonths" in the saved plan but null from the config, state and live PTs/,
    );
  });

  it('is refused when an update was turned into a delete, and the PT is kept', async () => {
    project.write({ dev: dev() });
    await planTo('--synth-dir', project.synthDir);
    expect((await cli(['apply', planFile()], { cwd: project.dir, env: project.env })).code).toBe(0);
    const [pt] = emulator.inventory();
    project.write({ dev: dev(chat({ tags: { CostCenter: 'cc-9999' } })) });
    await planTo('--synth-dir', project.synthDir);
    const pf = JSON.parse(fs.readFileSync(planFile(), 'utf8'));
    expect(pf.stacks[0].changes[0].action).toBe('update');
    Object.assign(pf.stacks[0].changes[0], { action: 'delete', after: null, update: undefined });
    const { sha256: _sha, ...content } = pf;
    fs.writeFileSync(planFile(), canonicalJson({ ...content, sha256: sha256Hex(canonicalJson(content)) }, 2) + '\n');
    emulator.resetRequests();
    const result = await cli(['apply', planFile()], { cwd: project.dir, env: project.env });
    expect(result.stderr.trim()).toMatch(
      /does not match its configuration: aws_bedrock_provisioned_model_throughput\.support_chat action is "delete" in the saved plan but "update" from the config/,
    );
    expect(result.code).toBe(1);
    expect(mutatingCalls(emulator)).toEqual([]);
    expect(emulator.inventory().map((p) => p.provisionedModelArn)).toEqual([pt.provisionedModelArn]);
  });
});
