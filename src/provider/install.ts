/**
 * `bedrock-pt provider install [--dir DIR]`: writes the bundled provider as an executable in
 * Terraform's unpacked filesystem-mirror layout, so `terraform init` finds it with no network.
 * The default DIR, ~/.terraform.d/plugins, is a directory Terraform searches by itself.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Command } from 'commander';
import { BedrockPtError } from '../engine/errors';
import { VERSION } from '../version';

export const PROVIDER_HOST = 'registry.terraform.io';
export const PROVIDER_NAMESPACE = 'bedrock-pt';
export const PROVIDER_TYPE = 'bedrockpt';
export const PROVIDER_SOURCE = `${PROVIDER_NAMESPACE}/${PROVIDER_TYPE}`;
/** Built by `npm run build` (src/provider/bundle.ts). */
export const BUNDLE_PATH = path.resolve(__dirname, '../../provider/terraform-provider-bedrockpt.js');

const OS_NAMES: Partial<Record<NodeJS.Platform, string>> = { linux: 'linux', darwin: 'darwin', win32: 'windows', freebsd: 'freebsd', openbsd: 'openbsd' };
const ARCH_NAMES: Partial<Record<string, string>> = { x64: 'amd64', arm64: 'arm64', ia32: '386', arm: 'arm' };

/** Terraform's `<os>_<arch>` for Node's platform and architecture (linux_amd64, darwin_arm64, …). */
export function terraformPlatform(platform: NodeJS.Platform = process.platform, arch: string = process.arch): string {
  const osName = OS_NAMES[platform];
  const archName = ARCH_NAMES[arch];
  if (!osName || !archName) {
    throw new BedrockPtError('usage', `bedrock-pt provider install: Terraform has no provider platform for Node's ${platform}/${arch}; run it on linux, darwin or windows with amd64 or arm64.`);
  }
  return `${osName}_${archName}`;
}

export function installedProviderPath(dir: string, version = VERSION, platform = terraformPlatform()): string {
  const file = `terraform-provider-${PROVIDER_TYPE}_v${version}${platform.startsWith('windows_') ? '.exe' : ''}`;
  return path.join(dir, PROVIDER_HOST, PROVIDER_NAMESPACE, PROVIDER_TYPE, version, platform, file);
}

export function defaultPluginDir(home = os.homedir()): string {
  return path.join(home, '.terraform.d', 'plugins');
}

/** The CLI configuration a user adds when the mirror is not one Terraform searches by itself. */
export function providerInstallationBlock(dir: string): string {
  return [
    'provider_installation {',
    '  filesystem_mirror {',
    `    path    = ${JSON.stringify(dir)}`,
    `    include = [${JSON.stringify(PROVIDER_SOURCE)}]`,
    '  }',
    '  direct {',
    `    exclude = [${JSON.stringify(PROVIDER_SOURCE)}]`,
    '  }',
    '}',
  ].join('\n');
}

/** Refuses a DIR that is not a directory or cannot be written, before anything is written. */
function checkDir(dir: string): void {
  let existing = dir;
  while (!fs.existsSync(existing)) {
    const up = path.dirname(existing);
    if (up === existing) break;
    existing = up;
  }
  const stat = fs.statSync(existing);
  if (!stat.isDirectory()) {
    throw new BedrockPtError('usage', `bedrock-pt provider install --dir ${dir}: ${existing} is a file, not a directory. Pass a directory for the provider mirror.`, { field: '--dir' });
  }
  try {
    fs.accessSync(existing, fs.constants.W_OK);
  } catch {
    throw new BedrockPtError('usage', `bedrock-pt provider install --dir ${dir}: ${existing} is not writable. Pass a directory you can write to.`, { field: '--dir' });
  }
}

/** The bundle's name beside the executable; not `terraform-provider-*`, which Terraform would take for an executable. */
export const INSTALLED_BUNDLE = 'bedrockpt-provider.js';

/**
 * The executable: a `#!` line naming this Node, then a launcher that turns on Node's module
 * compile cache (22.1+) before it loads the bundle, so the three or four starts Terraform makes
 * per command reuse compiled code. (A cache turned on inside the bundle would miss the bundle
 * itself, which is compiled before its first line runs.)
 */
function launcher(nodePath: string): string {
  return [
    `#!${nodePath}`,
    "'use strict';",
    "const m = require('node:module');",
    "if (typeof m.enableCompileCache === 'function') m.enableCompileCache();",
    `require(require('node:path').join(__dirname, ${JSON.stringify(INSTALLED_BUNDLE)}));`,
    '',
  ].join('\n');
}

/** Writes `path` through a temp file beside it and a rename, so a running Terraform never reads half a file. */
function writeWhole(target: string, text: string, mode: number): void {
  const partial = `${target}.${process.pid}.partial`;
  fs.writeFileSync(partial, text, { mode });
  fs.chmodSync(partial, mode);
  fs.renameSync(partial, target);
}

/** Writes the bundle, then the executable that loads it (mode 0755); returns the executable's path. */
export function installProvider(dir: string, nodePath = process.execPath): string {
  if (!fs.existsSync(BUNDLE_PATH)) {
    throw new BedrockPtError('usage', `bedrock-pt provider install: the provider bundle ${BUNDLE_PATH} is missing. Run \`npm run build\` first.`);
  }
  const target = installedProviderPath(dir);
  checkDir(dir);
  const body = fs.readFileSync(BUNDLE_PATH, 'utf8').replace(/^#!.*\n/, '');
  fs.mkdirSync(path.dirname(target), { recursive: true });
  writeWhole(path.join(path.dirname(target), INSTALLED_BUNDLE), body, 0o644);
  writeWhole(target, launcher(nodePath), 0o755);
  return target;
}

export function registerProviderCommand(program: Command): Command {
  const provider = program.command('provider').description('The bedrock-pt/bedrockpt Terraform provider');
  provider
    .command('install')
    .description(
      'Write the bedrockpt Terraform provider into a filesystem mirror (DIR/registry.terraform.io/bedrock-pt/bedrockpt/VERSION/OS_ARCH/), ' +
        'so `terraform init` installs it with no network. The default DIR, ~/.terraform.d/plugins, is searched by Terraform itself; ' +
        'for another DIR this prints the provider_installation block to add to your Terraform CLI configuration.',
    )
    .option('--dir <dir>', 'mirror directory to write into', defaultPluginDir())
    .action((opts: { dir: string }) => {
      const dir = path.resolve(opts.dir);
      const written = installProvider(dir);
      process.stdout.write(`Installed ${PROVIDER_SOURCE} ${VERSION} at ${written}\n`);
      if (dir !== path.resolve(defaultPluginDir())) {
        process.stdout.write(
          `\n${dir} is not a directory Terraform searches by itself. Add this to your Terraform CLI configuration (~/.terraformrc, or the file TF_CLI_CONFIG_FILE names):\n\n` +
            `${providerInstallationBlock(dir)}\n\n` +
            'The direct block keeps installing every other provider from its registry.\n',
        );
      }
      process.stdout.write(`\nThen declare it in required_providers:\n  bedrockpt = { source = "${PROVIDER_SOURCE}", version = "${VERSION}" }\n`);
    });
  return provider;
}
