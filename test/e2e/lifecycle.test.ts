/**
 * Every kind of change, planned and applied through the run layer against the emulator
 * (real SDK over HTTP), with hand-written synth dirs: what is sent, in which order, and
 * what the state says afterwards.
 */
import { BedrockClient, CreateProvisionedModelThroughputCommand, DeleteProvisionedModelThroughputCommand } from '@aws-sdk/client-bedrock';
import type { Emulator } from '../../src/emulator';
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
  operations,
  planOne,
  stateAttributes,
  type PtSpec,
  emulatorPerFile,
  devSupportChat,
} from './harness';

let emulator: Emulator;
let project: SynthProject;

const shared = emulatorPerFile();
beforeEach(() => ({ emulator, project } = shared));

const chat = devSupportChat;

function writeDev(pts: Record<string, PtSpec>, extra: { moved?: { from: string; to: string }[]; imports?: { to: string; id: string }[] } = {}): void {
  project.write({ dev: { pts, ...extra } });
}

/** Create the PT of `spec` through the run layer, then clear the request log. */
async function created(spec: PtSpec = chat()): Promise<string> {
  writeDev({ support_chat: spec });
  await converge(project, emulator);
  const arn = stateAttributes(project.statePath('dev'))!.provisioned_model_arn as string;
  emulator.resetRequests();
  return arn;
}

function devClient(): BedrockClient {
  return new BedrockClient({ endpoint: emulator.url, region: DEV.region, credentials: { accessKeyId: DEV.accessKeyId, secretAccessKey: 'x' }, maxAttempts: 1 });
}

function livePts() {
  return emulator.inventory(DEV.account, DEV.region);
}

describe('apply through the SDK', () => {
  it('creates a PT, waits for InService and records it in state with its tags', async () => {
    writeDev({ support_chat: chat() });
    const { plan, result } = await converge(project, emulator);
    expect(plan.changes.map((c) => c.action)).toEqual(['create']);
    expect(result.added).toBe(1);
    expect(operations(emulator)).toEqual(['CreateProvisionedModelThroughput']);
    const [pt] = livePts();
    expect(pt.status).toBe('InService');
    expect(pt.tags).toEqual({ CostCenter: 'cc-1234', Project: 'support-bot', ManagedBy: 'bedrock-pt' });
    const attrs = stateAttributes(project.statePath('dev'))!;
    expect(attrs.provisioned_model_arn).toBe(pt.provisionedModelArn);
    expect(attrs.id).toBe(pt.provisionedModelArn);
    expect(attrs.tags).toEqual({ CostCenter: 'cc-1234' });
  });

  it('renames a PT in place, keeping its ARN', async () => {
    const arn = await created();
    writeDev({ support_chat: chat({ name: 'dev-support-chat-v2' }) });
    const { plan } = await converge(project, emulator);
    expect(plan.changes[0]).toMatchObject({ action: 'update', reasons: ['rename'] });
    const calls = mutatingCalls(emulator);
    expect(calls.map((c) => c.operation)).toEqual(['UpdateProvisionedModelThroughput']);
    expect(calls[0].params).toMatchObject({ desiredProvisionedModelName: 'dev-support-chat-v2' });
    expect(calls[0].params).not.toHaveProperty('desiredModelId');
    expect(livePts().map((p) => [p.provisionedModelArn, p.provisionedModelName])).toEqual([[arn, 'dev-support-chat-v2']]);
    expect(stateAttributes(project.statePath('dev'))!.provisioned_model_name).toBe('dev-support-chat-v2');
  });

  it('sends only the tag difference: TagResource for added or changed values, UntagResource for removed keys', async () => {
    const arn = await created(chat({ tags: { CostCenter: 'cc-1234', Team: 'search', Owner: 'ana' } }));
    writeDev({ support_chat: chat({ tags: { CostCenter: 'cc-9999', Owner: 'ana', Tier: 'gold' } }) });
    await converge(project, emulator);
    const calls = mutatingCalls(emulator);
    expect(calls.map((c) => c.operation)).toEqual(['TagResource', 'UntagResource']);
    expect(calls[0].params).toMatchObject({
      resourceARN: arn,
      tags: [
        { key: 'CostCenter', value: 'cc-9999' },
        { key: 'Tier', value: 'gold' },
      ],
    });
    expect(calls[1].params).toMatchObject({ resourceARN: arn, tagKeys: ['Team'] });
    expect(livePts()[0].tags).toEqual({ CostCenter: 'cc-9999', Owner: 'ana', Tier: 'gold', Project: 'support-bot', ManagedBy: 'bedrock-pt' });
  });

  it('swaps a custom-model PT to a sibling custom model in place with desiredModelId', async () => {
    const arn = await created();
    writeDev({ support_chat: chat({ model: DEV_CUSTOM_SIBLING }) });
    const { plan } = await converge(project, emulator);
    expect(plan.changes[0]).toMatchObject({ action: 'update', reasons: ['custom-model-swap'] });
    const calls = mutatingCalls(emulator);
    expect(calls.map((c) => c.operation)).toEqual(['UpdateProvisionedModelThroughput']);
    expect(calls[0].params).toMatchObject({ desiredModelId: DEV_CUSTOM_SIBLING });
    const [pt] = livePts();
    expect([pt.provisionedModelArn, pt.modelArn, pt.status]).toEqual([arn, DEV_CUSTOM_SIBLING, 'InService']);
    expect(stateAttributes(project.statePath('dev'))!.model_arn).toBe(DEV_CUSTOM_SIBLING);
  });

  it('replaces a no-commitment PT delete-first when its model units change', async () => {
    const oldArn = await created();
    writeDev({ support_chat: chat({ units: 2 }) });
    const { plan } = await converge(project, emulator);
    expect(plan.changes[0]).toMatchObject({ action: 'delete-then-create', reasons: ['cannot-update-model-units'] });
    expect(operations(emulator)).toEqual(['DeleteProvisionedModelThroughput', 'CreateProvisionedModelThroughput']);
    const [pt] = livePts();
    expect(pt.provisionedModelArn).not.toBe(oldArn);
    expect(pt.modelUnits).toBe(2);
    expect(stateAttributes(project.statePath('dev'))!.provisioned_model_arn).toBe(pt.provisionedModelArn);
  });

  it('replaces create-first under create_before_destroy with a new name', async () => {
    const oldArn = await created(chat({ lifecycle: { create_before_destroy: true } }));
    writeDev({ support_chat: chat({ name: 'dev-support-chat-b', commitment: 'OneMonth', lifecycle: { create_before_destroy: true } }) });
    const { plan } = await converge(project, emulator);
    expect(plan.changes[0].action).toBe('create-then-delete');
    expect(operations(emulator)).toEqual(['CreateProvisionedModelThroughput', 'DeleteProvisionedModelThroughput']);
    const live = livePts();
    expect(live.map((p) => p.provisionedModelName)).toEqual(['dev-support-chat-b']);
    expect(live[0].provisionedModelArn).not.toBe(oldArn);
    const state = JSON.parse(require('node:fs').readFileSync(project.statePath('dev'), 'utf8'));
    expect(JSON.stringify(state)).not.toContain(oldArn);
  });

  it('deletes a PT removed from the configuration and drops it from state', async () => {
    const arn = await created();
    writeDev({});
    const { plan } = await converge(project, emulator);
    expect(plan.changes[0]).toMatchObject({ action: 'delete', reasons: ['removed-from-config'] });
    expect(mutatingCalls(emulator).map((c) => [c.operation, c.params.provisionedModelId])).toEqual([['DeleteProvisionedModelThroughput', arn]]);
    expect(livePts()).toEqual([]);
    expect(stateAttributes(project.statePath('dev'))).toBeUndefined();
  });
});

