/**
 * Terraform users type long flags with one dash. Each such spelling is either read as our
 * long option or refused with a hint — never misparsed as a short flag with a value
 * (`-out=x` once wrote a file named `ut=x`).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEV_CUSTOM, cli, emulatorPerFile, mutatingCalls } from './harness';

const shared = emulatorPerFile();

beforeEach(() => {
  shared.project.write({ dev: { pts: { support_chat: { name: 'dev-support-chat', model: DEV_CUSTOM, units: 1 } } } });
});

const run = (args: string[], env: NodeJS.ProcessEnv = {}) => cli(args, { cwd: shared.project.dir, env: { ...shared.project.env, ...env } });
const planArgs = (...extra: string[]) => ['plan', '--all', '--synth-dir', shared.project.synthDir, ...extra];
const ANSI = /\u001b\[/;

describe('single-dash spellings bedrock-pt accepts', () => {
  it.each([[['-out=plan.json']], [['-out', 'plan.json']]])('plan %j writes plan.json and nothing named after the rest of the word', async (flag) => {
    const result = await run(planArgs(...flag));
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(fs.existsSync(path.join(shared.project.dir, 'plan.json'))).toBe(true);
    expect(fs.readdirSync(shared.project.dir).filter((f) => f.startsWith('ut'))).toEqual([]);
  });

  it('plan -detailed-exitcode exits 2 when there are changes', async () => {
    const result = await run(planArgs('-detailed-exitcode'));
    expect(result.stderr).toBe('');
    expect(result.code).toBe(2);
  });

  it('plan -parallelism=3 is read as --parallelism 3', async () => {
    const result = await run(planArgs('-parallelism=3'));
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('1 to add');
  });

  it('plan -no-color prints no ANSI codes even with FORCE_COLOR', async () => {
    const result = await run(planArgs('-no-color'), { FORCE_COLOR: '1' });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('1 to add');
    expect(result.stdout).not.toMatch(ANSI);
  });

  it('apply -auto-approve applies without asking', async () => {
    const result = await run(['apply', '--all', '--synth-dir', shared.project.synthDir, '-auto-approve']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Apply complete! Resources: 1 added');
  });
});

describe('FORCE_COLOR', () => {
  it('colours plan output without a terminal', async () => {
    const result = await run(planArgs(), { FORCE_COLOR: '1' });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(ANSI);
  });

  it('FORCE_COLOR=0 leaves it plain', async () => {
    const result = await run(planArgs(), { FORCE_COLOR: '0' });
    expect(result.stdout).not.toMatch(ANSI);
  });
});

describe('single-dash spellings bedrock-pt refuses, with what to do instead', () => {
  it.each([
    ['-var=units=2', /Terraform's -var=units=2 has no bedrock-pt equivalent: .*cdktf app/],
    ['-var-file=prod.tfvars', /-var-file=prod\.tfvars has no bedrock-pt equivalent/],
    ['-target=aws_bedrock_provisioned_model_throughput.support_chat', /--stack NAME/],
    ['-replace=aws_bedrock_provisioned_model_throughput.support_chat', /forces replacement in the config/],
    ['-refresh=false', /always reads the live PTs/],
    ['-refresh-only', /changed outside of bedrock-pt/],
    ['-lock=false', /force-unlock/],
    ['-state=other.tfstate', /stack backend/],
    ['-destroy', /remove the PTs from the cdktf config/],
    ['-chdir=infra', /--project DIR/],
    ['-compact-warnings', /no compact warning format/],
    ['-outfile=plan.json', /unknown option "-outfile=plan\.json": .*two dashes \(--outfile=plan\.json\)/],
    ['-sdev', /unknown option "-sdev": .*-s dev/],
  ])('plan %s exits 1 with a one-line hint and writes nothing', async (flag, hint) => {
    const before = fs.readdirSync(shared.project.dir).sort();
    const result = await run(planArgs('--out', 'plan.json', flag));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^Error: [^\n]+\n$/);
    expect(result.stderr).toMatch(hint);
    expect(result.stdout).toBe('');
    expect(fs.readdirSync(shared.project.dir).sort()).toEqual(before);
    expect(mutatingCalls(shared.emulator)).toEqual([]);
  });

  it('leaves words after -- alone', async () => {
    const result = await run(['plan', '--all', '--synth-dir', shared.project.synthDir, '--', '-out=x']);
    expect(result.stderr).not.toMatch(/two dashes/);
  });
});
