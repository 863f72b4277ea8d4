/**
 * apply's "yes" comes from a pipe as well as a terminal, as Terraform reads it
 * (`echo yes | bedrock-pt apply`); `-input=false` or TF_INPUT=0 refuse instead of asking, before
 * anything is read or sent.
 */
import { spawn } from 'node:child_process';
import { CLI, DEV_CUSTOM, emulatorPerFile, mutatingCalls, type CliResult } from './harness';

const shared = emulatorPerFile();

beforeEach(() => {
  shared.project.write({ dev: { pts: { support_chat: { name: 'dev-support-chat', model: DEV_CUSTOM, units: 1 } } } });
});

/** The CLI with `input` written to its stdin through a pipe, which is then closed. */
function cliWithStdin(args: string[], input: string, env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: shared.project.dir, env: { ...shared.project.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
    child.stdin.end(input);
  });
}

const apply = (...extra: string[]) => ['apply', '--stack', 'dev', '--synth-dir', shared.project.synthDir, ...extra];
const creates = () => mutatingCalls(shared.emulator).filter((r) => r.operation === 'CreateProvisionedModelThroughput');

describe('apply confirmed through a pipe', () => {
  it('echo yes | apply applies', async () => {
    const result = await cliWithStdin(apply(), 'yes\n');
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain("Only 'yes' will be accepted to approve.");
    expect(result.stdout).toContain('Apply complete! Resources: 1 added, 0 changed, 0 destroyed.');
    expect(result.code).toBe(0);
    expect(creates()).toHaveLength(1);
  });

  it.each([
    ['another answer', 'no\n'],
    ['input that ends without a line', ''],
  ])('%s cancels: exit 1, nothing sent', async (_what, input) => {
    const result = await cliWithStdin(apply(), input);
    expect(result.stdout).toContain('Apply cancelled.');
    expect(result.code).toBe(1);
    expect(mutatingCalls(shared.emulator)).toEqual([]);
  });
});

describe('input disabled', () => {
  it.each([
    ['-input=false', ['-input=false'], {}, /input is disabled \(--input=false\)/],
    ['--input false', ['--input', 'false'], {}, /input is disabled \(--input=false\)/],
    ['TF_INPUT=0', [], { TF_INPUT: '0' }, /input is disabled \(TF_INPUT\)/],
    ['TF_INPUT=false', [], { TF_INPUT: 'false' }, /input is disabled \(TF_INPUT\)/],
  ])('%s refuses even with "yes" piped, saying to pass --auto-approve or a saved plan; nothing read or sent', async (_what, flags, env, cause) => {
    const result = await cliWithStdin(apply(...flags), 'yes\n', env);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(cause);
    expect(result.stderr).toMatch(/pass --auto-approve, or save the plan with `plan --out FILE` and apply that file\n$/);
    expect(result.stdout).toBe('');
    expect(shared.emulator.requests()).toEqual([]);
  });

  it('-input=false -auto-approve applies', async () => {
    const result = await cliWithStdin(apply('-input=false', '-auto-approve'), '');
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain('Enter a value');
    expect(creates()).toHaveLength(1);
  });

  it('plan -input=false plans (it asks for nothing either way)', async () => {
    const result = await cliWithStdin(['plan', '--stack', 'dev', '--synth-dir', shared.project.synthDir, '-input=false'], '');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Plan: 1 to add');
  });

  it('TF_INPUT=1 leaves the question on', async () => {
    const result = await cliWithStdin(apply(), 'yes\n', { TF_INPUT: '1' });
    expect(result.code).toBe(0);
    expect(creates()).toHaveLength(1);
  });

  it('--input with a word that is not a boolean is refused', async () => {
    const result = await cliWithStdin(apply('--input', 'nope'), 'yes\n');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('--input takes true or false, got "nope"');
    expect(shared.emulator.requests()).toEqual([]);
  });
});
