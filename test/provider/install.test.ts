/** `bedrock-pt provider install`, run as a user would (the built CLI as a child process). */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { installedProviderPath, terraformPlatform } from '../../src/provider/install';
import { VERSION } from '../../src/version';
import { cli, removeTempDirs, tempDir, type CliResult } from '../e2e/harness';
import { describeWithTerraform, providerConfig, TERRAFORM } from './harness';

afterAll(removeTempDirs);

function env(home: string): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: home, NODE_NO_WARNINGS: '1' };
}

function filesUnder(dir: string): string[] {
  return fs.existsSync(dir) ? (fs.readdirSync(dir, { recursive: true }) as string[]).sort() : [];
}

describe('bedrock-pt provider install', () => {
  it('writes an executable in the filesystem-mirror layout and prints the provider_installation block for a custom dir', async () => {
    const home = tempDir();
    const dir = path.join(home, 'mirror');
    const result = await cli(['provider', 'install', '--dir', dir], { cwd: home, env: env(home) });
    expect(result.code).toBe(0);
    const file = path.join(dir, 'registry.terraform.io/bedrock-pt/bedrockpt', VERSION, terraformPlatform(), `terraform-provider-bedrockpt_v${VERSION}`);
    expect(fs.statSync(file).mode & 0o777).toBe(0o755);
    expect(fs.readFileSync(file, 'utf8').split('\n')[0]).toBe(`#!${process.execPath}`);
    expect(fs.existsSync(path.join(path.dirname(file), 'bedrockpt-provider.js'))).toBe(true);
    expect(fs.existsSync(path.join(path.dirname(file), 'bedrockpt-resources.js'))).toBe(true);
    expect(result.stdout).toContain(`Installed bedrock-pt/bedrockpt ${VERSION} at ${file}`);
    expect(result.stdout).toContain(`filesystem_mirror {\n    path    = ${JSON.stringify(dir)}\n    include = ["bedrock-pt/bedrockpt"]`);
    expect(result.stdout).toContain('direct {\n    exclude = ["bedrock-pt/bedrockpt"]');
    expect(filesUnder(dir).filter((f) => f.endsWith('.partial'))).toEqual([]);
  });

  it('installs into ~/.terraform.d/plugins by default, which needs no CLI configuration', async () => {
    const home = tempDir();
    const result = await cli(['provider', 'install'], { cwd: home, env: env(home) });
    expect(result.code).toBe(0);
    expect(fs.existsSync(installedProviderPath(path.join(home, '.terraform.d/plugins')))).toBe(true);
    expect(result.stdout).not.toContain('provider_installation');
  });

  it('refuses a --dir that is a file, or lies under one, and writes nothing', async () => {
    const home = tempDir();
    const file = path.join(home, 'not-a-dir');
    fs.writeFileSync(file, 'keep me');
    for (const dir of [file, path.join(file, 'mirror')]) {
      const result = await cli(['provider', 'install', '--dir', dir], { cwd: home, env: env(home) });
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe(
        `Error: bedrock-pt provider install --dir ${dir}: ${file} is a file, not a directory. Pass a directory for the provider mirror.\n`,
      );
    }
    expect(fs.readFileSync(file, 'utf8')).toBe('keep me');
    expect(filesUnder(home)).toEqual(['not-a-dir']);
  });

  it('says once that a TF_CLI_CONFIG_FILE naming no file is not read', async () => {
    const home = tempDir();
    const missing = path.join(home, 'team.tfrc');
    const result = await cli(['provider', 'install'], { cwd: home, env: { ...env(home), TF_CLI_CONFIG_FILE: missing } });
    expect(result.code).toBe(0);
    expect(result.stderr.split('\n').filter(Boolean)).toEqual([expect.stringContaining(`TF_CLI_CONFIG_FILE names ${missing}, which does not exist`)]);
    expect(fs.existsSync(installedProviderPath(path.join(home, '.terraform.d/plugins')))).toBe(true);
  });

  it('explains itself with --help', async () => {
    const home = tempDir();
    const result = await cli(['provider', 'install', '--help'], { cwd: home, env: env(home) });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('filesystem mirror');
    expect(result.stdout).toContain('--dir <dir>');
    expect(result.stdout).toContain('~/.terraform.d/plugins');
  });
});

/** terraform in `cwd`, with nothing but the user's HOME and CLI config, and a proxy that refuses: no registry is reachable. */
function terraform(args: string[], cwd: string, home: string, cliConfig: string): Promise<CliResult> {
  const tfEnv = {
    ...env(home),
    TF_CLI_CONFIG_FILE: cliConfig,
    CHECKPOINT_DISABLE: '1',
    NO_COLOR: '1',
    TF_IN_AUTOMATION: '1',
    HTTPS_PROXY: 'http://127.0.0.1:9',
  };
  return new Promise((resolve) => {
    execFile(TERRAFORM as string, args, { cwd, env: tfEnv, timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

describeWithTerraform('bedrock-pt provider install beside a CLI configuration that lists provider_installation methods', () => {
  it('prints the mirror block Terraform then needs: without it init goes to the registry, with it init succeeds offline', async () => {
    const home = tempDir();
    const cliConfig = path.join(home, 'team.tfrc');
    fs.writeFileSync(cliConfig, 'provider_installation {\n  # every provider from the registry\n  direct {}\n}\n');
    const work = path.join(home, 'work');
    fs.mkdirSync(work);
    fs.writeFileSync(path.join(work, 'main.tf'), providerConfig());

    const result = await cli(['provider', 'install'], { cwd: home, env: { ...env(home), TF_CLI_CONFIG_FILE: cliConfig } });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`${cliConfig} has a provider_installation block`);
    const mirror = result.stdout.split('Add this inside that block:\n\n')[1]?.split('\n\n')[0];
    expect(mirror).toBe(
      `  filesystem_mirror {\n    path    = ${JSON.stringify(path.join(home, '.terraform.d/plugins'))}\n    include = ["bedrock-pt/bedrockpt"]\n  }`,
    );
    expect(result.stdout).toContain('exclude = ["bedrock-pt/bedrockpt"]');

    const before = await terraform(['init', '-input=false'], work, home, cliConfig);
    expect(before.code).toBe(1);
    expect(before.stderr).toContain('bedrock-pt/bedrockpt');

    fs.writeFileSync(cliConfig, `provider_installation {\n${mirror}\n  direct {\n    exclude = ["bedrock-pt/bedrockpt"]\n  }\n}\n`);
    const after = await terraform(['init', '-input=false'], work, home, cliConfig);
    expect(after.stderr).toBe('');
    expect(after.code).toBe(0);
    expect(after.stdout).toContain(`Installing bedrock-pt/bedrockpt v${VERSION}`);
  }, 180_000);
});

describe('terraformPlatform', () => {
  it.each([
    ['linux', 'x64', 'linux_amd64'],
    ['linux', 'arm64', 'linux_arm64'],
    ['darwin', 'arm64', 'darwin_arm64'],
    ['darwin', 'x64', 'darwin_amd64'],
    ['win32', 'x64', 'windows_amd64'],
  ] as const)('maps Node %s/%s to Terraform %s', (platform, arch, expected) => {
    expect(terraformPlatform(platform, arch)).toBe(expected);
  });

  it('refuses a platform Terraform has no providers for', () => {
    expect(() => terraformPlatform('aix', 'ppc64')).toThrow(/no provider platform for Node's aix\/ppc64/);
  });
});
