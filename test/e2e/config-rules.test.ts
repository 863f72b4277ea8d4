/**
 * Terraform's config rules and the commitment delete rule, end to end: the CLI (or the run
 * layer) against the emulator through the real SDK, checking what is sent and what is bought.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  DeleteProvisionedModelThroughputCommand,
  TagResourceCommand,
  UpdateProvisionedModelThroughputCommand,
  type BedrockClient,
} from '@aws-sdk/client-bedrock';
import type { Emulator } from '../../src/emulator';
import { bedrock } from '../emulator/helpers';
import {
  ADDRESS,
  DAY_MS,
  DEV,
  DEV_CUSTOM,
  DEV_CUSTOM_SIBLING,
  HAIKU_PT,
  PT,
  SynthProject,
  applyProjectPlans,
  cli,
  converge,
  mutatingCalls,
  planOne,
  stateAttributes,
  type PtSpec,
  emulatorPerFile,
  devSupportChat,
} from './harness';

/** Updates take an hour of emulator time, so a PT stays Updating until the test moves the clock. */
const UPDATE_DELAY_MS = 3_600_000;

let emulator: Emulator;
let project: SynthProject;

const shared = emulatorPerFile({ updateDelayMs: UPDATE_DELAY_MS });
beforeEach(() => ({ emulator, project } = shared));

const chat = devSupportChat;
const run = (args: string[]) => cli(args, { cwd: project.dir, env: project.env });
const synth = () => ['--all', '--synth-dir', project.synthDir];

/** A call made outside bedrock-pt (the console), with the dev account's credentials. */
async function console<T>(call: (client: BedrockClient) => Promise<T>): Promise<T> {
  const client = bedrock(emulator, DEV);
  try {
    return await call(client);
  } finally {
    client.destroy();
  }
}

async function created(spec: PtSpec): Promise<string> {
  project.write({ dev: { pts: { support_chat: spec } } });
  await converge(project, emulator);
  emulator.resetRequests();
  return stateAttributes(project.statePath('dev'))!.provisioned_model_arn as string;
}

const livePts = () => emulator.inventory(DEV.account, DEV.region);

describe('moved blocks', () => {
  it('refuses a moved block whose from is still declared: exit 1, nothing sent, nothing bought', async () => {
    const arn = await created(chat());
    project.write({
      dev: { pts: { support_chat: chat(), chat: chat({ name: 'dev-chat' }) }, moved: [{ from: ADDRESS, to: `${PT}.chat` }] },
    });
    const stateBefore = fs.readFileSync(project.statePath('dev'), 'utf8');

    const plan = await run(['plan', ...synth(), '--out', 'plan.json']);
    expect(plan.code).toBe(1);
    expect(plan.stderr).toMatch(/^Error: [^\n]+\n$/);
    expect(plan.stderr).toContain(
      `moved block from ${ADDRESS} to ${PT}.chat: ${ADDRESS} is still declared in the configuration; remove the moved block or the resource at ${ADDRESS}`,
    );
    expect(fs.existsSync(path.join(project.dir, 'plan.json'))).toBe(false);

    const apply = await run(['apply', ...synth(), '--auto-approve']);
    expect(apply.code).toBe(1);
    expect(apply.stderr).toContain('Moved object still exists');
    expect(mutatingCalls(emulator)).toEqual([]);
    expect(livePts().map((p) => p.provisionedModelArn)).toEqual([arn]);
    expect(fs.readFileSync(project.statePath('dev'), 'utf8')).toBe(stateBefore);
  });
});

describe('ignore_changes on one tag key', () => {
  it('keeps a console edit of the ignored key and corrects the other keys', async () => {
    const lifecycle = { ignore_changes: ['tags["Owner"]'] };
    const arn = await created(chat({ tags: { CostCenter: 'cc-1234', Owner: 'ana' }, lifecycle }));
    await console((c) =>
      c.send(
        new TagResourceCommand({
          resourceARN: arn,
          tags: [
            { key: 'Owner', value: 'bob' },
            { key: 'CostCenter', value: 'cc-9999' },
          ],
        }),
      ),
    );
    emulator.resetRequests();

    const apply = await run(['apply', ...synth(), '--auto-approve']);
    expect(apply.stderr).toBe('');
    expect(apply.code).toBe(0);
    const calls = mutatingCalls(emulator);
    expect(calls.map((c) => c.operation)).toEqual(['TagResource']);
    expect(calls[0].params).toMatchObject({ resourceARN: arn, tags: [{ key: 'CostCenter', value: 'cc-1234' }] });
    expect(livePts()[0].tags).toEqual({ CostCenter: 'cc-1234', Owner: 'bob', Project: 'support-bot', ManagedBy: 'bedrock-pt' });
    expect(stateAttributes(project.statePath('dev'))!.tags).toEqual({ CostCenter: 'cc-1234', Owner: 'bob' });

    const again = await run(['plan', ...synth(), '--detailed-exitcode']);
    expect(again.code).toBe(0);
  });
});

