/**
 * bedrockpt_provisioned_model_throughput planned and applied through the provider's ProviderImpl,
 * against the emulator over HTTP: the same rules as `bedrock-pt plan`, in Terraform's terms.
 */
import type { Emulator } from '../../src/emulator';
import { UNKNOWN, type CtyObject, type ResourceType } from '../../src/provider/contract';
import { DEV, DEV_CUSTOM, DEV_CUSTOM_SIBLING, HAIKU_PT, mutatingCalls } from '../e2e/harness';
import { configuredProvider, createPt, DEFAULT_TAGS, errors, plan, planAndApply, ptConfig, withProviderAgainstEmulator } from './terraform-driver';

let emulator: Emulator;
let pt: ResourceType;

withProviderAgainstEmulator((f) => ({ emulator, pt } = f));

const committed = (overrides: Partial<Parameters<typeof ptConfig>[0]> = {}) =>
  ptConfig({ name: 'support-chat', model: HAIKU_PT, units: 1, commitment: 'OneMonth', tags: { CostCenter: 'cc-1' }, ...overrides });
const custom = (overrides: Partial<Parameters<typeof ptConfig>[0]> = {}) => ptConfig({ name: 'support-bot', model: DEV_CUSTOM, units: 1, ...overrides });

describe('create', () => {
  it('plans computed attributes as unknown and creates the PT, waiting for InService', async () => {
    const { planned, applied } = await planAndApply(pt, null, committed());
    expect(planned.planned).toMatchObject({ id: UNKNOWN, provisioned_model_arn: UNKNOWN, status: UNKNOWN, tags_all: { ...DEFAULT_TAGS, CostCenter: 'cc-1' } });
    expect(planned.requiresReplace).toEqual([]);
    expect(errors(applied)).toEqual([]);
    const state = applied.newState!;
    expect(state).toMatchObject({
      provisioned_model_name: 'support-chat',
      model_arn: HAIKU_PT,
      model_units: 1,
      status: 'InService',
      tags: { CostCenter: 'cc-1' },
    });
    expect(state.id).toBe(state.provisioned_model_arn);
    expect(String(state.foundation_model_arn)).toContain(HAIKU_PT);
    expect(Date.parse(String(state.commitment_expiration_time))).toBeGreaterThan(emulator.now().getTime());
    expect(emulator.inventory(DEV.account, DEV.region)).toHaveLength(1);
  });

  it('waits for concurrent creates on shared Lists instead of a Get per PT per poll', async () => {
    emulator.setTransitionDelays({ createMs: 1500 });
    const names = ['pt-1', 'pt-2', 'pt-3', 'pt-4', 'pt-5'];
    emulator.resetRequests();
    const states = await Promise.all(names.map((name) => createPt(pt, committed({ name }))));
    expect(states.map((s) => s.status)).toEqual(names.map(() => 'InService'));
    const count = (op: string) => emulator.requests().filter((r) => r.operation === op).length;
    // Without sharing, each PT polls ~1.5 s / ≤0.2 s ≥ 8 times: 40 Gets or more.
    expect(count('GetProvisionedModelThroughput')).toBeLessThanOrEqual(names.length * 3);
  });

  it('reports the failureMessage when the new PT ends Failed, and keeps it in state', async () => {
    emulator.failNextCreate('insufficient capacity for this model');
    const { applied } = await planAndApply(pt, null, committed());
    expect(
      errors(applied)
        .map((d) => d.detail)
        .join(' '),
    ).toContain('insufficient capacity for this model');
    expect(applied.newState).toMatchObject({ status: 'Failed' });
  });

  it('stops waiting after timeouts.create and returns the PT with a warning, so Terraform records it untainted', async () => {
    emulator.setTransitionDelays({ createMs: 60_000 });
    const started = Date.now();
    const { applied } = await planAndApply(pt, null, committed({ timeouts: { create: '1s' } }));
    expect(Date.now() - started).toBeLessThan(5000);
    expect(errors(applied)).toEqual([]);
    expect(applied.diagnostics).toEqual([expect.objectContaining({ severity: 'warning', detail: expect.stringContaining('timed out waiting') })]);
    expect(applied.newState).toMatchObject({
      id: emulator.inventory(DEV.account, DEV.region)[0].provisionedModelArn,
      status: 'Creating',
      timeouts: { create: '1s' },
    });
  });

  it('plans a create whose name is not known yet, without errors', async () => {
    const response = await plan(pt, null, committed({ name: UNKNOWN }));
    expect(errors(response)).toEqual([]);
    expect(response.planned).toMatchObject({ provisioned_model_name: UNKNOWN, id: UNKNOWN, status: UNKNOWN });
  });

  it('refuses at plan a model that is not sold as Provisioned Throughput, on model_arn', async () => {
    const response = await plan(pt, null, committed({ model: 'anthropic.claude-3-haiku-20240307-v1:0' }));
    expect(errors(response)).toEqual([
      expect.objectContaining({ path: [{ attribute: 'model_arn' }], summary: expect.stringContaining('does not support Provisioned Throughput') }),
    ]);
  });

  it('warns on model_arn when the model is LEGACY', async () => {
    const response = await plan(pt, null, committed({ model: 'anthropic.claude-v2:1:200k' }));
    expect(errors(response)).toEqual([]);
    expect(response.diagnostics).toContainEqual(
      expect.objectContaining({ severity: 'warning', path: [{ attribute: 'model_arn' }], summary: expect.stringContaining('LEGACY') }),
    );
  });
});

