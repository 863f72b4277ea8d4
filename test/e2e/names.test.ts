/**
 * Names moving between the PTs of one stack, through the real CLI against the emulator: a swap
 * and a rename into a name a delete frees apply in one run and leave each ARN under the name the
 * config gives it; a name two PTs would hold is refused at plan time, before anything is sent.
 */
import * as fs from 'node:fs';
import { DEV, DEV_CUSTOM, PT, applyProjectPlans, cli, mutatingCalls, operations, planOne, stateAttributes, useEmulatorProject, type PtSpec } from './harness';

const { emulator, project } = useEmulatorProject();

const pt = (name: string, over: Partial<PtSpec> = {}): PtSpec => ({ name, model: DEV_CUSTOM, units: 1, ...over });
const at = (id: string) => `${PT}.${id}`;

function writeDev(names: Record<string, string>, over: Record<string, Partial<PtSpec>> = {}): void {
  project().write({ dev: { pts: Object.fromEntries(Object.entries(names).map(([id, name]) => [id, pt(name, over[id])])) } });
}

const run = (...args: string[]) => cli([...args, '--synth-dir', project().synthDir], { cwd: project().dir, env: project().env });
const applyAll = () => run('apply', '--all', '--auto-approve');

/** Live names by ARN in the dev account. */
function liveNames(): Record<string, string> {
  return Object.fromEntries(
    emulator()
      .inventory(DEV.account, DEV.region)
      .map((p) => [p.provisionedModelArn, p.provisionedModelName]),
  );
}

function stateArn(id: string): string {
  return stateAttributes(project().statePath('dev'), at(id))!.provisioned_model_arn as string;
}

/** Creates the PTs of `names` with the CLI and returns their ARNs by logical id. */
async function existing(names: Record<string, string>): Promise<Record<string, string>> {
  writeDev(names);
  const applied = await applyAll();
  expect(applied.code).toBe(0);
  emulator().resetRequests();
  return Object.fromEntries(Object.keys(names).map((id) => [id, stateArn(id)]));
}

async function expectNoChanges(): Promise<void> {
  const again = await run('plan', '--all', '--detailed-exitcode');
  expect(again.stdout).toContain('No changes.');
  expect(again.code).toBe(0);
}

