/** `bedrock-pt provider install`, run as a user would (the built CLI as a child process). */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { installedProviderPath, terraformPlatform } from '../../src/provider/install';
import { VERSION } from '../../src/version';
import { cli, removeTempDirs, tempDir } from '../e2e/harness';

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
      expect(result.stderr).toBe(`Error: bedrock-pt provider install --dir ${dir}: ${file} is a file, not a directory. Pass a directory for the provider mirror.\n`);
    }
    expect(fs.readFileSync(file, 'utf8')).toBe('keep me');
    expect(filesUnder(home)).toEqual(['not-a-dir']);
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