describe('in-place updates', () => {
  async function changeOnly(prior: CtyObject, config: CtyObject) {
    emulator.resetRequests();
    const result = await planAndApply(pt, prior, config);
    expect(result.planned.requiresReplace).toEqual([]);
    expect(errors(result.applied)).toEqual([]);
    return { ...result, calls: mutatingCalls(emulator).map((r) => r.operation) };
  }

  it('renames a committed PT in place, keeping its ARN', async () => {
    const prior = await createPt(pt, committed());
    const { applied, calls } = await changeOnly(prior, committed({ name: 'support-chat-v2' }));
    expect(applied.newState).toMatchObject({ id: prior.id, provisioned_model_name: 'support-chat-v2' });
    expect(calls).toEqual(['UpdateProvisionedModelThroughput']);
  });

  it('changes tags in place with only the difference', async () => {
    const prior = await createPt(pt, committed());
    const { planned, applied, calls } = await changeOnly(prior, committed({ tags: { Team: 'search' } }));
    expect(planned.planned!.status).toBe('InService');
    expect(applied.newState).toMatchObject({ id: prior.id, tags: { Team: 'search' }, tags_all: { ...DEFAULT_TAGS, Team: 'search' } });
    expect(calls.sort()).toEqual(['TagResource', 'UntagResource']);
  });

  it('swaps a custom model for a sibling of the same base in place', async () => {
    const prior = await createPt(pt, custom());
    const { applied, calls } = await changeOnly(prior, custom({ model: DEV_CUSTOM_SIBLING }));
    expect(applied.newState).toMatchObject({ id: prior.id, model_arn: DEV_CUSTOM_SIBLING, status: 'InService' });
    expect(calls).toEqual(['UpdateProvisionedModelThroughput']);
  });

  it('plans nothing when config and the PT agree', async () => {
    const prior = await createPt(pt, committed());
    const response = await plan(pt, prior, committed());
    expect(response.planned).toEqual(prior);
    expect(response.requiresReplace).toEqual([]);
  });
});

describe('replacement', () => {
  it('marks model_units as forcing replacement of a PT without commitment', async () => {
    const prior = await createPt(pt, custom());
    const response = await plan(pt, prior, custom({ units: 2 }));
    expect(errors(response)).toEqual([]);
    expect(response.requiresReplace).toEqual([[{ attribute: 'model_units' }]]);
    expect(response.planned).toMatchObject({ id: UNKNOWN, model_units: 2 });
  });

  it('plans the create half of a replace under the same name (the old PT goes first)', async () => {
    const prior = await createPt(pt, custom());
    const first = await plan(pt, prior, custom({ units: 2 }));
    const createHalf = await plan(pt, null, custom({ units: 2 }), first.plannedPrivate);
    expect(errors(createHalf)).toEqual([]);
  });

  it('refuses at plan to replace a PT whose commitment has not ended, naming the end date, and sends nothing', async () => {
    const prior = await createPt(pt, committed());
    emulator.resetRequests();
    const response = await plan(pt, prior, committed({ units: 2 }));
    const [error] = errors(response);
    const end = String(prior.commitment_expiration_time).slice(0, 10);
    expect(error.summary).toContain('Cannot be replaced');
    expect(error.summary).toContain(end);
    expect(error.path).toEqual([{ attribute: 'model_units' }]);
    expect(mutatingCalls(emulator)).toEqual([]);
  });
});

