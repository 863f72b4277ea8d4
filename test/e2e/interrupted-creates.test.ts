/**
 * Creates whose outcome was unknown, through the real SDK against the emulator: interrupted
 * intents are kept and resumed with their token, a Create's answer is checked before it is
 * recorded, and no create adopts a PT that another address manages or that it did not make.
 * After each scenario: nothing bought twice, nothing deleted, the state lists exactly the
 * managed PTs, and the next plan says what is true.
 */
import { CreateProvisionedModelThroughputCommand, DeleteProvisionedModelThroughputCommand } from '@aws-sdk/client-bedrock';
import type { Emulator } from '../../src/emulator';
import type { PendingCreate } from '../../src/engine/model';
import { loadState, openStateSession } from '../../src/engine/state';
import {
  DEV,
  DEV_CUSTOM,
  PT,
  SynthProject,
  devBedrockClient,
  emulatorPerFile,
  applyProjectPlans,
  cli,
  converge,
  planOne,
  planProject,
  type PtSpec,
} from './harness';

const shared = emulatorPerFile();
let emulator: Emulator;
let project: SynthProject;
beforeEach(() => ({ emulator, project } = shared));

const FRESH = `${PT}.fresh`;
const spec: PtSpec = { name: 'ic-fresh', model: DEV_CUSTOM, units: 1, tags: { Team: 'a' } };
const TAGS_ALL = { Project: 'support-bot', ManagedBy: 'bedrock-pt', Team: 'a' };

const devClient = () => devBedrockClient(emulator);

/** What a run killed right after recording its intent leaves in the state. */
async function leaveIntent(overrides: Partial<PendingCreate> = {}): Promise<PendingCreate> {
  const intent: PendingCreate = {
    address: FRESH,
    name: spec.name,
    model: DEV_CUSTOM,
    modelUnits: 1,
    tagsAll: TAGS_ALL,
    tags: { Team: 'a' },
    clientRequestToken: 'bpt-in-flight-0001',
    startedAt: new Date(emulator.now().getTime() - 1_000).toISOString(),
    region: DEV.region,
    ...overrides,
  };
  const session = await openStateSession(project.statePath('dev'), { stack: 'dev', operation: 'test' });
  await session.update((m) => (m.pending[intent.address] = intent));
  await session.release();
  return intent;
}

/** The interrupted request arriving at the service on its own (it was in flight). */
function sendDirectly(token: string, overrides: { name?: string } = {}) {
  return devClient().send(
    new CreateProvisionedModelThroughputCommand({
      clientRequestToken: token,
      provisionedModelName: overrides.name ?? spec.name,
      modelId: DEV_CUSTOM,
      modelUnits: 1,
      tags: Object.entries(TAGS_ALL).map(([key, value]) => ({ key, value })),
    }),
  );
}

const creates = () => emulator.requests().filter((r) => r.operation === 'CreateProvisionedModelThroughput');

async function expectState(expected: Record<string, string>): Promise<void> {
  const state = await loadState(project.statePath('dev'));
  expect(state.managed.pending).toEqual({});
  expect(Object.fromEntries(Object.values(state.managed.pts).map((m) => [m.address, m.arn]))).toEqual(expected);
}

async function expectCleanPlan(): Promise<void> {
  const plan = await planOne(project, emulator);
  expect(plan.changes.filter((c) => c.action !== 'no-op')).toEqual([]);
  expect(plan.diagnostics.filter((d) => d.severity !== 'note')).toEqual([]);
}

