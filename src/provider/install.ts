/**
 * `bedrock-pt provider install [--dir DIR]`: writes the bundled provider as an executable in
 * Terraform's unpacked filesystem-mirror layout, so `terraform init` finds it with no network.
 * The default DIR, ~/.terraform.d/plugins, is a directory Terraform searches by itself — unless the
 * CLI configuration lists provider_installation methods; then the user is told what to add there.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Command } from 'commander';
import { BedrockPtError } from '../engine/errors';
import { diagnosticLine } from '../engine/render/diagnostic';
import { VERSION } from '../version';
import { cliConfigDir, readCliConfig, type CliConfig } from './cli-config';

export const PROVIDER_HOST = 'registry.terraform.io';
export const PROVIDER_NAMESPACE = 'bedrock-pt';
export const PROVIDER_TYPE = 'bedrockpt';
export const PROVIDER_SOURCE = `${PROVIDER_NAMESPACE}/${PROVIDER_TYPE}`;
/** Built by `npm run build` (src/provider/bundle.ts). */
export const BUNDLE_PATH = path.resolve(__dirname, '../../provider/terraform-provider-bedrockpt.js');
/** The resources and the SDK, which the server bundle requires from beside itself on first use; same name here and installed. */
export const RESOURCES_BUNDLE = 'bedrockpt-resources.js';

const OS_NAMES: Partial<Record<NodeJS.Platform, string>> = { linux: 'linux', darwin: 'darwin', win32: 'windows', freebsd: 'freebsd', openbsd: 'openbsd' };
const ARCH_NAMES: Partial<Record<string, string>> = { x64: 'amd64', arm64: 'arm64', ia32: '386', arm: 'arm' };

/** Terraform's `<os>_<arch>` for Node's platform and architecture (linux_amd64, darwin_arm64, …). */
export function terraformPlatform(platform: NodeJS.Platform = process.platform, arch: string = process.arch): string {
  const osName = OS_NAMES[platform];
  const archName = ARCH_NAMES[arch];
  if (!osName || !archName) {
    throw new BedrockPtError(
      'usage',
      `bedrock-pt provider install: Terraform has no provider platform for Node's ${platform}/${arch}; run it on linux, darwin or windows with amd64 or arm64.`,
    );
  }
  return `${osName}_${archName}`;
}

export function installedProviderPath(dir: string, version = VERSION, platform = terraformPlatform()): string {
  const file = `terraform-provider-${PROVIDER_TYPE}_v${version}${platform.startsWith('windows_') ? '.exe' : ''}`;
  return path.join(dir, PROVIDER_HOST, PROVIDER_NAMESPACE, PROVIDER_TYPE, version, platform, file);
}

/** The implied local mirror Terraform searches by itself: ~/.terraform.d/plugins (%APPDATA%\\terraform.d\\plugins on Windows). */
export function defaultPluginDir(home = os.homedir()): string {
  return path.join(cliConfigDir({ home }), 'plugins');
}

function mirrorBlock(dir: string, source = PROVIDER_SOURCE): string[] {
  return ['filesystem_mirror {', `  path    = ${JSON.stringify(dir)}`, `  include = [${JSON.stringify(source)}]`, '}'];
}

const indent = (lines: string[], by = '  ') => lines.map((l) => `${by}${l}`);

/** The CLI configuration a user adds when the mirror is not one Terraform searches by itself. */
export function providerInstallationBlock(dir: string): string {
  return ['provider_installation {', ...indent(mirrorBlock(dir)), '  direct {', `    exclude = [${JSON.stringify(PROVIDER_SOURCE)}]`, '  }', '}'].join('\n');
}