describe('money safety', () => {
  it('blocks deleting or replacing an unexpired committed PT until the term ends', async () => {
    const arn = await created(chat({ model: HAIKU_PT, commitment: 'OneMonth' }));

    writeDev({});
    const deletePlan = await planOne(project, emulator);
    expect(deletePlan.applyable).toBe(false);
    expect(deletePlan.diagnostics.map((d) => d.code)).toContain('commitment-not-expired');
    await expect(applyProjectPlans(project, [deletePlan])).rejects.toThrow(/blocking errors/);

    writeDev({ support_chat: chat({ model: HAIKU_PT, commitment: 'OneMonth', units: 2 }) });
    const replacePlan = await planOne(project, emulator);
    expect(replacePlan.applyable).toBe(false);
    expect(replacePlan.changes[0]).toMatchObject({ action: 'delete-then-create', blocked: true });
    await expect(applyProjectPlans(project, [replacePlan])).rejects.toThrow(/blocking errors/);
    expect(mutatingCalls(emulator)).toEqual([]);
    expect(livePts().map((p) => p.provisionedModelArn)).toEqual([arn]);

    emulator.advance(32 * DAY_MS);
    writeDev({});
    const { plan } = await converge(project, emulator);
    expect(plan.applyable).toBe(true);
    expect(operations(emulator)).toEqual(['DeleteProvisionedModelThroughput']);
    expect(livePts()).toEqual([]);
  });

  it('blocks a replace when lifecycle.prevent_destroy is set', async () => {
    await created(chat({ lifecycle: { prevent_destroy: true } }));
    writeDev({ support_chat: chat({ units: 2, lifecycle: { prevent_destroy: true } }) });
    const plan = await planOne(project, emulator);
    expect(plan.applyable).toBe(false);
    expect(plan.diagnostics.map((d) => d.code)).toEqual(['prevent-destroy']);
    await expect(applyProjectPlans(project, [plan])).rejects.toThrow(/blocking errors/);
    expect(mutatingCalls(emulator)).toEqual([]);
  });
});

