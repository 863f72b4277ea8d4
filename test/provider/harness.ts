/**
 * Terraform-driven tests: a throwaway working dir, the provider installed into a temp mirror by
 * the real `bedrock-pt provider install`, a TF_CLI_CONFIG_FILE naming that mirror and the
 * hashicorp/aws mirror (no network), and the real `terraform` run with an environment that points
 * nowhere but the emulator. When terraform or the aws mirror is missing, the suite is skipped with
 * a line naming what is missing.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Emulator } from '../../src/emulator';
import { AWS_MIRROR, TERRAFORM } from '../../tools/terraform-lookup';
import { cli, startE2eEmulator, tempDir, writeCredentials, type CliResult } from '../e2e/harness';

export { removeTempDirs } from '../e2e/harness';
export { AWS_MIRROR, TERRAFORM } from '../../tools/terraform-lookup';

/** What the Terraform suites need and this machine lacks; empty when they can run. */
export function missingForTerraform(): string[] {
  const missing: string[] = [];
  if (!TERRAFORM) missing.push('terraform on PATH');
  // The mirror is only looked for once terraform is there, so it is missing only then.
  else if (!AWS_MIRROR) missing.push('a filesystem mirror with registry.terraform.io/hashicorp/aws (set TF_AWS_MIRROR)');
  return missing;
}

/** describe(), or describe.skip() with a printed line naming what is missing: never a silent pass. */
export function describeWithTerraform(name: string, body: () => void): void {
  describeUnlessMissing(name, missingForTerraform(), body);
}

/** describe() when `missing` is empty, else describe.skip() with a printed line naming it. */
export function describeUnlessMissing(name: string, missing: string[], body: () => void): void {
  if (missing.length) {
    process.stderr.write(`SKIPPED "${name}": needs ${missing.join(' and ')}\n`);
    describe.skip(name, body);
  } else {
    describe(name, body);
  }
}

export interface WorkspaceOptions {
  emulatorUrl?: string;
  /** Sets TF_DISABLE_PLUGIN_TLS=1: Terraform then talks to the provider without TLS. */
  disableTls?: boolean;
  /**
   * Install into ~/.terraform.d/plugins (HOME is the workspace) with no CLI configuration at all,
   * as a user who runs `bedrock-pt provider install` without --dir would. hashicorp/aws is then
   * not installable (no network).
   */
  defaultPluginDir?: boolean;
}

export class TerraformWorkspace {
  readonly dir = tempDir('bedrock-pt-tf-');
  readonly work = path.join(this.dir, 'work');
  /** The provider mirror: the one jest's global set-up installed (read-only here), else one of its own. */
  readonly mirror = process.env.BEDROCK_PT_TEST_PROVIDER_MIRROR ?? path.join(this.dir, 'mirror');
  readonly cliConfig = path.join(this.dir, 'terraform.rc');
  readonly env: NodeJS.ProcessEnv;

  private constructor(options: WorkspaceOptions) {
    fs.mkdirSync(this.work);
    this.env = {
      PATH: process.env.PATH,
      HOME: this.dir,
      TMPDIR: this.dir,
      // The run's compiled-code caches (test/global-setup.js), shared as a user's temp directory would be.
      ...(process.env.BEDROCK_PT_CODE_CACHE ? { BEDROCK_PT_CODE_CACHE: process.env.BEDROCK_PT_CODE_CACHE } : {}),
      ...(process.env.NODE_COMPILE_CACHE ? { NODE_COMPILE_CACHE: process.env.NODE_COMPILE_CACHE } : {}),
      TF_CLI_CONFIG_FILE: this.cliConfig,
      TF_IN_AUTOMATION: '1',
      CHECKPOINT_DISABLE: '1',
      NO_COLOR: '1',
      AWS_SHARED_CREDENTIALS_FILE: writeCredentials(path.join(this.dir, 'credentials')),
      AWS_CONFIG_FILE: path.join(this.dir, 'no-such-config'),
      AWS_EC2_METADATA_DISABLED: 'true',
      // Nothing may reach AWS: every endpoint is the emulator, or an address nothing listens on.
      AWS_ENDPOINT_URL: options.emulatorUrl ?? 'http://127.0.0.1:9',
      AWS_ENDPOINT_URL_BEDROCK: options.emulatorUrl ?? 'http://127.0.0.1:9',
      AWS_ENDPOINT_URL_STS: options.emulatorUrl ?? 'http://127.0.0.1:9',
      AWS_ENDPOINT_URL_SERVICE_QUOTAS: options.emulatorUrl ?? 'http://127.0.0.1:9',
      ...(options.emulatorUrl ? { BEDROCK_PT_ENDPOINT: options.emulatorUrl } : {}),
      ...(options.disableTls ? { TF_DISABLE_PLUGIN_TLS: '1' } : {}),
    };
  }