describe('an interrupted create', () => {
  it('is resumed with its recorded token: the request that lands late is recorded, not bought again', async () => {
    project.write({ dev: { pts: { fresh: spec } } });
    const intent = await leaveIntent();
    const plan = await planOne(project, emulator);
    expect(plan.changes).toMatchObject([{ address: FRESH, action: 'create', resumesCreate: { clientRequestToken: intent.clientRequestToken } }]);
    expect(plan.diagnostics.map((d) => d.summary)).toEqual([expect.stringContaining(`token ${intent.clientRequestToken}`)]);
    expect(plan.diagnostics[0].summary).toContain('no PT named "ic-fresh" exists in account 111111111111, region us-east-1 yet');

    const { provisionedModelArn: landed } = await sendDirectly(intent.clientRequestToken);
    // Derived again at apply, this plan would be refused as stale (the PT landed since); skip that
    // check, as --skip-config-check does, to show the applier's own token re-send buys nothing twice.
    const [result] = await applyProjectPlans(project, [plan], undefined, false);
    expect(result.failed).toEqual([]);
    expect(creates().map((r) => [r.params.clientRequestToken, r.mutated])).toEqual([
      [intent.clientRequestToken, true],
      [intent.clientRequestToken, false],
    ]);
    expect(emulator.inventory().map((p) => p.provisionedModelArn)).toEqual([landed]);
    await expectState({ [FRESH]: landed! });
    await expectCleanPlan();
  });

  it('is not recorded when the answer names a PT that has been deleted since, and the next plan buys one', async () => {
    project.write({ dev: { pts: { fresh: spec } } });
    const intent = await leaveIntent();
    const { provisionedModelArn: spent } = await sendDirectly(intent.clientRequestToken);
    emulator.advance(1_000);
    await devClient().send(new DeleteProvisionedModelThroughputCommand({ provisionedModelId: spent }));

    const plan = await planOne(project, emulator);
    const [result] = await applyProjectPlans(project, [plan]);
    expect(result.added).toBe(0);
    expect(result.failed).toHaveLength(1);
    expect(result.failed[0].error).toContain(`answered token ${intent.clientRequestToken} with ${spent}, but that PT does not exist`);
    expect(result.failed[0].error).toContain('not a purchase');
    await expectState({});

    await converge(project, emulator);
    const inventory = emulator.inventory();
    expect(inventory).toHaveLength(1);
    expect(inventory[0].provisionedModelArn).not.toBe(spent);
    expect(creates().filter((r) => r.mutated)).toHaveLength(2);
    await expectState({ [FRESH]: inventory[0].provisionedModelArn });
    await expectCleanPlan();
  });

  it('is not recorded when the answer names a PT that is not what it asked for', async () => {
    project.write({ dev: { pts: { fresh: spec } } });
    const intent = await leaveIntent();
    const { provisionedModelArn: other } = await sendDirectly(intent.clientRequestToken, { name: 'someone-else' });

    const [result] = await applyProjectPlans(project, [await planOne(project, emulator)]);
    expect(result.failed.map((f) => f.error)).toEqual([
      expect.stringContaining(`with ${other}, but its name is "someone-else", the create asked for "ic-fresh"`),
    ]);
    await expectState({});

    await converge(project, emulator);
    const mine = emulator.inventory().find((p) => p.provisionedModelName === 'ic-fresh')!;
    expect(
      emulator
        .inventory()
        .map((p) => p.provisionedModelName)
        .sort(),
    ).toEqual(['ic-fresh', 'someone-else']);
    await expectState({ [FRESH]: mine.provisionedModelArn });
    await expectCleanPlan();
  });
});

describe('state rm on an interrupted create', () => {
  it('removes the intent and says a PT that appears later is not managed', async () => {
    project.write({ dev: { pts: { fresh: spec } } });
    const intent = await leaveIntent();
    const out = await cli(['state', 'rm', FRESH, '--synth-dir', project.synthDir, '--stack', 'dev'], { cwd: project.dir, env: project.env });
    expect(out.code).toBe(0);
    expect(out.stdout).toContain(`Removed the interrupted create of "ic-fresh" (token ${intent.clientRequestToken})`);
    await expectState({});
    expect(emulator.requests()).toEqual([]);
  });
});

