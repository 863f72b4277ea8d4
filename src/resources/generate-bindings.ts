/**
 * Regenerates `src/resources/bedrockpt/` — the cdktf bindings of the bedrockpt provider — with
 * cdktf-cli's own generator (`cdktf get`), from the schema the provider reports to Terraform.
 * Offline: the provider is installed into a temporary filesystem mirror, and a Terraform CLI
 * configuration names only that mirror. Run after changing the provider's schema:
 *
 *   npm run build && node dist/src/resources/generate-bindings.js [OUT_DIR]
 *
 * `test/resources/bindings.test.ts` regenerates into a temp dir and fails when the committed
 * bindings differ, so the bindings and the provider's schema cannot drift apart.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { installProvider, PROVIDER_SOURCE, providerInstallationBlock } from '../provider/install';
import { VERSION } from '../version';

/** Where the committed bindings live, relative to the repository root. */
export const BINDINGS_DIR = 'src/resources/bedrockpt';

function repoRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return dir;
}

function cdktfCli(root: string): string {
  const bin = path.join(root, 'node_modules', '.bin', 'cdktf');
  if (!fs.existsSync(bin)) throw new Error(`cdktf-cli is not installed (${bin} is missing); run npm install.`);
  return bin;
}

/** Writes the generated TypeScript bindings into `outDir` (replacing it) and returns its path. */
export function generateBindings(outDir: string): string {
  const root = repoRoot();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bedrock-pt-bindings-'));
  try {
    const mirror = path.join(work, 'mirror');
    installProvider(mirror);
    const cliConfig = path.join(work, 'terraform.rc');
    fs.writeFileSync(cliConfig, `${providerInstallationBlock(mirror)}\n`);
    const app = path.join(work, 'app');
    fs.mkdirSync(app);
    fs.writeFileSync(
      path.join(app, 'cdktf.json'),
      JSON.stringify({
        language: 'typescript',
        app: 'true',
        terraformProviders: [`${PROVIDER_SOURCE}@${VERSION}`],
        codeMakerOutput: 'gen',
        sendCrashReports: 'false',
      }),
    );
    execFileSync(cdktfCli(root), ['get'], {
      cwd: app,
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 300_000,
      env: { ...process.env, HOME: work, TF_CLI_CONFIG_FILE: cliConfig, CHECKPOINT_DISABLE: '1', DISABLE_VERSION_CHECK: '1', CI: '1' },
    });
    const generated = path.join(app, 'gen', 'providers', 'bedrockpt');
    fs.rmSync(outDir, { recursive: true, force: true });
    fs.mkdirSync(path.dirname(outDir), { recursive: true });
    fs.cpSync(generated, outDir, { recursive: true });
    // cdktf-cli writes READMEs pointing at the Terraform Registry; the provider is not published there.
    for (const f of listFiles(outDir)) {
      if (f.endsWith('README.md')) fs.rmSync(f);
      else fs.writeFileSync(f, takeLibraryFromSeam(addOverrides(fs.readFileSync(f, 'utf8'))));
    }
    return outDir;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/**
 * cdktf-cli 0.21's generator omits `override` on the members it redefines; this project compiles
 * with noImplicitOverride, so the keyword is added to exactly those members.
 */
function addOverrides(source: string): string {
  return source.replace(/^  (public (?:get|set) alias|protected synthesize(?:Hcl)?Attributes)\b/gm, (_m, member: string) => {
    const [visibility, ...rest] = member.split(' ');
    return `  ${visibility} override ${rest.join(' ')}`;
  });
}

/**
 * The generator imports 'cdktf' by name; the bindings take it from `../../cdk` instead, so in a
 * CDK Terrain app they extend cdktn's classes like every other bedrock-pt construct. (cdktf and
 * cdktn generate the same code apart from that import; cdktf-cli generates here because it runs
 * on every supported Node, and cdktn-cli needs Node 22.19.)
 */
function takeLibraryFromSeam(source: string): string {
  return source.replace(/^import \* as cdktf from 'cdktf';$/m, "import * as cdktf from '../../cdk';");
}

/** Every file under dir, sorted, as absolute paths. */
export function listFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listFiles(path.join(dir, e.name)) : [path.join(dir, e.name)]))
    .sort();
}

if (require.main === module) {
  const out = generateBindings(path.resolve(process.argv[2] ?? path.join(repoRoot(), BINDINGS_DIR)));
  process.stdout.write(`Wrote the bedrockpt provider bindings to ${out}\n`);
}