/** What the user must add to their CLI configuration for Terraform to find the provider in `dir`; empty when nothing. */
export function installationAdvice(dir: string, config: CliConfig): string {
  const implied = dir === path.resolve(defaultPluginDir());
  const existing = config.providerInstallation;
  if (existing) {
    if (existing.text.includes(JSON.stringify(dir))) return `\n${existing.file} already lists ${dir} in its provider_installation block.\n`;
    return (
      `\n${existing.file} has a provider_installation block, so Terraform installs providers only the ways it lists` +
      `${implied ? ` and does not search ${dir} by itself` : ''}. Add this inside that block:\n\n` +
      `${indent(mirrorBlock(dir)).join('\n')}\n\n` +
      `and add ${JSON.stringify(PROVIDER_SOURCE)} to the exclude list of its direct and network_mirror blocks, so Terraform does not look for it in a registry:\n\n` +
      `    exclude = [${JSON.stringify(PROVIDER_SOURCE)}]\n`
    );
  }
  if (implied) return '';
  const where = config.files.includes(config.primary) ? config.primary : `${config.primary}, a new file`;
  return (
    `\n${dir} is not a directory Terraform searches by itself. Add this to your Terraform CLI configuration (${where}):\n\n` +
    `${providerInstallationBlock(dir)}\n\n` +
    'The direct block keeps installing every other provider from its registry.\n'
  );
}

/** The cdktf path configures hashicorp/aws beside bedrockpt: how to have it with no network. */
function awsOfflineNote(): string {
  return (
    "\nA cdktf stack on this provider (ptResource: 'bedrockpt') also configures hashicorp/aws. With no network, copy it once from a machine that has one: " +
    `in a configuration that requires hashicorp/aws, run \`terraform providers mirror -platform=${terraformPlatform()} AWS_MIRROR\`, bring AWS_MIRROR here and ` +
    `list it as a second filesystem mirror (include = ["hashicorp/aws"], and exclude it from direct).\n`
  );
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
    throw new BedrockPtError(
      'usage',
      `bedrock-pt provider install --dir ${dir}: ${existing} is a file, not a directory. Pass a directory for the provider mirror.`,
      { field: '--dir' },
    );
  }
  try {
    fs.accessSync(existing, fs.constants.W_OK);
  } catch {
    throw new BedrockPtError('usage', `bedrock-pt provider install --dir ${dir}: ${existing} is not writable. Pass a directory you can write to.`, {
      field: '--dir',
    });
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

/** Writes the two bundles, then the executable that loads them (mode 0755); returns the executable's path. */
export function installProvider(dir: string, nodePath = process.execPath): string {
  for (const bundle of [BUNDLE_PATH, path.join(path.dirname(BUNDLE_PATH), RESOURCES_BUNDLE)]) {
    if (!fs.existsSync(bundle)) {
      throw new BedrockPtError('usage', `bedrock-pt provider install: the provider bundle ${bundle} is missing. Run \`npm run build\` first.`);
    }
  }
  const target = installedProviderPath(dir);
  checkDir(dir);
  const body = fs.readFileSync(BUNDLE_PATH, 'utf8').replace(/^#!.*\n/, '');
  const resources = fs.readFileSync(path.join(path.dirname(BUNDLE_PATH), RESOURCES_BUNDLE), 'utf8');
  fs.mkdirSync(path.dirname(target), { recursive: true });
  // Each file before the one that loads it, so a Terraform run meanwhile never starts half a provider.
  writeWhole(path.join(path.dirname(target), RESOURCES_BUNDLE), resources, 0o644);
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
        'so `terraform init` installs it with no network. The default DIR, ~/.terraform.d/plugins, is searched by Terraform itself ' +
        'unless your Terraform CLI configuration lists provider_installation methods; when it does, or for another DIR, this prints what to add to it.',
    )
    .option('--dir <dir>', 'mirror directory to write into', defaultPluginDir())
    .action((opts: { dir: string }) => {
      const dir = path.resolve(opts.dir);
      const config = readCliConfig();
      const written = installProvider(dir);
      process.stdout.write(`Installed ${PROVIDER_SOURCE} ${VERSION} at ${written}\n`);
      if (config.namedButMissing) {
        const summary = `TF_CLI_CONFIG_FILE names ${config.namedButMissing}, which does not exist: Terraform warns about it and reads no CLI configuration.`;
        process.stderr.write(diagnosticLine({ severity: 'warning', summary }));
      }
      process.stdout.write(installationAdvice(dir, config));
      process.stdout.write(`\nThen declare it in required_providers:\n  bedrockpt = { source = "${PROVIDER_SOURCE}", version = "${VERSION}" }\n`);
      process.stdout.write(awsOfflineNote());
    });
  return provider;
}
