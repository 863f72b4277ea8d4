/**
 * Errors that go all the way to the fix, through the CLI: a refused endpoint on this machine asks
 * whether the emulator runs and gives the command that serves that URL; a profile that does not
 * exist offers the one the shared files define that is closest; a file that is not a saved plan
 * (or not a Terraform JSON plan, for review) is named for what it is.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cli, closedPort, emulatorPerFile, writeDevWithProvider } from './harness';

const shared = emulatorPerFile();

const writeDev = (edit: (provider: Record<string, unknown>) => void) => writeDevWithProvider(shared.project, edit);

const run = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  cli(args, { cwd: shared.project.dir, env: { ...shared.project.env, AWS_EC2_METADATA_DISABLED: 'true', ...env } });
const plan = (env: NodeJS.ProcessEnv = {}) => run(['plan', '--stack', 'dev', '--synth-dir', shared.project.synthDir], env);

describe('an emulator endpoint on this machine that refuses', () => {
  it.each([
    ['the provider block', (url: string) => writeDev((p) => (p.endpoints = [{ bedrock: url, sts: url }])), {}],
    ['AWS_ENDPOINT_URL', (_url: string) => writeDev((p) => delete p.endpoints), { AWS_ENDPOINT_URL: 'URL' }],
  ])('set by %s: asks whether the emulator runs and gives the command for that port', async (_from, configure, env) => {
    const port = await closedPort();
    const url = `http://127.0.0.1:${port}`;
    configure(url);
    const result = await plan(Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === 'URL' ? url : v])));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`To fix: is the emulator running? Start it with \`bedrock-pt emulator --port ${port}\`; otherwise correct`);
    expect(shared.emulator.requests()).toEqual([]);
  });

  it('localhost gets the same command', async () => {
    const port = await closedPort();
    writeDev((p) => (p.endpoints = [{ bedrock: `http://localhost:${port}`, sts: `http://localhost:${port}` }]));
    const result = await plan();
    expect(result.stderr).toContain(`Start it with \`bedrock-pt emulator --port ${port}\``);
  });

  it('an endpoint on another machine is not taken for the emulator', async () => {
    writeDev((p) => (p.endpoints = [{ bedrock: 'http://bedrock.invalid', sts: 'http://bedrock.invalid' }]));
    const result = await plan({ BEDROCK_PT_CONNECT_TIMEOUT_MS: '500' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('endpoint http://bedrock.invalid');
    expect(result.stderr).not.toContain('emulator');
  });
});

describe('a profile that does not exist', () => {
  it.each([
    ['a typo', 'bedrock-pt-dve'],
    ['the name without its prefix', 'dev'],
  ])('%s: offers the profile the shared files define', async (_what, profile) => {
    writeDev((p) => (p.profile = profile));
    const result = await plan();
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`no AWS credentials for profile "${profile}"`);
    expect(result.stderr).toContain('Did you mean "bedrock-pt-dev"? Those files define it; name it in the provider block and synthesize again.');
    expect(shared.emulator.requests()).toEqual([]);
  });

  it('also from a [profile NAME] section of the config file', async () => {
    const config = path.join(shared.project.dir, 'config');
    fs.writeFileSync(config, '[profile team-sandbox]\nregion = us-east-1\n');
    writeDev((p) => (p.profile = 'team-sandbx'));
    const result = await plan({ AWS_CONFIG_FILE: config });
    expect(result.stderr).toContain('Did you mean "team-sandbox"?');
  });

  it('offers nothing when no profile is close', async () => {
    writeDev((p) => (p.profile = 'payments-prod'));
    const result = await plan();
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('no AWS credentials for profile "payments-prod"');
    expect(result.stderr).not.toContain('Did you mean');
  });
});

describe('a file that is not what the command reads', () => {
  beforeEach(() => writeDev(() => undefined));
  const write = (name: string, text: string) => {
    const file = path.join(shared.project.dir, name);
    fs.writeFileSync(file, text);
    return file;
  };
  const STATE = JSON.stringify({ version: 4, terraform_version: '1.11.4', serial: 1, lineage: 'x', outputs: {}, resources: [] });
  const TF_PLAN = JSON.stringify({ format_version: '1.2', terraform_version: '1.11.4', planned_values: {}, resource_changes: [] });

  it.each([
    ['Terraform state', STATE, /it is Terraform state\. Pass the file `bedrock-pt plan --out FILE` wrote/],
    ['a Terraform JSON plan', TF_PLAN, /it is a Terraform JSON plan \(from `terraform show -json`\).*a Terraform plan is applied with `terraform apply`/],
    ["Terraform's binary plan", 'PK\u0003\u0004zip', /it is a zip archive, as Terraform's binary plan file \(from `terraform plan -out`\) is/],
    ['some other JSON', '{"name": "x"}', /it is a JSON object with key "name"\./],
  ])('apply of %s says what the file is', async (_what, text, says) => {
    const file = write('bad.json', text);
    for (const command of ['apply', 'show']) {
      const result = await run([command, file]);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/^Error: plan file .*bad\.json is not a bedrock-pt saved plan: /);
      expect(result.stderr).toMatch(says);
      expect(result.stderr).not.toContain('format undefined');
    }
    expect(shared.emulator.requests()).toEqual([]);
  });

  it.each([
    ['Terraform state', STATE, /is not a Terraform JSON plan: it is Terraform state/],
    ["Terraform's binary plan", 'PK\u0003\u0004zip', /is not JSON: it is a zip archive, as Terraform's binary plan file/],
  ])('review of %s says what the file is', async (_what, text, says) => {
    const file = write('bad.json', text);
    const result = await run(['review', file]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(says);
  });

  it('review of a bedrock-pt saved plan points at show', async () => {
    const saved = await run(['plan', '--stack', 'dev', '--synth-dir', shared.project.synthDir, '--out', 'plan.json']);
    expect(saved.stderr).toBe('');
    expect(saved.code).toBe(0);
    const result = await run(['review', 'plan.json']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'is a bedrock-pt saved plan (from `bedrock-pt plan --out`), not a Terraform JSON plan; `bedrock-pt show plan.json` prints it',
    );
  });
});