describe('values known only at apply', () => {
  it('plans a committed PT whose model_units is unknown in place, with a warning, and refuses at apply once it needs a replace', async () => {
    const prior = await createPt(pt, committed());
    const first = await plan(pt, prior, committed({ units: UNKNOWN }));
    expect(errors(first)).toEqual([]);
    expect(first.requiresReplace).toEqual([]);
    expect(first.planned).toMatchObject({ model_units: UNKNOWN, id: prior.id });
    expect(first.diagnostics).toContainEqual(expect.objectContaining({ severity: 'warning', path: [{ attribute: 'model_units' }] }));

    // Terraform plans again during apply, with the value now known.
    emulator.resetRequests();
    const final = await plan(pt, prior, committed({ units: 3 }));
    expect(errors(final)[0].summary).toContain(String(prior.commitment_expiration_time).slice(0, 10));
    const applied = await pt.apply({ prior, planned: { ...prior, model_units: 3 }, config: committed({ units: 3 }) });
    expect(errors(applied)[0].summary).toContain('Cannot be replaced');
    expect(applied.newState).toEqual(prior);
    expect(mutatingCalls(emulator)).toEqual([]);
  });
});

describe('apply re-plans from what is true now', () => {
  it('refuses at apply a rename to a name taken since the plan, and sends nothing', async () => {
    const prior = await createPt(pt, committed());
    const planned = await plan(pt, prior, committed({ name: 'taken-later' }));
    await createPt(pt, committed({ name: 'taken-later', units: 2 }));
    emulator.resetRequests();
    // Terraform applies in a provider process of its own, which reads the List anew.
    const applyRun = await configuredProvider(emulator);
    const applied = await applyRun.pt.apply({ prior, planned: planned.planned, config: committed({ name: 'taken-later' }) });
    await applyRun.provider.stop();
    expect(errors(applied)[0]).toMatchObject({ path: [{ attribute: 'provisioned_model_name' }], summary: expect.stringContaining('already used') });
    expect(applied.newState).toEqual(prior);
    expect(mutatingCalls(emulator)).toEqual([]);
  });
});

describe('destroy', () => {
  it('refuses at plan to destroy a PT whose commitment has not ended, and apply refuses too', async () => {
    const prior = await createPt(pt, committed());
    emulator.resetRequests();
    const response = await plan(pt, prior, null);
    expect(errors(response)).toEqual([expect.objectContaining({ summary: expect.stringContaining(String(prior.commitment_expiration_time).slice(0, 10)) })]);
    const applied = await pt.apply({ prior, planned: null, config: null });
    expect(errors(applied)[0].summary).toContain('Cannot be destroyed');
    expect(applied.newState).toEqual(prior);
    expect(mutatingCalls(emulator)).toEqual([]);
  });

  it('plans the destroy of a committed PT once its term has ended', async () => {
    const prior = await createPt(pt, committed());
    emulator.advance(32 * 24 * 60 * 60 * 1000);
    const response = await plan(pt, prior, null);
    expect(response.diagnostics).toEqual([]);
  });

  it('deletes a PT without commitment and waits until it is gone', async () => {
    const prior = await createPt(pt, custom());
    const { planned, applied } = await planAndApply(pt, prior, null);
    expect(errors(planned)).toEqual([]);
    expect(applied).toEqual({ newState: null, diagnostics: [] });
    expect(emulator.inventory(DEV.account, DEV.region)).toEqual([]);
  });
});
