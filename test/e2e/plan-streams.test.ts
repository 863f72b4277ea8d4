/**
 * Where plan output goes, as Terraform does it: the plan on stdout, the errors that block it on
 * stderr; under TF_IN_AUTOMATION no hint about what to run next.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { HAIKU_PT, DEV_CUSTOM, cli, emulatorPerFile } from './harness';

const shared = emulatorPerFile();
const run = (args: string[], env: NodeJS.ProcessEnv = {}) => cli(args, { cwd: shared.project.dir, env: { ...shared.project.env, ...env } });
const synth = () => ['--all', '--synth-dir', shared.project.synthDir];

describe('a plan blocked by a commitment', () => {
  beforeEach(async () => {
    shared.project.write({ dev: { pts: { support_chat: { name: 'dev-support-chat', model: HAIKU_PT, units: 1, commitment: 'OneMonth' } } } });
    expect((await run(['apply', ...synth(), '--auto-approve'])).code).toBe(0);
    shared.project.write({ dev: { pts: {} } });
  });

  it.each([[['plan']], [['apply', '--auto-approve']]])('%j prints the error on stderr and the plan without it on stdout', async (command) => {
    const result = await run([...command, ...synth()]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Error:.*commitment/);
    expect(result.stderr).toContain('Stack dev: this plan cannot be applied until the errors above are resolved.');
    expect(result.stdout).toContain('will be destroyed');
    expect(result.stdout).toContain('(blocked)');
    expect(result.stdout).not.toMatch(/Error:|cannot be applied until/);
  });
});

describe('the hint after plan --out', () => {
  beforeEach(() => {
    shared.project.write({ dev: { pts: { support_chat: { name: 'dev-support-chat', model: DEV_CUSTOM, units: 1 } } } });
  });

  it('tells a person how to apply the saved plan', async () => {
    const result = await run(['plan', ...synth(), '--out', 'plan.json']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Saved the plan to plan.json. To apply exactly this plan, run: bedrock-pt apply plan.json');
  });

  it('is left out under TF_IN_AUTOMATION, and the plan is still saved', async () => {
    const result = await run(['plan', ...synth(), '--out', 'plan.json'], { TF_IN_AUTOMATION: '1' });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Saved the plan to plan.json.');
    expect(result.stdout).not.toMatch(/To apply|run: bedrock-pt/);
    expect(fs.existsSync(path.join(shared.project.dir, 'plan.json'))).toBe(true);
  });
});
