/**
 * Where Terraform reads its CLI configuration, and whether that configuration lists provider
 * installation methods — in which case Terraform searches only those, and no longer the
 * implied local mirror (~/.terraform.d/plugins) by itself. The order is Terraform's: the file
 * TF_CLI_CONFIG_FILE names, alone; otherwise ~/.terraformrc (%APPDATA%\terraform.rc on Windows)
 * and the *.tfrc and *.tfrc.json files of the CLI config directory.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface CliConfig {
  /** The files Terraform reads that exist, in its order. */
  files: string[];
  /** TF_CLI_CONFIG_FILE when it names a file that does not exist (Terraform warns and uses defaults). */
  namedButMissing?: string;
  /** Where to put configuration when none exists yet: the file Terraform would read first. */
  primary: string;
  /** The first file with a provider_installation block. */
  providerInstallation?: { file: string; text: string };
}

interface Where {
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  home?: string;
}

/** Terraform's CLI config directory: ~/.terraform.d, or %APPDATA%\terraform.d on Windows. */
export function cliConfigDir({ env = process.env, platform = process.platform, home = os.homedir() }: Where = {}): string {
  return platform === 'win32' ? path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'terraform.d') : path.join(home, '.terraform.d');
}

function configDirFiles(dir: string): string[] {
  try {
    return fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.tfrc') || f.endsWith('.tfrc.json'))
      .sort()
      .map((f) => path.join(dir, f));
  } catch {
    return [];
  }
}

/** HCL without its comments (hash, double-slash and block comments), strings kept whole, so a commented-out block does not count. */
function withoutComments(text: string): string {
  return text.replace(/"(?:[^"\\\n]|\\.)*"|#[^\n]*|\/\/[^\n]*|\/\*[\s\S]*?\*\//g, (m) => (m.startsWith('"') ? m : ' '));
}

/** A provider_installation block, in HCL or JSON, not commented out. */
function hasProviderInstallation(text: string): boolean {
  const code = withoutComments(text);
  return /(^|[\s;}])provider_installation\s*\{/.test(code) || /"provider_installation"\s*:/.test(code);
}

export function readCliConfig(where: Where = {}): CliConfig {
  const { env = process.env, platform = process.platform, home = os.homedir() } = where;
  const named = env.TF_CLI_CONFIG_FILE;
  const primary =
    named || (platform === 'win32' ? path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'terraform.rc') : path.join(home, '.terraformrc'));
  // With TF_CLI_CONFIG_FILE set, Terraform reads that file only, not the config directory.
  const candidates = named ? [named] : [primary, ...configDirFiles(cliConfigDir(where))];
  const files = candidates.filter((f) => fs.existsSync(f));
  const config: CliConfig = { files, primary, ...(named && !fs.existsSync(named) ? { namedButMissing: named } : {}) };
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    if (hasProviderInstallation(text)) return { ...config, providerInstallation: { file, text } };
  }
  return config;
}
