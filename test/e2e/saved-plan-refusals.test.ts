/**
 * A saved plan is applied only to the world it was made for, and only as written. Each refusal
 * happens before any mutating call reaches the emulator; signed plans need the same key.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BedrockClient, CreateProvisionedModelThroughputCommand, UpdateProvisionedModelThroughputCommand } from '@aws-sdk/client-bedrock';
import type { Emulator } from '../../src/emulator';
import { canonicalJson, sha256Hex } from '../../src/engine/canonical';
import { DEV, DEV_CUSTOM, STAGING, SynthProject, cli, mutatingCalls, operations, writeCredentials, type PtSpec, e2eContext, devSupportChat } from './harness';

let emulator: Emulator;
let project: SynthProject;

const shared = e2eContext();
beforeEach(() => ({ emulator, project } = shared));

const chat = devSupportChat;

function writeDev(spec: PtSpec = chat(), extra: { region?: string } = {}): void {
  project.write({ dev: { pts: { support_chat: spec }, ...extra } });
}

function run(args: string[], env: NodeJS.ProcessEnv = {}) {
  const [command, ...rest] = args;
  return cli([command, '--synth-dir', project.synthDir, ...rest], { cwd: project.dir, env: { ...project.env, ...env } });
}

const planFile = (name = 'plan.json') => path.join(project.dir, name);

async function planTo(name: string, env: NodeJS.ProcessEnv = {}): Promise<void> {
  const result = await run(['plan', '--all', '--out', name], env);
  expect(result.stderr).toBe('');
  expect(fs.existsSync(planFile(name))).toBe(true);
}

/** Apply `file` expecting a refusal matching `message`, with no mutating call sent. */
async function expectRefused(file: string, message: RegExp, env: NodeJS.ProcessEnv = {}): Promise<void> {
  emulator.resetRequests();
  const result = await run(['apply', file], env);
  expect(result.stderr.trim()).toMatch(message);
  expect(result.stderr.trim().split('\n')).toHaveLength(1);
  expect(result.code).toBe(1);
  expect(mutatingCalls(emulator)).toEqual([]);
}

async function converged(): Promise<void> {
  writeDev();
  await planTo('initial.json');
  const applied = await run(['apply', 'initial.json']);
  expect(applied.code).toBe(0);
}

function devClient(): BedrockClient {
  return new BedrockClient({ endpoint: emulator.url, region: DEV.region, credentials: { accessKeyId: DEV.accessKeyId, secretAccessKey: 'x' }, maxAttempts: 1 });
}

describe('a saved plan that no longer fits the world', () => {
  it('is refused when the state changed since it was made', async () => {
    await converged();
    writeDev(chat({ tags: { CostCenter: 'cc-9999' } }));
    await planTo('first.json');
    await planTo('second.json');
    expect((await run(['apply', 'second.json'])).code).toBe(0);
    await expectRefused('first.json', /^Error: saved plan is stale: dev: the state changed since the plan was made \(serial \d+ → \d+\); plan again$/);
  });

  it('is refused when the PT was renamed outside bedrock-pt since the plan', async () => {
    await converged();
    writeDev(chat({ tags: { CostCenter: 'cc-9999' } }));
    await planTo('plan.json');
    const [pt] = emulator.inventory(DEV.account, DEV.region);
    const client = devClient();
    await client.send(
      new UpdateProvisionedModelThroughputCommand({ provisionedModelId: pt.provisionedModelArn, desiredProvisionedModelName: 'renamed-in-console' }),
    );
    client.destroy();
    await expectRefused('plan.json', /was renamed outside bedrock-pt \(dev-support-chat → renamed-in-console\) since the plan was made; plan again/);
  });

  it('is refused for another account when the credentials now reach a different one', async () => {
    writeDev();
    await planTo('plan.json');
    const other = writeCredentials(path.join(project.dir, 'other-credentials'), { dev: STAGING.accessKeyId });
    await expectRefused('plan.json', /is for account 111111111111, but the credentials reach account 222222222222/, { AWS_SHARED_CREDENTIALS_FILE: other });
    expect(emulator.inventory()).toEqual([]);
  });

  it('is refused for another region when the stack now targets a different one', async () => {
    writeDev();
    await planTo('plan.json');
    writeDev(chat(), { region: 'us-west-2' });
    await expectRefused('plan.json', /is for region us-east-1, but the stack now targets us-west-2; plan again/);
  });

  it('is refused when it has blocking diagnostics', async () => {
    const client = devClient();
    await client.send(new CreateProvisionedModelThroughputCommand({ provisionedModelName: 'dev-support-chat', modelId: DEV_CUSTOM, modelUnits: 1 }));
    client.destroy();
    writeDev();
    const planned = await run(['plan', '--all', '--out', 'plan.json']);
    expect(planned.code).toBe(1);
    expect(planned.stdout).toContain('is already used by');
    await expectRefused('plan.json', /the plan has blocking errors in dev and cannot be applied/);
  });
});

