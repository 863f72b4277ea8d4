/**
 * Every command loads only what it uses (issue 24): `--version`, `--help` and the help of each
 * command load the CLI's bundle and nothing else of ours or of node_modules; the provider loads its
 * resources (and the SDK) only for a call that needs a configured provider, never for the
 * handshake, the schema or validation. Checked by the modules a process has loaded,
 * never by how long it took.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CLI, ROOT, removeTempDirs, tempDir } from './harness';
import { BUNDLE, call, connect, startPlugin, TERRAFORM_ENV } from '../provider/plugin-process';

afterAll(removeTempDirs);

/** Written at exit by a preloaded script: every module file the process loaded, from require.cache. */
function loadedModulesHook(dir: string): { hook: string; out: string } {
  const hook = path.join(dir, 'loaded-modules.js');
  const out = path.join(dir, 'loaded.json');
  fs.writeFileSync(hook, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(out)}, JSON.stringify(Object.keys(require.cache))));\n`);
  return { hook, out };
}

/** Runs the package's bin as npm links it; `loaded` leaves out the preloaded hook itself. */
function runCli(args: string[]): Promise<{ code: number; stdout: string; loaded: string[] }> {
  const dir = tempDir('bedrock-pt-loads-');
  const { hook, out } = loadedModulesHook(dir);
  return new Promise((resolve) => {
    execFile(process.execPath, ['--require', hook, CLI, ...args], { cwd: dir, env: { PATH: process.env.PATH, HOME: dir } }, (error, stdout) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      const loaded = (JSON.parse(fs.readFileSync(out, 'utf8')) as string[]).filter((file) => file !== hook);
      resolve({ code, stdout: String(stdout), loaded });
    });
  });
}

const HEAVY_PACKAGES = ['@aws-sdk', '@smithy', 'cdktf', 'cdktn', 'constructs', 'zod', '@grpc', 'protobufjs', 'diff', 'lossless-json', 'koffi'];
const OUR_ACTION_CODE = [
  'dist/src/engine/aws/',
  'dist/src/engine/plan/',
  'dist/src/engine/refresh/',
  'dist/src/engine/apply/',
  'dist/src/engine/config/',
  'dist/src/emulator/start',
  'dist/src/emulator/emulator',
  'dist/src/cli/actions/',
];

function heavy(loaded: string[]): string[] {
  const rel = loaded.map((file) => path.relative(ROOT, file).split(path.sep).join('/'));
  return rel.filter((file) => HEAVY_PACKAGES.some((p) => file.includes(`node_modules/${p}/`)) || OUR_ACTION_CODE.some((p) => file.startsWith(p)));
}

describe('bedrock-pt start-up', () => {
  it('is what npm links as the bin', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    expect(path.join(ROOT, manifest.bin['bedrock-pt'])).toBe(CLI);
  });

  it.each(['--version', '--help', 'plan --help', 'apply --help', 'state rm --help', 'emulator --help', 'review --help', 'provider --help'])(
    "`bedrock-pt %s` loads one file, the bin's bundle: no SDK, cdktf, zod, gRPC, emulator, engine or commander file",
    async (line) => {
      const run = await runCli(line.split(' '));
      expect(run.code).toBe(0);
      expect(run.stdout).not.toBe('');
      expect(run.loaded).toEqual([CLI]);
    },
  );

  it('carries commander and the command definitions in that file, and none of the SDK, cdktf, zod or the engine', () => {
    const bundle = fs.readFileSync(CLI, 'utf8');
    // The bundler names each CommonJS package module by its path; each of our modules hands itself to bundled-modules.ts by its src path.
    const packages = new Set([...bundle.matchAll(/node_modules\/((?:@[^/"]+\/)?[^/"]+)\//g)].map((m) => m[1]));
    const ours = [...bundle.matchAll(/shareBundled\("([^"]+)"/g)].map((m) => `dist/src/${m[1]}.js`);
    expect([...packages]).toEqual(['commander']);
    expect(ours).toEqual(expect.arrayContaining(['dist/src/cli/main.js', 'dist/src/cli/commands/plan.js', 'dist/src/engine/errors.js']));
    expect(heavy(ours)).toEqual([]);
  });

  it("loads a command's code when that command runs", async () => {
    const run = await runCli(['show', 'no-such.plan']);
    expect(run.code).toBe(1);
    expect(heavy(run.loaded)).toEqual(expect.arrayContaining(['dist/src/cli/actions/show.js']));
  });

  it("knows the errors of a command's code, loaded from outside the bundle: `plan --json` reports the failure's kind", async () => {
    const run = await runCli(['plan', '--json', '--all', '--synth-dir', 'no-such-cdktf.out']);
    expect(run.code).toBe(1);
    const diagnostic = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { type: string; bedrock_pt?: { kind?: string } })
      .find((line) => line.type === 'diagnostic');
    expect(diagnostic?.bedrock_pt).toEqual({ kind: 'config' });
  });
});

describe('provider start-up', () => {
  it('has no SDK or zod in the file it loads before the handshake', () => {
    // The bundler names each bundled module by its path: the packages the server file carries.
    const packages = new Set([...fs.readFileSync(BUNDLE, 'utf8').matchAll(/node_modules\/((?:@[^/"]+\/)?[^/"]+)\//g)].map((m) => m[1]));
    expect(packages).toContain('@grpc/grpc-js');
    expect([...packages].filter((p) => ['@aws-sdk', '@smithy', 'zod'].some((heavy) => p === heavy || p.startsWith(`${heavy}/`)))).toEqual([]);
  });

  /** The files the provider loaded, started as Terraform starts it (without TLS) and stopped after `calls`. */
  async function providerLoads(calls: (clients: ReturnType<typeof connect>) => Promise<unknown>): Promise<string[]> {
    const dir = tempDir('bedrock-pt-loads-');
    const { hook, out } = loadedModulesHook(dir);
    const plugin = startPlugin({ ...TERRAFORM_ENV, TF_DISABLE_PLUGIN_TLS: '1', NODE_OPTIONS: `--require ${hook}` });
    const clients = connect(await plugin.handshake);
    try {
      await calls(clients);
    } finally {
      clients.close();
      plugin.child.kill('SIGTERM');
    }
    await plugin.exited;
    return (JSON.parse(fs.readFileSync(out, 'utf8')) as string[]).map((file) => path.basename(file));
  }

  it('answers the handshake, the schema and config validation without loading its resources bundle, and loads it to configure', async () => {
    const untilHandshake = await providerLoads(async () => undefined);
    expect(untilHandshake).toContain(path.basename(BUNDLE));
    expect(untilHandshake).not.toContain('bedrockpt-resources.js');
    // What the starts Terraform makes only for schemas and validation ask.
    const schemaAndValidation = await providerLoads(async (clients) => {
      await call(clients.provider, 'GetProviderSchema');
      await call(clients.provider, 'ValidateProviderConfig', {});
    });
    expect(schemaAndValidation).not.toContain('bedrockpt-resources.js');
    const configured = await providerLoads((clients) => call(clients.provider, 'ConfigureProvider', {}));
    expect(configured).toContain('bedrockpt-resources.js');
  });
});
