/**
 * The standalone CLI on a stack whose state lives in a remote backend: refused before any state
 * is read or any call is sent, naming the backend it found and the commands that do the job —
 * the Terraform path, or a local state file for that stack. It never falls back to a local file
 * that is not the stack's state (an old state file from before the move, Terraform's backend
 * cache in .terraform).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Emulator } from '../../src/emulator';
import { ADDRESS, DEV_CUSTOM, HAIKU_PT, SynthProject, cli, e2eContext, filesUnder, stackDocument, type CliResult, type StackSpec } from './harness';

let emulator: Emulator;
let project: SynthProject;
const shared = e2eContext();
beforeEach(() => ({ emulator, project } = shared));

const S3_BACKEND = { s3: { bucket: 'acme-tf-state', key: 'support-bot/prod.tfstate', region: 'us-east-1', use_lockfile: true } };
const PROD: StackSpec = { pts: { support_chat: { name: 'prod-support-chat', model: HAIKU_PT, units: 2, commitment: 'SixMonths' } } };

/** prod's synthesized stack with `backend` (or a cloud block) and its PTs as `ptType`. */
function prodDocument(backend: Record<string, unknown>, ptType = 'aws_bedrock_provisioned_model_throughput'): Record<string, unknown> {
  const doc = stackDocument(PROD, emulator.url, project.statePath('prod')) as { terraform: Record<string, unknown>; resource: Record<string, unknown> };
  const { backend: _local, ...terraform } = doc.terraform;
  return {
    ...doc,
    terraform: { ...terraform, ...backend },
    resource: { [ptType]: doc.resource.aws_bedrock_provisioned_model_throughput },
  };
}

function writeApp(prod: Record<string, unknown>): void {
  project.write({ dev: { pts: { support_chat: { name: 'dev-support-chat', model: DEV_CUSTOM, units: 1 } } }, prod: JSON.stringify(prod) });
  // What a team leaves behind after moving prod to S3: the state file it used before, and
  // Terraform's backend cache in the stack's directory. Neither is prod's state now.
  fs.writeFileSync(
    project.statePath('prod'),
    JSON.stringify({ version: 4, terraform_version: '1.11.4', serial: 3, lineage: 'before-s3', outputs: {}, resources: [] }),
  );
  fs.mkdirSync(path.join(project.synthDir, 'stacks/prod/.terraform'), { recursive: true });
  fs.writeFileSync(
    path.join(project.synthDir, 'stacks/prod/.terraform/terraform.tfstate'),
    JSON.stringify({ version: 3, serial: 1, backend: { type: 's3', config: S3_BACKEND.s3 } }),
  );
}

/** Runs the CLI in the project expecting a refusal: exit 1, nothing written, nothing sent. */
async function expectRefused(args: string[]): Promise<CliResult> {
  const before = filesUnder(project.dir);
  const result = await cli([...args, '--synth-dir', 'cdktf.out'], { cwd: project.dir, env: project.env });
  expect(result.code).toBe(1);
  expect(filesUnder(project.dir)).toEqual(before);
  expect(emulator.requests()).toEqual([]);
  return result;
}

describe('the bedrock-pt CLI on a stack with a remote backend', () => {
  it('refuses plan --all before reading any state or sending any call, with the ways out as commands', async () => {
    writeApp(prodDocument({ backend: S3_BACKEND }));
    const result = await expectRefused(['plan', '--all', '--out', 'plan.json']);
    expect(result.stderr).toBe(
      [
        'Error: stack prod keeps its state in the "s3" backend (bucket "acme-tf-state", key "support-bot/prod.tfstate"), and the bedrock-pt CLI reads and writes local state files only; nothing was read or sent',
        "  prod: either move it to the Terraform path, where Terraform reads that state and holds its lock: set ptResource: 'bedrockpt' and migrateFromAws: true on its EnvironmentStack, synthesize, then cdktf plan prod (or terraform -chdir=cdktf.out/stacks/prod plan);",
        "    or keep its state in a local file: terraform -chdir=cdktf.out/stacks/prod init && terraform -chdir=cdktf.out/stacks/prod state pull > terraform.prod.tfstate, give the stack cdktf's local backend (EnvironmentStack backend: { type: 'local' }), and run bedrock-pt plan --stack prod again",
        '  The other stacks keep local state: bedrock-pt plan --stack dev',
        '',
      ].join('\n'),
    );
    expect(fs.existsSync(project.statePath('dev'))).toBe(false);

    const dev = await cli(['plan', '--stack', 'dev', '--synth-dir', 'cdktf.out'], { cwd: project.dir, env: project.env });
    expect(dev.code).toBe(0);
    expect(dev.stdout).toContain('dev-support-chat');
  });

  it.each([
    [['apply', '--all', '--auto-approve'], 'cdktf deploy prod (or terraform -chdir=cdktf.out/stacks/prod apply)'],
    [['state', 'list', '--stack', 'prod'], 'terraform -chdir=cdktf.out/stacks/prod state list'],
    [['state', 'rm', ADDRESS, '--stack', 'prod'], 'terraform -chdir=cdktf.out/stacks/prod state rm ADDRESS'],
    [['import', ADDRESS, 'prod-support-chat', '--stack', 'prod'], 'terraform -chdir=cdktf.out/stacks/prod import ADDRESS ID'],
    [['force-unlock', '0f6c0d1e-1111-2222-3333-444455556666', '--stack', 'prod'], 'terraform -chdir=cdktf.out/stacks/prod force-unlock LOCK_ID'],
  ])('refuses %j, naming the Terraform command for the same job', async (args, terraformCommand) => {
    writeApp(prodDocument({ backend: S3_BACKEND }));
    const result = await expectRefused(args);
    expect(result.stderr).toMatch(/^Error: stack prod keeps its state in the "s3" backend \(bucket "acme-tf-state", key "support-bot\/prod\.tfstate"\)/);
    expect(result.stderr).toContain(terraformCommand);
    expect(result.stderr).toContain(`run bedrock-pt ${args[0] === 'state' ? `state ${args[1]}` : args[0]} --stack prod again`);
  });

  it('sends a stack whose PTs are bedrockpt resources to the Terraform path only', async () => {
    writeApp(prodDocument({ backend: S3_BACKEND }, 'bedrockpt_provisioned_model_throughput'));
    const result = await expectRefused(['plan', '--stack', 'prod']);
    expect(result.stderr).toBe(
      [
        'Error: stack prod keeps its state in the "s3" backend (bucket "acme-tf-state", key "support-bot/prod.tfstate"), and the bedrock-pt CLI reads and writes local state files only; nothing was read or sent',
        '  prod: run it on the Terraform path, where Terraform reads that state and holds its lock: cdktf plan prod (or terraform -chdir=cdktf.out/stacks/prod plan)',
        '',
      ].join('\n'),
    );
  });

  it('names HCP Terraform for a cloud block, and another backend by its type', async () => {
    writeApp(prodDocument({ cloud: { organization: 'acme', workspaces: { name: 'prod' } } }));
    expect((await expectRefused(['plan', '--stack', 'prod'])).stderr).toMatch(/^Error: stack prod keeps its state in HCP Terraform \(a cloud block\), and/);
    writeApp(prodDocument({ backend: { gcs: { bucket: 'acme-tf-state', prefix: 'prod' } } }));
    expect((await expectRefused(['plan', '--stack', 'prod'])).stderr).toMatch(/^Error: stack prod keeps its state in the "gcs" backend, and/);
  });
});