describe('adopting, moving and recovering', () => {
  async function createOutside(name: string, tags: Record<string, string>): Promise<string> {
    const client = devClient();
    try {
      const out = await client.send(
        new CreateProvisionedModelThroughputCommand({
          provisionedModelName: name,
          modelId: DEV_CUSTOM,
          modelUnits: 1,
          tags: Object.entries(tags).map(([key, value]) => ({ key, value })),
        }),
      );
      return out.provisionedModelArn!;
    } finally {
      client.destroy();
    }
  }

  const allTags = { CostCenter: 'cc-1234', Project: 'support-bot', ManagedBy: 'bedrock-pt' };

  it('adopts an existing PT through an import block without creating one', async () => {
    const arn = await createOutside('dev-support-chat', allTags);
    emulator.advance(1000);
    emulator.resetRequests();
    writeDev({ support_chat: chat() }, { imports: [{ to: ADDRESS, id: arn }] });
    const { plan } = await converge(project, emulator);
    expect(plan.changes[0]).toMatchObject({ importing: { id: arn }, action: 'no-op' });
    expect(mutatingCalls(emulator)).toEqual([]);
    expect(stateAttributes(project.statePath('dev'))!.provisioned_model_arn).toBe(arn);
    expect((await planOne(project, emulator)).changes.map((c) => c.action)).toEqual(['no-op']);
  });

  it('adopts an existing PT with the import command, after which the plan has no changes', async () => {
    const arn = await createOutside('dev-support-chat', allTags);
    emulator.advance(1000);
    emulator.resetRequests();
    writeDev({ support_chat: chat() });
    const run = await cli(['import', '--stack', 'dev', '--synth-dir', project.synthDir, ADDRESS, arn], { cwd: project.dir, env: project.env });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Imported ${arn}`);
    expect(stateAttributes(project.statePath('dev'))).toMatchObject({ provisioned_model_arn: arn, tags: { CostCenter: 'cc-1234' } });
    const plan = await planOne(project, emulator);
    expect(plan.changes.map((c) => c.action)).toEqual(['no-op']);
    expect(mutatingCalls(emulator)).toEqual([]);
    expect(livePts()).toHaveLength(1);
  });

  it('follows a moved block by renaming the address in state with no API call', async () => {
    const arn = await created();
    writeDev({ chat: chat() }, { moved: [{ from: ADDRESS, to: `${PT}.chat` }] });
    const { plan } = await converge(project, emulator);
    expect(plan.changes[0]).toMatchObject({ address: `${PT}.chat`, movedFrom: ADDRESS, action: 'no-op' });
    expect(mutatingCalls(emulator)).toEqual([]);
    expect(stateAttributes(project.statePath('dev'))).toBeUndefined();
    expect(stateAttributes(project.statePath('dev'), `${PT}.chat`)!.provisioned_model_arn).toBe(arn);
  });

  it('drops a PT deleted outside bedrock-pt from state and creates it again', async () => {
    const oldArn = await created();
    const client = devClient();
    await client.send(new DeleteProvisionedModelThroughputCommand({ provisionedModelId: oldArn }));
    client.destroy();
    emulator.resetRequests();
    const { plan } = await converge(project, emulator);
    expect(plan.changes[0]).toMatchObject({ action: 'create', reasons: ['gone-outside'] });
    expect(plan.drift).toEqual([expect.objectContaining({ kind: 'gone', arn: oldArn })]);
    expect(operations(emulator)).toEqual(['CreateProvisionedModelThroughput']);
    const [pt] = livePts();
    expect(pt.provisionedModelArn).not.toBe(oldArn);
    expect(stateAttributes(project.statePath('dev'))!.provisioned_model_arn).toBe(pt.provisionedModelArn);
  });

  it('replaces a PT whose status is Failed', async () => {
    emulator.failNextCreate('Insufficient capacity for the requested model units');
    writeDev({ support_chat: chat() });
    const first = await planOne(project, emulator);
    const [result] = await applyProjectPlans(project, [first]);
    expect(result.failed[0].error).toMatch(/Insufficient capacity/);
    const failedArn = stateAttributes(project.statePath('dev'))!.provisioned_model_arn;
    expect(livePts()[0]).toMatchObject({ provisionedModelArn: failedArn, status: 'Failed' });
    emulator.resetRequests();

    const { plan } = await converge(project, emulator);
    expect(plan.changes[0]).toMatchObject({ action: 'delete-then-create', reasons: ['failed-status'] });
    expect(operations(emulator)).toEqual(['DeleteProvisionedModelThroughput', 'CreateProvisionedModelThroughput']);
    expect(livePts().map((p) => p.status)).toEqual(['InService']);
  });
});
