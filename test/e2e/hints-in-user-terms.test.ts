/**
 * What the CLI tells a cdktf user who hits a refusal is in the terms of their app: the
 * ProvisionedThroughput construct and its properties (`modelUnits`, `preventDestroy`), a second
 * PT when a committed one must grow, and bedrock-pt's own commands — never Terraform's, and never
 * "revert this change".
 */
import { DEV_CUSTOM, HAIKU_PT, cli, emulatorPerFile, mutatingCalls, type PtSpec } from './harness';

const shared = emulatorPerFile();

/** Terraform's commands and the wording a cdktf user cannot act on. */
const NOT_CDKTF_WORDS = /terraform (state|import|destroy|apply|untaint)|remove prevent_destroy|revert this change|-target=/;

const run = (args: string[]) => cli(args, { cwd: shared.project.dir, env: shared.project.env });
const dev = (pt: PtSpec) => shared.project.write({ dev: { pts: { support_chat: pt } } });
const plan = () => run(['plan', '--stack', 'dev', '--synth-dir', shared.project.synthDir]);

async function applied(pt: PtSpec): Promise<void> {
  dev(pt);
  const result = await run(['apply', '--stack', 'dev', '--synth-dir', shared.project.synthDir, '--auto-approve']);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  shared.emulator.resetRequests();
}

const committed: PtSpec = { name: 'dev-support-chat', model: HAIKU_PT, units: 1, commitment: 'OneMonth' };

describe('a committed PT', () => {
  it('that must grow: keep modelUnits and add a second ProvisionedThroughput, or wait for the term end', async () => {
    await applied(committed);
    dev({ ...committed, units: 3 });
    const result = await plan();
    expect(result.code).toBe(1);
    const text = result.stderr.replace(/\s+/g, ' ');
    expect(text).toContain('modelUnits cannot change on an existing Provisioned Throughput, so this change would delete it and buy another.');
    expect(text).toContain(
      'To add capacity now, keep `modelUnits: 1` on its ProvisionedThroughput and add a second ProvisionedThroughput (with a name of its own) for the extra units; or make this change after the term ends.',
    );
    expect(text).toContain('bedrock-pt state rm --stack dev aws_bedrock_provisioned_model_throughput.support_chat');
    expect(result.stderr).not.toMatch(NOT_CDKTF_WORDS);
    expect(mutatingCalls(shared.emulator)).toEqual([]);
  });

  it('removed from the app: keep its ProvisionedThroughput, or stop managing it', async () => {
    await applied(committed);
    shared.project.write({ dev: { pts: {} } });
    const result = await plan();
    expect(result.code).toBe(1);
    expect(result.stderr.replace(/\s+/g, ' ')).toContain('To keep it, keep its ProvisionedThroughput in the app.');
    expect(result.stderr).not.toMatch(NOT_CDKTF_WORDS);
  });
});

it('a replace under prevent_destroy: set preventDestroy: false on the ProvisionedThroughput', async () => {
  const guarded: PtSpec = { name: 'dev-support-chat', model: DEV_CUSTOM, units: 1, lifecycle: { prevent_destroy: true } };
  await applied(guarded);
  dev({ ...guarded, units: 2 });
  const result = await plan();
  expect(result.code).toBe(1);
  expect(result.stderr.replace(/\s+/g, ' ')).toContain('set `preventDestroy: false` on its ProvisionedThroughput (on by default when the PT is committed');
  expect(result.stderr).not.toMatch(NOT_CDKTF_WORDS);
});