describe('a saved plan that was altered', () => {
  it('is refused when a byte was edited (checksum mismatch)', async () => {
    writeDev();
    await planTo('plan.json');
    const text = fs.readFileSync(planFile(), 'utf8');
    expect(text).toContain('"model_units": 1');
    fs.writeFileSync(planFile(), text.replace('"model_units": 1', '"model_units": 9'));
    await expectRefused('plan.json', /was edited after it was written \(checksum mismatch\); plan again/);
  });
});

describe('signed plans (BEDROCK_PT_PLAN_KEY)', () => {
  const KEY = { BEDROCK_PT_PLAN_KEY: 'team-signing-key-0001' };

  it('applies a plan signed with the same key', async () => {
    writeDev();
    await planTo('plan.json', KEY);
    expect(JSON.parse(fs.readFileSync(planFile(), 'utf8')).signature).toMatch(/^[0-9a-f]{64}$/);
    const applied = await run(['apply', 'plan.json'], KEY);
    expect(applied.stderr).toBe('');
    expect(applied.code).toBe(0);
    expect(operations(emulator)).toEqual(['CreateProvisionedModelThroughput']);
  });

  it('refuses an unsigned plan when a key is set', async () => {
    writeDev();
    await planTo('plan.json');
    await expectRefused('plan.json', /is not signed but BEDROCK_PT_PLAN_KEY is set/, KEY);
  });

  it('refuses a plan signed with another key', async () => {
    writeDev();
    await planTo('plan.json', { BEDROCK_PT_PLAN_KEY: 'someone-elses-key-002' });
    await expectRefused('plan.json', /was signed with a different key or altered/, KEY);
  });

  it('refuses a signed plan that was edited, even with its checksum recomputed', async () => {
    writeDev();
    await planTo('plan.json', KEY);
    const pf = JSON.parse(fs.readFileSync(planFile(), 'utf8'));
    pf.stacks[0].changes[0].after.model_units = 2;
    const { sha256: _sha, signature, ...content } = pf;
    fs.writeFileSync(planFile(), canonicalJson({ ...content, sha256: sha256Hex(canonicalJson(content)), signature }, 2) + '\n');
    await expectRefused('plan.json', /was signed with a different key or altered/, KEY);
  });
});

describe('credentials never leak', () => {
  it('writes no credential value from the environment to the plan, the state or the output', async () => {
    const secrets = {
      AWS_ACCESS_KEY_ID: 'AKIALEAKCANARY000042',
      AWS_SECRET_ACCESS_KEY: 'leak-canary-secret-key-4242',
      AWS_SESSION_TOKEN: 'leak-canary-session-token-4242',
    };
    writeDev();
    const planned = await run(['plan', '--all', '--out', 'plan.json', '--markdown', 'plan.md'], secrets);
    expect(planned.code).toBe(0);
    const applied = await run(['apply', 'plan.json'], secrets);
    expect(applied.code).toBe(0);
    const shown = await cli(['show', 'plan.json', '--json'], { cwd: project.dir, env: { ...project.env, ...secrets } });
    expect(shown.code).toBe(0);
    const listed = await cli(['state', 'list', '--stack', 'dev', '--synth-dir', project.synthDir], { cwd: project.dir, env: { ...project.env, ...secrets } });
    expect(listed.stdout).toContain('aws_bedrock_provisioned_model_throughput.support_chat');
    // The profile's key is what reached the emulator, not the environment's.
    expect(new Set(emulator.requests().map((r) => r.accessKeyId))).toEqual(new Set([DEV.accessKeyId]));

    const written = [planFile(), path.join(project.dir, 'plan.md'), project.statePath('dev')].map((f) => fs.readFileSync(f, 'utf8'));
    const output = [planned, applied, shown, listed].flatMap((r) => [r.stdout, r.stderr]);
    for (const text of [...written, ...output]) {
      for (const value of Object.values(secrets)) expect(text).not.toContain(value);
    }
  });
});
