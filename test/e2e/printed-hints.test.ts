/**
 * Every command the tool tells the user to run must parse and do what it says. Each case brings
 * about a situation through the real CLI, takes the `bedrock-pt …` commands out of what was
 * printed, and runs them as printed, from the project directory (its cdktf.json app gives the
 * config, so no input flag has to be added to a hint).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import { BedrockClient, CreateProvisionedModelThroughputCommand } from '@aws-sdk/client-bedrock';
import type { Emulator } from '../../src/emulator';
import { lockPathFor } from '../../src/engine/state';
import {
  ADDRESS,
  DEV,
  DEV_CUSTOM,
  HAIKU_PT,
  STAGING,
  SynthProject,
  cli,
  e2eContext,
  stateAttributes,
  useCopyingApp,
  type PtSpec,
  type StackSpec,
} from './harness';

const context = e2eContext();
let emulator: Emulator;
let project: SynthProject;
beforeEach(() => {
  ({ emulator, project } = context);
  useCopyingApp(project);
});

const chat = (overrides: Partial<PtSpec> = {}): PtSpec => ({ name: 'dev-support-chat', model: DEV_CUSTOM, units: 1, ...overrides });
const dev = (pts: Record<string, PtSpec>): StackSpec => ({ pts });
const run = (args: string[]) => cli(args, { cwd: project.dir, env: project.env });

/** The `bedrock-pt …` commands in printed text: in backticks, or after "run:" at the end of a line. */
function hintsIn(text: string): string[][] {
  const found = [...text.matchAll(/`bedrock-pt ([^`]+)`|run: bedrock-pt ([^`\n]+)$/gm)].map((m) => (m[1] ?? m[2]).trim());
  return found.map((hint) => hint.split(/\s+/));
}

async function onlyHint(result: { stdout: string; stderr: string }): Promise<string[]> {
  const hints = hintsIn(result.stdout + result.stderr);
  expect(hints).toHaveLength(1);
  return hints[0];
}

function devClient(): BedrockClient {
  return new BedrockClient({ endpoint: emulator.url, region: DEV.region, credentials: { accessKeyId: DEV.accessKeyId, secretAccessKey: 'x' }, maxAttempts: 1 });
}

