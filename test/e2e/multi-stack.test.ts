/**
 * The example app (dev, staging, prod: three accounts, two regions) through the CLI, as a user
 * runs it in a project directory, against one emulator: plan to a file, apply that file, plan
 * again to find nothing to do; then drift made through the SDK is shown and corrected.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BedrockClient, TagResourceCommand, UpdateProvisionedModelThroughputCommand } from '@aws-sdk/client-bedrock';
import type { Emulator } from '../../src/emulator';
import {
  DEV,
  DEV_CUSTOM,
  ENVS,
  HAIKU_PT,
  PROD,
  STAGING,
  cli,
  exampleProject,
  mutatingCalls,
  operations,
  readJson,
  startE2eEmulator,
  stateAttributes,
  type Project,
  removeTempDirs,
} from './harness';

let emulator: Emulator;
let project: Project;

beforeAll(async () => {
  emulator = await startE2eEmulator();
  project = exampleProject(emulator.url);
});
afterAll(async () => {
  await emulator.close();
  removeTempDirs();
});

const run = (...args: string[]) => cli(args, { cwd: project.dir, env: project.env });

function clientFor(who: typeof DEV): BedrockClient {
  return new BedrockClient({ endpoint: emulator.url, region: who.region, credentials: { accessKeyId: who.accessKeyId, secretAccessKey: 'x' }, maxAttempts: 1 });
}

function onlyPt(who: typeof DEV) {
  const pts = emulator.inventory(who.account, who.region);
  expect(pts).toHaveLength(1);
  return pts[0];
}

describe('the example app through the CLI', () => {
  it('plans all stacks to a file and a Markdown comment without calling any mutating API', async () => {
    const result = await run('plan', '--all', '--out', 'plan.json', '--markdown', 'plan.md');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Total across 3 stacks: 3 to add, 0 to change, 0 to destroy.');
    expect(mutatingCalls(emulator)).toEqual([]);

    const planFile = readJson(path.join(project.dir, 'plan.json'));
    expect(planFile.stacks.map((s: any) => [s.stack, s.account, s.region])).toEqual([
      ['dev', DEV.account, DEV.region],
      ['prod', PROD.account, PROD.region],
      ['staging', STAGING.account, STAGING.region],
    ]);
    const markdown = fs.readFileSync(path.join(project.dir, 'plan.md'), 'utf8');
    expect(markdown).toContain('## Plan: 3 to add');
    for (const stack of ['dev', 'staging', 'prod']) expect(markdown).toContain(`\`${stack}\``);
  });

  it('applies the saved plan: one PT per account and region, each recorded in its own state file', async () => {
    const result = await run('apply', 'plan.json');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Apply complete! Resources: 3 added, 0 changed, 0 destroyed.');
    expect(operations(emulator)).toEqual(['CreateProvisionedModelThroughput', 'CreateProvisionedModelThroughput', 'CreateProvisionedModelThroughput']);
    expect(
      mutatingCalls(emulator)
        .map((c) => c.account)
        .sort(),
    ).toEqual([DEV.account, STAGING.account, PROD.account].sort());

    const expected = {
      dev: { model: DEV_CUSTOM, units: 1, commitment: null, tags: { CostCenter: 'cc-1234' } },
      staging: { model: `arn:aws:bedrock:us-west-2::foundation-model/${HAIKU_PT}`, units: 1, commitment: 'OneMonth', tags: { CostCenter: 'cc-1234' } },
      prod: {
        model: `arn:aws:bedrock:us-east-1::foundation-model/${HAIKU_PT}`,
        units: 2,
        commitment: 'SixMonths',
        tags: { CostCenter: 'cc-1234', Tier: 'critical' },
      },
    };
    for (const [stack, want] of Object.entries(expected)) {
      const who = ENVS[stack as keyof typeof ENVS];
      const live = onlyPt(who);
      expect(live).toMatchObject({ provisionedModelName: `${stack}-support-chat`, status: 'InService', modelUnits: want.units });
      const state = readJson(project.statePath(stack));
      expect(state).toMatchObject({ version: 4, serial: expect.any(Number), lineage: expect.stringMatching(/^[0-9a-f-]{36}$/) });
      expect(state.resources).toHaveLength(1);
      expect(state.resources[0]).toMatchObject({ mode: 'managed', type: 'aws_bedrock_provisioned_model_throughput', name: 'support_chat' });
      expect(stateAttributes(project.statePath(stack))).toEqual({
        id: live.provisionedModelArn,
        provisioned_model_arn: live.provisionedModelArn,
        provisioned_model_name: `${stack}-support-chat`,
        model_arn: want.model,
        model_units: want.units,
        commitment_duration: want.commitment,
        region: who.region,
        tags: want.tags,
        tags_all: { ...want.tags, Project: 'support-bot', Environment: stack, ManagedBy: 'bedrock-pt' },
        timeouts: null,
      });
      expect(live.tags).toEqual({ ...want.tags, Project: 'support-bot', Environment: stack, ManagedBy: 'bedrock-pt' });
    }
  });

  it('finds nothing to do on the next plan (--detailed-exitcode exits 0)', async () => {
    emulator.resetRequests();
    const result = await run('plan', '--all', '--detailed-exitcode');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Total across 3 stacks: 0 to add, 0 to change, 0 to destroy.');
    expect(mutatingCalls(emulator)).toEqual([]);
  });

  it('shows a console rename and a tag edit as drift and corrects both in place', async () => {
    const staging = onlyPt(STAGING);
    const prod = onlyPt(PROD);
    const stagingClient = clientFor(STAGING);
    const prodClient = clientFor(PROD);
    try {
      await stagingClient.send(
        new UpdateProvisionedModelThroughputCommand({
          provisionedModelId: staging.provisionedModelArn,
          desiredProvisionedModelName: 'staging-renamed-by-hand',
        }),
      );
      await prodClient.send(new TagResourceCommand({ resourceARN: prod.provisionedModelArn, tags: [{ key: 'CostCenter', value: 'cc-0000' }] }));
    } finally {
      stagingClient.destroy();
      prodClient.destroy();
    }
    emulator.resetRequests();

    const drifted = await run('plan', '--all', '--detailed-exitcode', '--out', 'fix.json');
    expect(drifted.stderr).toBe('');
    expect(drifted.code).toBe(2);
    expect(drifted.stdout).toContain('Objects have changed outside of bedrock-pt');
    expect(drifted.stdout).toContain('staging-renamed-by-hand');
    expect(drifted.stdout).toContain('cc-0000');
    expect(drifted.stdout).toContain('Total across 3 stacks: 0 to add, 2 to change, 0 to destroy.');

    const applied = await run('apply', 'fix.json');
    expect(applied.stderr).toBe('');
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain('Resources: 0 added, 2 changed, 0 destroyed.');
    const calls = mutatingCalls(emulator);
    expect(calls.map((c) => [c.operation, c.account]).sort()).toEqual([
      ['TagResource', PROD.account],
      ['UpdateProvisionedModelThroughput', STAGING.account],
    ]);
    expect(onlyPt(STAGING)).toMatchObject({ provisionedModelArn: staging.provisionedModelArn, provisionedModelName: 'staging-support-chat' });
    expect(onlyPt(PROD).tags.CostCenter).toBe('cc-1234');

    const clean = await run('plan', '--all', '--detailed-exitcode');
    expect(clean.code).toBe(0);
  });
});
