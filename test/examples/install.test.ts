/**
 * A cdktf 0.21 project and a CDK Terrain (cdktn 0.24) project each install bedrock-pt from the
 * tarball `npm pack` makes, with a plain `npm install` (no --force, no --legacy-peer-deps), beside
 * their own library, its prebuilt AWS provider and the `constructs` their `init` would pick; then
 * README's example, with the project's library in its first import, type-checks, runs, and
 * synthesizes with that library.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { compileMain, npmInstall, packBedrockPt, readmeSnippet, ROOT } from './user-project';

const devVersion = (name: string): string => JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).devDependencies[name];

const PROJECTS = [
  // cdktf init writes constructs ^10.4.2, which npm resolves to the newest 10.x.
  { library: 'cdktf', aws: '@cdktf/provider-aws', constructs: '^10.4.2' },
  // cdktn 0.24 accepts constructs >= 10.6 < 10.8.
  { library: 'cdktn', aws: '@cdktn/provider-aws', constructs: '~10.7.0' },
] as const;

let work: string;
let tarball: string;
beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'bedrock-pt-install-'));
  tarball = packBedrockPt(work);
}, 60_000);
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe.each(PROJECTS)('a $library project', ({ library, aws, constructs }) => {
  let dir: string;
  beforeAll(() => {
    dir = path.join(work, `${library}-project`);
    fs.mkdirSync(dir);
  });

  it(`installs bedrock-pt from its npm pack tarball next to ${library}, ${aws} and constructs ${constructs}, with no peer conflict`, () => {
    const install = npmInstall(dir, { [library]: devVersion(library), [aws]: devVersion(aws), constructs, 'bedrock-pt': `file:${tarball}` });
    expect(install.output).not.toMatch(/ERESOLVE|peer dep/i);
    expect(install.code).toBe(0);
    expect(fs.existsSync(path.join(dir, 'node_modules', 'bedrock-pt', 'dist', 'src', 'index.js'))).toBe(true);
  }, 300_000);

  it("installs each of bedrock-pt's runtime dependencies once: none of its pins makes npm nest copies", () => {
    // An @aws-sdk/core pinned one patch behind the SDK's credential providers once nested eight
    // copies of it (and of @smithy/core) into every user project: 143 MB where 61 MB do.
    const lock = JSON.parse(fs.readFileSync(path.join(dir, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string }> };
    const pinned = new Set(Object.keys(JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).dependencies));
    const nested = Object.entries(lock.packages)
      .filter(([key]) => /node_modules\/.+\/node_modules\//.test(key) && pinned.has(key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length)))
      .map(([key, entry]) => `${key} ${entry.version}`);
    expect(nested).toEqual([]);
  });

  it(`runs README's example with ${library} in its import, synthesizing with ${library} and ${aws}`, () => {
    fs.writeFileSync(path.join(dir, 'main.ts'), readmeSnippet().replace("from 'cdktf'", `from '${library}'`));
    expect(compileMain(dir)).toEqual([]);
    const run = spawnSync(process.execPath, ['main.js'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const stack = JSON.parse(fs.readFileSync(path.join(dir, 'cdktf.out', 'stacks', 'prod', 'cdk.tf.json'), 'utf8'));
    expect(stack['//'].metadata.version).toBe(devVersion(library));
    const installedAws = JSON.parse(fs.readFileSync(path.join(dir, 'node_modules', aws, 'package.json'), 'utf8'));
    expect(stack.terraform.required_providers.aws.version).toBe(installedAws.cdktf.provider.version);
    expect(Object.values(stack.resource.aws_bedrock_provisioned_model_throughput)).toEqual([
      expect.objectContaining({ provisioned_model_name: 'prod-support-chat', model_units: 2, commitment_duration: 'SixMonths' }),
    ]);
  }, 120_000);
});