describe('a create whose answer is lost', () => {
  it('does not adopt a same-named PT made by someone else with other tags', async () => {
    project.write({ dev: { pts: { fresh: spec } } });
    const plan = await planOne(project, emulator);
    const { provisionedModelArn: outsider } = await devClient().send(
      new CreateProvisionedModelThroughputCommand({
        provisionedModelName: spec.name,
        modelId: DEV_CUSTOM,
        modelUnits: 1,
        tags: [{ key: 'Owner', value: 'someone' }],
      }),
    );
    emulator.injectFault({ operation: 'CreateProvisionedModelThroughput', kind: 'internal-error', count: 100 });
    // The outsider appeared after the plan: re-derivation would refuse the plan; skip it to test the create's own adoption rule.
    const [result] = await applyProjectPlans(project, [plan], undefined, false);
    emulator.clearFaults();
    expect(result.added).toBe(0);
    expect(result.failed[0].error).toMatch(/did not get an answer/);
    const state = await loadState(project.statePath('dev'));
    expect(state.managed.pts).toEqual({});
    expect(Object.keys(state.managed.pending)).toEqual([FRESH]);
    expect(emulator.inventory().map((p) => p.provisionedModelArn)).toEqual([outsider]);

    const next = await planOne(project, emulator);
    expect(next.applyable).toBe(false);
    expect(next.diagnostics.map((d) => d.code)).toContain('name-taken');
    expect(next.diagnostics.map((d) => d.summary).join('\n')).toContain(`${outsider} is named "ic-fresh" but is not its result: its tags differ`);
  });

  it('never leaves two addresses on one PT when a same-named PT is managed by another address', async () => {
    const a: PtSpec = { name: 'pt-c', model: DEV_CUSTOM, units: 1 };
    project.write({ dev: { pts: { a } } });
    await converge(project, emulator);
    const aArn = (await loadState(project.statePath('dev'))).managed.pts[`${PT}.a`].arn;

    project.write({ dev: { pts: { a, c: { ...a } } } });
    emulator.injectFault({ operation: 'CreateProvisionedModelThroughput', kind: 'internal-error', count: 100 });
    // Either the create fails without an answer or (with a name guard) the plan is refused: both are safe.
    const outcome = await applyProjectPlans(project, [await planOne(project, emulator)]).catch((err: Error) => err);
    emulator.clearFaults();
    expect(Array.isArray(outcome) ? outcome[0].added : 0).toBe(0);
    const owners = Object.values((await loadState(project.statePath('dev'))).managed.pts).filter((m) => m.arn === aArn);
    expect(owners.map((m) => m.address)).toEqual([`${PT}.a`]);

    // Removing c must not touch a's PT.
    project.write({ dev: { pts: { a } } });
    await converge(project, emulator);
    expect(emulator.inventory().map((p) => p.provisionedModelArn)).toEqual([aArn]);
    expect(emulator.requests().filter((r) => r.operation === 'DeleteProvisionedModelThroughput')).toEqual([]);
  });

  it("after a kill, recovery does not record another address's PT as the interrupted create", async () => {
    const a: PtSpec = { name: 'pt-c', model: DEV_CUSTOM, units: 1, tags: { Team: 'a' } };
    project.write({ dev: { pts: { a } } });
    await converge(project, emulator);
    const aArn = (await loadState(project.statePath('dev'))).managed.pts[`${PT}.a`].arn;
    project.write({ dev: { pts: { a, c: { ...a } } } });
    await leaveIntent({ address: `${PT}.c`, name: 'pt-c' });

    const [{ plan, recovery }] = await planProject(project, emulator, ['dev']);
    expect(recovery.recorded).toEqual([]);
    const state = await loadState(project.statePath('dev'));
    expect(Object.values(state.managed.pts).map((m) => [m.address, m.arn])).toEqual([[`${PT}.a`, aArn]]);
    expect(Object.keys(state.managed.pending)).toEqual([`${PT}.c`]);
    const said = plan.diagnostics
      .filter((d) => d.address === `${PT}.c`)
      .map((d) => d.summary)
      .join('\n');
    expect(said).toContain(`${aArn} is named "pt-c" but is not its result: it is managed as ${PT}.a`);
  });
});

describe('a create whose answer cannot be read', () => {
  it('is an unknown outcome, not a refusal: the intent and token are kept and the one PT bought is recorded', async () => {
    project.write({ dev: { pts: { fresh: spec } } });
    // Every answer is a 200 whose body is cut short: the PT is bought by the first request, and no answer can be read.
    emulator.injectFault({ operation: 'CreateProvisionedModelThroughput', kind: 'unreadable-success', count: 20 });
    await applyProjectPlans(project, [await planOne(project, emulator)]);
    emulator.clearFaults();
    await converge(project, emulator);

    expect(emulator.inventory()).toHaveLength(1);
    // Only the first request bought: every later one carried its token.
    expect(new Set(creates().map((r) => r.params.clientRequestToken)).size).toBe(1);
    await expectState({ [FRESH]: emulator.inventory()[0].provisionedModelArn! });
    await expectCleanPlan();
  });
});