  /**
   * Installs the provider with the real CLI (unless the global set-up's mirror is there) and
   * writes a CLI config with both mirrors.
   */
  static async create(options: WorkspaceOptions = {}): Promise<TerraformWorkspace> {
    const ws = new TerraformWorkspace(options);
    if (options.defaultPluginDir || !fs.existsSync(ws.mirror)) {
      const installed = await cli(['provider', 'install', ...(options.defaultPluginDir ? [] : ['--dir', ws.mirror])], { cwd: ws.dir, env: ws.env });
      if (installed.code !== 0) throw new Error(`bedrock-pt provider install failed (${installed.code}): ${installed.stderr}`);
    }
    if (options.defaultPluginDir) {
      delete ws.env.TF_CLI_CONFIG_FILE;
      return ws;
    }
    fs.writeFileSync(
      ws.cliConfig,
      [
        'provider_installation {',
        `  filesystem_mirror {\n    path    = ${JSON.stringify(ws.mirror)}\n    include = ["bedrock-pt/bedrockpt"]\n  }`,
        `  filesystem_mirror {\n    path    = ${JSON.stringify(AWS_MIRROR)}\n    include = ["hashicorp/aws"]\n  }`,
        '  direct {\n    exclude = ["bedrock-pt/bedrockpt", "hashicorp/aws"]\n  }',
        '}',
        '',
      ].join('\n'),
    );
    return ws;
  }

  /** Writes main.tf in the working dir. */
  writeConfig(hcl: string): void {
    fs.writeFileSync(path.join(this.work, 'main.tf'), hcl);
  }

  terraform(args: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<CliResult> {
    return new Promise((resolve) => {
      execFile(
        TERRAFORM as string,
        args,
        { cwd: this.work, env: { ...this.env, ...extraEnv }, timeout: 120_000, maxBuffer: 64 * 1024 * 1024 },
        (error, stdout, stderr) => {
          const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
          resolve({ code, stdout: String(stdout), stderr: String(stderr) });
        },
      );
    });
  }
}

/** required_providers for bedrockpt, and a provider block with `providerBody` inside. */
export function providerConfig(providerBody = ''): string {
  return `terraform {\n  required_providers {\n    bedrockpt = { source = "bedrock-pt/bedrockpt" }\n  }\n}\n\nprovider "bedrockpt" {\n${providerBody}}\n`;
}

/**
 * A fresh emulator and an initialised workspace whose config is `providerBlock` for every test
 * of a describeWithTerraform block. Read the fields inside tests (the hooks set them).
 */
export function terraformPerTest(providerBlock: (emulator: Emulator) => string): { readonly emulator: Emulator; readonly ws: TerraformWorkspace } {
  const context = {} as { emulator: Emulator; ws: TerraformWorkspace };
  beforeEach(async () => {
    context.emulator = await startE2eEmulator();
    context.ws = await TerraformWorkspace.create({ emulatorUrl: context.emulator.url });
    context.ws.writeConfig(providerBlock(context.emulator));
    expect((await context.ws.terraform(['init', '-input=false', '-no-color'])).code).toBe(0);
  }, 120_000);
  afterEach(async () => context.emulator?.close());
  return context;
}
