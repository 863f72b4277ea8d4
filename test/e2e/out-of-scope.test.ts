/**
 * A stack whose provider moves to another region or account: the PTs its state tracks are not
 * visible from there. Through the real CLI: plan and apply refuse, naming both scopes; nothing
 * is sent, nothing leaves the state, and moving back plans nothing.
 */
import * as fs from 'node:fs';
import type { Emulator } from '../../src/emulator';
import { DEV, HAIKU_PT, MUTATING, PROD, SynthProject, cli, emulatorPerFile, stateAttributes, type StackSpec } from './harness';

const shared = emulatorPerFile();
let emulator: Emulator;
let project: SynthProject;
beforeEach(() => ({ emulator, project } = shared));

const committedPt = { support_chat: { name: 'west-support-chat', model: HAIKU_PT, units: 1, commitment: 'OneMonth' as const } };
const run = (...args: string[]) => cli([...args, '--synth-dir', project.synthDir, '--stack', 'dev'], { cwd: project.dir, env: project.env });

async function appliedInWest(): Promise<{ arn: string; stateBytes: string }> {
  project.write({ dev: { pts: committedPt, region: 'us-west-2' } });
  expect((await run('apply', '--auto-approve')).code).toBe(0);
  const arn = stateAttributes(project.statePath('dev'))!.provisioned_model_arn as string;
  expect(arn).toContain(':us-west-2:111111111111:');
  emulator.resetRequests();
  return { arn, stateBytes: fs.readFileSync(project.statePath('dev'), 'utf8') };
}

async function expectRefused(spec: StackSpec, refreshed: string, stateBytes: string): Promise<void> {
  project.write({ dev: spec });
  for (const args of [['plan'], ['apply', '--auto-approve']]) {
    const out = await run(...args);
    expect(out.code).toBe(1);
    // The error is printed on stderr, as Terraform prints its errors.
    expect(out.stderr).toContain(`lies in account 111111111111, region us-west-2, but this run refreshed ${refreshed}`);
    expect(out.stderr).toContain('bedrock-pt state rm --stack dev aws_bedrock_provisioned_model_throughput.support_chat');
    expect(out.stdout + out.stderr).not.toMatch(/deleted outside/);
  }
  expect(emulator.requests().filter((r) => MUTATING.has(r.operation))).toEqual([]);
  expect(fs.readFileSync(project.statePath('dev'), 'utf8')).toBe(stateBytes);
}

describe('tracked PTs outside the refreshed scope', () => {
  it('refuses to plan or apply after the provider region changes, and buys no second PT', async () => {
    const { arn, stateBytes } = await appliedInWest();
    await expectRefused(
      { pts: committedPt, region: 'us-east-1' },
      'account 111111111111, region us-east-1 (provider region us-east-1, profile bedrock-pt-dev)',
      stateBytes,
    );
    expect(emulator.inventory().map((p) => p.provisionedModelArn)).toEqual([arn]);

    project.write({ dev: { pts: committedPt, region: 'us-west-2' } });
    expect((await run('plan', '--detailed-exitcode')).code).toBe(0);
  });

  it('refuses after the profile changes to another account', async () => {
    const { arn, stateBytes } = await appliedInWest();
    await expectRefused(
      { who: PROD, pts: committedPt, region: 'us-west-2' },
      'account 333333333333, region us-west-2 (provider region us-west-2, profile bedrock-pt-prod)',
      stateBytes,
    );
    expect(emulator.inventory().map((p) => p.provisionedModelArn)).toEqual([arn]);
    expect(emulator.inventory(DEV.account, 'us-west-2')).toHaveLength(1);
  });
});

describe('a tracked PT in another partition', () => {
  it('is out of scope even with the same account and region: never taken for deleted, dropped or bought again', async () => {
    project.write({ dev: { pts: committedPt } });
    expect((await run('apply', '--auto-approve')).code).toBe(0);
    // The same PT as state recorded it in the China partition (a state moved from there, or edited).
    const file = project.statePath('dev');
    const arn = stateAttributes(file)!.provisioned_model_arn as string;
    const chinaArn = arn.replace(/^arn:aws:/, 'arn:aws-cn:');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').split(arn).join(chinaArn));
    const stateBytes = fs.readFileSync(file, 'utf8');
    emulator.resetRequests();

    for (const args of [['plan'], ['apply', '--auto-approve']]) {
      const out = await run(...args);
      expect(out.code).toBe(1);
      expect(out.stderr).toContain(
        `The Provisioned Throughput ${chinaArn} recorded in state lies in partition aws-cn, account 111111111111, region us-east-1, but this run refreshed partition aws, account 111111111111, region us-east-1`,
      );
      expect(out.stdout + out.stderr).not.toMatch(/deleted outside/);
    }
    expect(emulator.requests().filter((r) => MUTATING.has(r.operation))).toEqual([]);
    expect(fs.readFileSync(file, 'utf8')).toBe(stateBytes);
    expect(emulator.inventory().map((p) => p.provisionedModelArn)).toEqual([arn]);
  });
});
