/** Terraform itself must still read the state files bedrock-pt writes (including our extra top-level key). */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { openStateSession } from '../../src/engine/state';
import { FIXTURES, PT, copyFixture, managedPt, pendingCreate, tempDir } from './state-helpers';

function findTerraform(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).concat('/usr/local/bin')) {
    const candidate = path.join(dir, 'terraform');
    if (fs.existsSync(candidate)) return candidate;
  }
  return undefined;
}

const terraform = findTerraform();
const describeWithTerraform = terraform ? describe : describe.skip;

function run(args: string[], cwd: string): string {
  return execFileSync(terraform!, args, {
    cwd,
    env: { ...process.env, TF_IN_AUTOMATION: '1', TF_CLI_CONFIG_FILE: '/dev/null' },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Outputs and a resource of the built-in provider, so terraform applies it offline. */
const TRICKY_CONFIG = `
output "big" { value = 9007199254740993 }
output "ratio" { value = 1.5 }
output "by_key" { value = { "10" = "ten", "2" = "two", "b" = "bee" } }
output "text" { value = "caf\u00e9 <tag> & \u2603" }
resource "terraform_data" "numbers" {
  input = { n = -12345678901234567890, m = { "10" = "ten", "2" = "two", "b" = "bee" } }
}
`;

function stateList(file: string): string[] {
  // An empty working directory: state list needs no configuration or providers.
  const out = execFileSync(terraform!, ['state', 'list', `-state=${file}`], {
    cwd: tempDir(),
    env: { ...process.env, TF_IN_AUTOMATION: '1', TF_CLI_CONFIG_FILE: '/dev/null' },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return out.split('\n').filter(Boolean);
}

describeWithTerraform('terraform CLI compatibility', () => {
  it('lists the resources of a state file bedrock-pt wrote, pending creates included', async () => {
    const file = copyFixture('mixed.tfstate');
    const session = await openStateSession(file, { stack: 'prod', operation: 'apply', providerAlias: 'west', region: 'us-west-2' });
    await session.update((m) => {
      m.pts[`${PT}.batch`] = managedPt({ address: `${PT}.batch`, name: 'prod-batch' });
      m.pending[`${PT}.later`] = pendingCreate({ address: `${PT}.later` });
    });
    await session.release();
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).bedrock_pt.pending_creates).toHaveLength(1);
    expect(stateList(file)).toEqual([
      'data.aws_caller_identity.current',
      `${PT}.batch`,
      `${PT}.support_chat`,
      'aws_db_instance.main',
      'aws_s3_bucket.logs',
      'terraform_data.marker',
      `module.network.${PT}.inner[0]`,
    ]);
  });

  it('keeps a state terraform wrote as terraform wrote it, and terraform then sees no changes', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'main.tf'), TRICKY_CONFIG);
    run(['apply', '-auto-approve', '-input=false'], dir);
    const file = path.join(dir, 'terraform.tfstate');
    const original = fs.readFileSync(file, 'utf8');
    const outputs = run(['output', '-json'], dir);
    expect(outputs).toContain('9007199254740993');

    const session = await openStateSession(file, { stack: 'dev', operation: 'apply' });
    await session.update((m) => {
      m.pts[`${PT}.batch`] = managedPt({ address: `${PT}.batch`, name: 'dev-batch' });
    });
    expect(stateList(file)).toEqual([`${PT}.batch`, 'terraform_data.numbers']);
    expect(run(['output', '-json'], dir)).toBe(outputs);
    await session.update((m) => {
      delete m.pts[`${PT}.batch`];
    });
    await session.release();

    expect(fs.readFileSync(file, 'utf8')).toBe(original.replace(/"serial": 1,/, '"serial": 3,').trimEnd());
    // -detailed-exitcode: 0 means no changes, 2 would mean terraform saw a difference.
    run(['plan', '-detailed-exitcode', '-input=false'], dir);
  });

  it('reads every hand-written fixture', () => {
    for (const name of fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.tfstate'))) {
      expect(stateList(path.join(FIXTURES, name))).toContain(`${PT}.support_chat`);
    }
  });
});
