/**
 * Model-unit quotas through the real CLI against the emulator's Service Quotas: a purchase over
 * its quota is blocked at plan (nothing sent), one that fits applies, units a delete frees count
 * only in the order the plan runs, and quotas that cannot be read warn without blocking.
 */
import { ADDRESS, DEV, DEV_CUSTOM, HAIKU_PT, mutatingCalls, operations, stackDocument, type PtSpec } from './harness';
import { devCliPerTest } from './dev-cli';

const dev = devCliPerTest();
const { run } = dev;

const HAIKU_QUOTA = 'Model units per provisioned model for Anthropic Claude 3 Haiku 200K';
const CUSTOM_QUOTA = 'Model units no-commitment Provisioned Throughputs across custom models';
const committed = (overrides: Partial<PtSpec> = {}): PtSpec => ({ name: 'dev-chat', model: HAIKU_PT, units: 2, commitment: 'OneMonth', ...overrides });
const custom = (overrides: Partial<PtSpec> = {}): PtSpec => ({ name: 'dev-chat', model: DEV_CUSTOM, units: 2, ...overrides });
const names = () => dev.emulator.inventory(DEV.account, DEV.region).map((pt) => pt.provisionedModelName);

describe('a purchase over its quota', () => {
  it('is blocked at plan with the quota, the units and the command to raise it, and apply sends nothing', async () => {
    dev.emulator.setModelUnitsQuota(DEV.account, DEV.region, HAIKU_PT, 1);
    dev.project.write({ dev: { pts: { support_chat: committed() } } });

    const plan = await run('plan', '--out', 'plan.json');
    expect(plan.code).toBe(1);
    expect(plan.stderr).toContain(`Needs 2 model unit(s) of the quota "${HAIKU_QUOTA}"`);
    expect(plan.stderr).toMatch(/which allows 1 in account 111111111111, us-east-1; 0 are in use or bought first/);
    expect(plan.stderr).toMatch(
      /aws service-quotas request-service-quota-increase --service-code bedrock --quota-code L-[0-9A-F]{8} --desired-value 2 --region us-east-1/,
    );
    expect(plan.stdout).toContain(`Saved the plan to plan.json. It cannot be applied: dev/${ADDRESS}: Needs 2 model unit(s)`);
    expect(plan.stdout).not.toContain('To apply exactly this plan');

    const apply = await run('apply', '--auto-approve');
    expect(apply.code).toBe(1);
    expect(mutatingCalls(dev.emulator)).toEqual([]);
    expect(names()).toEqual([]);
  }, 60_000);

  it('fits once the quota allows it, and then plans and applies', async () => {
    dev.emulator.setModelUnitsQuota(DEV.account, DEV.region, HAIKU_PT, 2);
    dev.project.write({ dev: { pts: { support_chat: committed() } } });
    const plan = await run('plan', '--detailed-exitcode');
    expect(plan.stderr).toBe('');
    expect(plan.code).toBe(2);
    expect((await run('apply', '--auto-approve')).code).toBe(0);
    expect(names()).toEqual(['dev-chat']);
    const lists = dev.emulator.requests().filter((r) => r.operation === 'ListServiceQuotas');
    expect(lists).toHaveLength(2);
    // A plan that buys nothing does not read quotas.
    dev.emulator.resetRequests();
    expect((await run('plan', '--detailed-exitcode')).code).toBe(0);
    expect(dev.emulator.requests().filter((r) => r.operation === 'ListServiceQuotas')).toEqual([]);
  }, 60_000);
});

describe('units a delete frees', () => {
  it('count for a create in the same plan, which deletes before it creates', async () => {
    dev.project.write({ dev: { pts: { old: custom({ name: 'dev-old' }) } } });
    expect((await run('apply', '--auto-approve')).code).toBe(0);
    dev.project.write({ dev: { pts: { support_chat: custom() } } });
    dev.emulator.resetRequests();
    const apply = await run('apply', '--auto-approve');
    expect(apply.stderr).toBe('');
    expect(apply.code).toBe(0);
    expect(operations(dev.emulator)).toEqual(['DeleteProvisionedModelThroughput', 'CreateProvisionedModelThroughput']);
    expect(names()).toEqual(['dev-chat']);
  }, 60_000);

  it('count for a replace that deletes first, not for one under create_before_destroy', async () => {
    dev.project.write({ dev: { pts: { support_chat: custom() } } });
    expect((await run('apply', '--auto-approve')).code).toBe(0);

    dev.project.write({ dev: { pts: { support_chat: custom({ name: 'dev-chat-b', units: 1, lifecycle: { create_before_destroy: true } }) } } });
    dev.emulator.resetRequests();
    const createFirst = await run('apply', '--auto-approve');
    expect(createFirst.code).toBe(1);
    expect(createFirst.stderr).toContain(
      `Needs 1 model unit(s) of the quota "${CUSTOM_QUOTA}" (L-BE77399C), which allows 2 in account 111111111111, us-east-1; 2 are in use`,
    );
    expect(mutatingCalls(dev.emulator)).toEqual([]);

    dev.project.write({ dev: { pts: { support_chat: custom({ name: 'dev-chat-b', units: 1 }) } } });
    const deleteFirst = await run('apply', '--auto-approve');
    expect(deleteFirst.stderr).toBe('');
    expect(deleteFirst.code).toBe(0);
    expect(operations(dev.emulator)).toEqual(['DeleteProvisionedModelThroughput', 'CreateProvisionedModelThroughput']);
    expect(names()).toEqual(['dev-chat-b']);
  }, 60_000);
});

describe('quotas that cannot be read', () => {
  it('give a warning naming servicequotas:ListServiceQuotas, and the plan applies', async () => {
    dev.emulator.injectFault({ operation: 'ListServiceQuotas', kind: 'access-denied', count: 10 });
    dev.project.write({ dev: { pts: { support_chat: committed() } } });
    const plan = await run('plan', '--detailed-exitcode');
    expect(plan.code).toBe(2);
    expect(plan.stderr).toBe('');
    expect(plan.stdout).toContain('Model-unit quotas could not be read, so the 2 model unit(s) this plan buys are not checked against them');
    expect(plan.stdout).toContain('access denied for servicequotas:ListServiceQuotas');
    const apply = await run('apply', '--auto-approve');
    expect(apply.code).toBe(0);
    expect(names()).toEqual(['dev-chat']);
  }, 60_000);

  it('name the endpoint that did not answer, and the plan applies', async () => {
    const doc = stackDocument({ pts: { support_chat: committed() } }, dev.emulator.url, dev.project.statePath('dev')) as {
      provider: { aws: { endpoints: Record<string, string>[] }[] };
    };
    doc.provider.aws[0].endpoints[0].servicequotas = 'http://127.0.0.1:9';
    dev.project.write({ dev: JSON.stringify(doc) });
    const plan = await run('plan', '--detailed-exitcode');
    expect(plan.code).toBe(2);
    expect(plan.stdout).toContain(
      'cannot reach the Service Quotas endpoint http://127.0.0.1:9 (set by endpoints { servicequotas = ... } in the provider block)',
    );
    expect((await run('apply', '--auto-approve')).code).toBe(0);
    expect(names()).toEqual(['dev-chat']);
  }, 60_000);
});