describe('a PT Updating toward another model', () => {
  /** Resolves once the emulator has logged `operation` more than `seen` times. */
  async function logged(operation: string, seen = 0): Promise<void> {
    while (emulator.requests().filter((r) => r.operation === operation).length <= seen) await new Promise((r) => setTimeout(r, 20));
  }

  it('plans the swap back (not "No changes"), says it is Updating, and applies it once the update ends', async () => {
    const arn = await created(chat());
    await console((c) => c.send(new UpdateProvisionedModelThroughputCommand({ provisionedModelId: arn, desiredModelId: DEV_CUSTOM_SIBLING })));
    expect(livePts()[0]).toMatchObject({ status: 'Updating', desiredModelArn: DEV_CUSTOM_SIBLING });
    emulator.resetRequests();

    const shown = await run(['plan', ...synth(), '--detailed-exitcode']);
    expect(shown.code).toBe(2);
    expect(shown.stdout).not.toMatch(/No changes/);
    expect(shown.stdout).toContain(`is Updating now from model ${DEV_CUSTOM} to ${DEV_CUSTOM_SIBLING}`);
    expect(shown.stdout).toMatch(/update in place/);

    const plan = await planOne(project, emulator);
    expect(plan.changes[0]).toMatchObject({ action: 'update', reasons: ['custom-model-swap'], update: { modelId: DEV_CUSTOM } });
    const gets = emulator.requests().filter((r) => r.operation === 'GetProvisionedModelThroughput').length;
    const applying = applyProjectPlans(project, [plan]);
    // The applier first waits for the running update to end, then sends the swap back and waits again.
    await logged('GetProvisionedModelThroughput', gets);
    emulator.advance(UPDATE_DELAY_MS);
    await logged('UpdateProvisionedModelThroughput');
    emulator.advance(UPDATE_DELAY_MS);
    const [result] = await applying;
    expect(result.failed).toEqual([]);
    const calls = mutatingCalls(emulator);
    expect(calls.map((c) => [c.operation, c.params.desiredModelId])).toEqual([['UpdateProvisionedModelThroughput', DEV_CUSTOM]]);
    expect(livePts()[0]).toMatchObject({ provisionedModelArn: arn, modelArn: DEV_CUSTOM, status: 'InService' });
    expect(stateAttributes(project.statePath('dev'))!.model_arn).toBe(DEV_CUSTOM);
  });
});

describe('a Failed PT with a commitment', () => {
  it('is neither replaced by the planner nor deleted by the emulator before its term ends', async () => {
    emulator.failNextCreate('Insufficient capacity for the requested model units');
    project.write({ dev: { pts: { support_chat: chat({ model: HAIKU_PT, commitment: 'OneMonth' }) } } });
    const [first] = await applyProjectPlans(project, [await planOne(project, emulator)]);
    expect(first.failed).toHaveLength(1);
    const arn = stateAttributes(project.statePath('dev'))!.provisioned_model_arn as string;
    expect(livePts()[0]).toMatchObject({ provisionedModelArn: arn, status: 'Failed' });
    emulator.resetRequests();

    const apply = await run(['apply', ...synth(), '--auto-approve']);
    expect(apply.code).toBe(1);
    expect(apply.stdout + apply.stderr).toContain('(status Failed)');
    expect(mutatingCalls(emulator)).toEqual([]);

    const refused = await console((c) =>
      c.send(new DeleteProvisionedModelThroughputCommand({ provisionedModelId: arn })).then(
        () => undefined,
        (e: Error) => e,
      ),
    );
    expect(refused?.name).toBe('ValidationException');
    expect(refused?.message).toMatch(/even in status Failed/);
    expect(livePts().map((p) => p.provisionedModelArn)).toEqual([arn]);

    emulator.advance(32 * DAY_MS);
    const later = await planOne(project, emulator);
    expect(later.changes[0]).toMatchObject({ action: 'delete-then-create', reasons: ['failed-status'], blocked: false });
  });
});

describe('an empty state file', () => {
  it('is no state: a saved plan made over it applies instead of being refused as stale', async () => {
    project.write({ dev: { pts: { support_chat: chat() } } });
    fs.writeFileSync(project.statePath('dev'), '');
    const plan = await run(['plan', ...synth(), '--out', 'plan.json']);
    expect(plan.code).toBe(0);

    const apply = await run(['apply', 'plan.json']);
    expect(apply.stderr).toBe('');
    expect(apply.code).toBe(0);
    expect(mutatingCalls(emulator).map((c) => c.operation)).toEqual(['CreateProvisionedModelThroughput']);
    const state = JSON.parse(fs.readFileSync(project.statePath('dev'), 'utf8'));
    expect(state.lineage).toMatch(/^[0-9a-f-]{36}$/);
    expect(stateAttributes(project.statePath('dev'))!.provisioned_model_arn).toBe(livePts()[0].provisionedModelArn);
  });
});