describe('the commands bedrock-pt prints', () => {
  it('force-unlock from a refusal on a lock held by a live run: it parses and removes that lock', async () => {
    project.write({ dev: dev({ support_chat: chat() }) });
    // Held by this (live) test process, so it is not taken over.
    const lock = {
      ID: '5c0ffee0-0000-4000-8000-000000000042',
      Operation: 'apply',
      Who: `${os.userInfo().username}@${os.hostname()}`,
      Version: 'bedrock-pt 0.1.0',
      Created: '2026-01-01T00:00:00.000Z',
      Path: project.statePath('dev'),
      PID: process.pid,
      Info: 'dev',
    };
    fs.writeFileSync(lockPathFor(project.statePath('dev')), JSON.stringify(lock));
    const refused = await run(['plan']);
    expect(refused.code).toBe(1);
    const hint = await onlyHint(refused);
    expect(hint).toEqual(['force-unlock', '--stack', 'dev', lock.ID]);
    const unlocked = await run(hint);
    expect(unlocked.stderr).toBe('');
    expect(unlocked.code).toBe(0);
    expect(fs.existsSync(lockPathFor(project.statePath('dev')))).toBe(false);
    expect((await run(['plan'])).code).toBe(0);
  });

  it('state rm from a delete blocked by a commitment: it parses and stops managing the PT, which keeps running', async () => {
    project.write({ dev: dev({ support_chat: chat({ model: HAIKU_PT, commitment: 'OneMonth' }) }) });
    expect((await run(['apply', '--auto-approve'])).code).toBe(0);
    project.write({ dev: dev({}) });
    const blocked = await run(['plan']);
    expect(blocked.code).toBe(1);
    const hint = await onlyHint(blocked);
    expect(hint).toEqual(['state', 'rm', '--stack', 'dev', ADDRESS]);
    const removed = await run(hint);
    expect(removed.stderr).toBe('');
    expect(removed.code).toBe(0);
    expect(stateAttributes(project.statePath('dev'))).toBeUndefined();
    expect(emulator.inventory()).toHaveLength(1);
    expect((await run(['plan', '--detailed-exitcode'])).code).toBe(0);
  });

  it('import from a create whose name is taken: it parses and adopts that PT', async () => {
    const client = devClient();
    const { provisionedModelArn } = await client.send(
      new CreateProvisionedModelThroughputCommand({ provisionedModelName: 'dev-support-chat', modelId: DEV_CUSTOM, modelUnits: 1 }),
    );
    client.destroy();
    emulator.advance(1000);
    project.write({ dev: dev({ support_chat: chat() }) });
    const blocked = await run(['plan']);
    expect(blocked.code).toBe(1);
    const hint = await onlyHint(blocked);
    expect(hint).toEqual(['import', '--stack', 'dev', ADDRESS, provisionedModelArn]);
    const imported = await run(hint);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    expect(stateAttributes(project.statePath('dev'))!.provisioned_model_arn).toBe(provisionedModelArn);
  });

  it('apply from a saved plan of a two-stack app: it parses and applies both stacks', async () => {
    project.write({
      dev: dev({ support_chat: chat() }),
      staging: { who: STAGING, pts: { support_chat: { name: 'staging-chat', model: HAIKU_PT, units: 1, commitment: 'OneMonth' } } },
    });
    const planned = await run(['plan', '--all', '--out', 'plan.json']);
    expect(planned.code).toBe(0);
    expect(await onlyHint(planned)).toEqual(['apply', 'plan.json']);
    const applied = await run(await onlyHint(planned));
    expect(applied.code).toBe(0);
    expect(emulator.inventory()).toHaveLength(2);
  });

  it('show takes --stack before the plan file', async () => {
    project.write({
      dev: dev({ support_chat: chat() }),
      staging: { who: STAGING, pts: { support_chat: { name: 'staging-chat', model: HAIKU_PT, units: 1, commitment: 'OneMonth' } } },
    });
    expect((await run(['plan', '--all', '--out', 'plan.json'])).code).toBe(0);
    const shown = await run(['show', '--stack', 'staging', 'plan.json']);
    expect(shown.stderr).toBe('');
    expect(shown.stdout).toContain('staging-chat');
    expect(shown.stdout).not.toContain('dev-support-chat');
  });
});

describe('one-stack commands', () => {
  it('need no --stack when the app has one stack', async () => {
    project.write({ dev: dev({ support_chat: chat() }) });
    expect((await run(['apply', '--auto-approve'])).code).toBe(0);
    const listed = await run(['state', 'list']);
    expect(listed.stderr).toBe('');
    expect(listed.stdout).toMatch(new RegExp(`^${ADDRESS.replace(/\./g, '\\.')}\\tarn:aws:bedrock:`));
    const removed = await run(['state', 'rm', ADDRESS]);
    expect(removed.stderr).toBe('');
    expect(removed.code).toBe(0);
  });

  it('name the stacks when the app has several and none was chosen, and refuse two', async () => {
    project.write({ dev: dev({}), staging: { who: STAGING, pts: {} } });
    const none = await run(['force-unlock', 'some-id']);
    expect(none.stderr).toBe('Error: force-unlock works on one stack and the app has 2 (dev, staging); name it with --stack NAME\n');
    const two = await run(['state', 'rm', '--stack', 'dev', '--stack', 'staging', ADDRESS]);
    expect(two.stderr).toBe('Error: state rm works on one stack; name it once with --stack NAME (got dev, staging)\n');
    expect((await run(['import', '--all', ADDRESS, 'x'])).stderr).toMatch(/unknown option '--all'/);
  });

  it('state list covers every stack with --all or repeated --stack, each line naming its stack', async () => {
    project.write({
      dev: dev({ support_chat: chat() }),
      staging: { who: STAGING, pts: { support_chat: { name: 'staging-chat', model: HAIKU_PT, units: 1, commitment: 'OneMonth' } } },
    });
    expect((await run(['apply', '--all', '--auto-approve'])).code).toBe(0);
    for (const selection of [['--all'], ['--stack', 'dev', '--stack', 'staging']]) {
      const listed = await run(['state', 'list', ...selection]);
      expect(listed.stderr).toBe('');
      expect(
        listed.stdout
          .trim()
          .split('\n')
          .map((l) => l.split('\t').slice(0, 2)),
      ).toEqual([
        ['dev', ADDRESS],
        ['staging', ADDRESS],
      ]);
    }
  });
});