describe('names that move between PTs of one stack', () => {
  it('swaps two names in one apply, through a temporary name, keeping both ARNs', async () => {
    const arns = await existing({ a: 'dev-alpha', b: 'dev-beta' });
    writeDev({ a: 'dev-beta', b: 'dev-alpha' });

    const planned = await run('plan', '--all');
    expect(planned.stdout).toMatch(/renamed to the temporary name "dev-alpha-tmp-[0-9a-f]{8}" first, to free "dev-alpha"/);
    const applied = await applyAll();
    expect(applied.stderr).toBe('');
    expect(applied.stdout).toContain('Apply complete! Resources: 0 added, 2 changed, 0 destroyed.');
    expect(applied.code).toBe(0);

    expect(liveNames()).toEqual({ [arns.a]: 'dev-beta', [arns.b]: 'dev-alpha' });
    expect(operations(emulator())).toEqual(Array(3).fill('UpdateProvisionedModelThroughput'));
    expect(stateAttributes(project().statePath('dev'), at('a'))).toMatchObject({ provisioned_model_arn: arns.a, provisioned_model_name: 'dev-beta' });
    expect(stateAttributes(project().statePath('dev'), at('b'))).toMatchObject({ provisioned_model_arn: arns.b, provisioned_model_name: 'dev-alpha' });
    await expectNoChanges();
  });

  it('renames into the name of a PT deleted in the same apply, after the delete', async () => {
    const arns = await existing({ old: 'dev-shared', kept: 'dev-kept' });
    writeDev({ kept: 'dev-shared' });

    const applied = await applyAll();
    expect(applied.stderr).toBe('');
    expect(applied.code).toBe(0);
    expect(operations(emulator())).toEqual(['DeleteProvisionedModelThroughput', 'UpdateProvisionedModelThroughput']);
    expect(liveNames()).toEqual({ [arns.kept]: 'dev-shared' });
    expect(stateAttributes(project().statePath('dev'), at('old'))).toBeUndefined();
    expect(stateArn('kept')).toBe(arns.kept);
    await expectNoChanges();
  });

  it('trades names between a delete-first replace and a rename in one apply, without a temporary name', async () => {
    const arns = await existing({ replaced: 'dev-alpha', renamed: 'dev-beta' });
    // A new commitment cannot be added in place: the PT is replaced, delete first.
    writeDev({ replaced: 'dev-beta', renamed: 'dev-alpha' }, { replaced: { commitment: 'OneMonth' } });

    const applied = await applyAll();
    expect(applied.stderr).toBe('');
    expect(applied.code).toBe(0);
    expect(operations(emulator())).toEqual(['DeleteProvisionedModelThroughput', 'UpdateProvisionedModelThroughput', 'CreateProvisionedModelThroughput']);
    const successor = stateArn('replaced');
    expect(successor).not.toBe(arns.replaced);
    expect(liveNames()).toEqual({ [successor]: 'dev-beta', [arns.renamed]: 'dev-alpha' });
    await expectNoChanges();
  });

  it('does not start a rename whose name a failed delete still holds, says why, and finishes on the next apply', async () => {
    const arns = await existing({ old: 'dev-shared', kept: 'dev-kept' });
    writeDev({ kept: 'dev-shared' });
    emulator().injectFault({ operation: 'DeleteProvisionedModelThroughput', kind: 'internal-error', count: 20 });

    const failed = await applyAll();
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain(`dev/${at('kept')}: not started: it takes the name "dev-shared" that ${at('old')} frees first, and ${at('old')} failed`);
    expect(operations(emulator()).filter((op) => op !== 'DeleteProvisionedModelThroughput')).toEqual([]);
    expect(liveNames()).toEqual({ [arns.old]: 'dev-shared', [arns.kept]: 'dev-kept' });
    expect(stateArn('old')).toBe(arns.old);

    emulator().clearFaults();
    expect((await applyAll()).code).toBe(0);
    expect(liveNames()).toEqual({ [arns.kept]: 'dev-shared' });
    await expectNoChanges();
  });

  it('refuses a create with the name of an unchanged managed PT: exit 1, the reason on the address, nothing sent', async () => {
    await existing({ kept: 'dev-taken' });
    writeDev({ kept: 'dev-taken', fresh: 'dev-taken' });
    const stateBefore = fs.readFileSync(project().statePath('dev'), 'utf8');

    const refused = await applyAll();
    expect(refused.code).toBe(1);
    // The error is printed on stderr, as Terraform prints its errors.
    expect(refused.stderr).toContain(`The name "dev-taken" stays with ${at('kept')}`);
    expect(refused.stderr).toContain(`with ${at('fresh')}, on provisioned_model_name`);
    expect(refused.stdout).not.toContain(`with ${at('fresh')}, on provisioned_model_name`);
    expect(refused.stderr).toMatch(/blocking errors/);
    expect(mutatingCalls(emulator())).toEqual([]);
    expect(fs.readFileSync(project().statePath('dev'), 'utf8')).toBe(stateBefore);
  });

  it('refuses, before sending anything, a saved swap whose order would wait forever', async () => {
    await existing({ a: 'dev-alpha', b: 'dev-beta' });
    writeDev({ a: 'dev-beta', b: 'dev-alpha' });
    const plan = await planOne(project(), emulator());
    const withoutBreak = { ...plan, changes: plan.changes.map(({ viaTemporaryName: _dropped, ...change }) => change) };

    await expect(applyProjectPlans(project(), [withoutBreak])).rejects.toThrow(
      `stack dev: ${at('a')} cannot be applied in the plan's name order: its wait for a name loops back to itself (${at('a')} → ${at('b')} → ${at('a')})`,
    );
    expect(mutatingCalls(emulator())).toEqual([]);
  });
});
