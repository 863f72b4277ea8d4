/**
 * README's first plan on the Terraform door, run as written: `npx bedrock-pt provider install`
 * into a fresh HOME, the throwaway keys it exports, its main.tf in an empty directory, then
 * `terraform init && terraform plan` — against the emulator (on a free port instead of 4599),
 * with no Terraform CLI configuration and no registry reachable.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startEmulator } from '../../src/emulator';
import { CLI, mutatingCalls, removeTempDirs, tempDir } from '../e2e/harness';
import { describeWithTerraform, TERRAFORM } from '../provider/harness';
import { ROOT } from './user-project';

afterAll(removeTempDirs);

/** README's blocks between "### The Terraform door" and the next paragraph about cdktf. */
function terraformDoor(): { sh: string[]; hcl: string } {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const door = readme.slice(readme.indexOf('### The Terraform door'), readme.indexOf('**From cdktf:**'));
  const sh = [...door.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]);
  const hcl = /```hcl\n([\s\S]*?)```/.exec(door)?.[1];
  if (!hcl || sh.length === 0) throw new Error('README has no sh and hcl blocks under "### The Terraform door"');
  return { sh, hcl };
}

function bash(script: string, cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('bash', ['-c', script], { cwd, env, timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

describeWithTerraform("README's first plan on the Terraform door", () => {
  it('installs the provider, and terraform init && terraform plan show the PT to add', async () => {
    const { sh, hcl } = terraformDoor();
    expect(sh.join('\n')).toContain('npx bedrock-pt provider install');
    expect(sh.join('\n')).toMatch(/^export AWS_ACCESS_KEY_ID=\S+ AWS_SECRET_ACCESS_KEY=\S+/m);

    // A project that installed bedrock-pt (npm links its bin, which npx finds), a fresh HOME, an empty directory.
    const home = tempDir();
    const project = path.join(home, 'project');
    fs.mkdirSync(path.join(project, 'node_modules', '.bin'), { recursive: true });
    fs.symlinkSync(CLI, path.join(project, 'node_modules', '.bin', 'bedrock-pt'));
    const work = path.join(home, 'work');
    fs.mkdirSync(work);
    const env = {
      PATH: `${path.join(project, 'node_modules', '.bin')}${path.delimiter}${path.dirname(TERRAFORM!)}${path.delimiter}${process.env.PATH}`,
      HOME: home,
      NODE_NO_WARNINGS: '1',
      npm_config_update_notifier: 'false',
      CHECKPOINT_DISABLE: '1',
      NO_COLOR: '1',
      // No registry: everything must come from what provider install wrote.
      HTTPS_PROXY: 'http://127.0.0.1:9',
    };

    const emulator = await startEmulator({ committedUnitsQuota: 2, createDelayMs: 100 });
    try {
      const onEmulator = (text: string) => text.replaceAll('http://127.0.0.1:4599', emulator.url);
      fs.writeFileSync(path.join(work, 'main.tf'), onEmulator(hcl));
      const script = [
        `cd ${JSON.stringify(project)}`,
        ...sh.map(onEmulator),
        `cd ${JSON.stringify(work)}`,
        'terraform init -no-color && terraform plan -no-color',
      ].join('\n');
      const run = await bash(script, home, env);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('bedrockpt_provisioned_model_throughput.support_chat will be created');
      expect(run.stdout).toContain('Plan: 1 to add, 0 to change, 0 to destroy.');
      expect(mutatingCalls(emulator)).toEqual([]);
    } finally {
      await emulator.close();
    }
  }, 180_000);
});
