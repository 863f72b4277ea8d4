import * as fs from 'node:fs';
import * as path from 'node:path';
import { readSynthDir, synthesizeApp } from '../../src/engine/config';
import { BedrockPtError } from '../../src/engine/errors';
import { tempDir } from './synth-builder';

/** A one-stack cdktf app in plain JS, so synthesis needs no compile step. */
function writeProject(appSource: string, cdktfJson: Record<string, unknown> = {}): string {
  const dir = tempDir('bedrock-pt-synth-');
  fs.writeFileSync(path.join(dir, 'app.js'), appSource);
  fs.writeFileSync(path.join(dir, 'cdktf.json'), JSON.stringify({ language: 'typescript', app: 'node app.js', ...cdktfJson }));
  return dir;
}

const requireFrom = (id: string) => `require(${JSON.stringify(require.resolve(id))})`;

const APP = `
const { App, TerraformStack } = ${requireFrom('cdktf')};
const { AwsProvider } = ${requireFrom('@cdktf/provider-aws/lib/provider')};
const { BedrockProvisionedModelThroughput } = ${requireFrom('@cdktf/provider-aws/lib/bedrock-provisioned-model-throughput')};
const app = new App();
const stack = new TerraformStack(app, 'dev');
new AwsProvider(stack, 'aws', { region: 'us-east-1' });
new BedrockProvisionedModelThroughput(stack, 'support_chat', {
  provisionedModelName: app.node.tryGetContext('ptName') + (process.env.TF_VAR_leak ? '-leaked' : ''),
  modelArn: 'anthropic.claude-3-haiku-20240307-v1:0:200k',
  modelUnits: 1,
});
app.synth();
`;

describe('synthesizeApp', () => {
  it('runs the app like cdktf synth and finds the default local state in the project root', async () => {
    const project = writeProject(APP, { context: { ptName: 'dev-support-chat' } });
    const outdir = await synthesizeApp(project, { env: { ...process.env, TF_VAR_leak: '1' } });
    expect(outdir).toBe(path.join(project, 'cdktf.out'));
    const [stack] = readSynthDir(outdir, { env: {} });
    // Context from cdktf.json reached the app; TF_VAR_* did not (cdktf-cli strips them too).
    expect(stack.resources[0].name).toBe('dev-support-chat');
    // cdktf 0.21's default backend: an absolute path in the directory the app ran in.
    expect(stack.backend).toEqual({ type: 'local', path: path.join(project, 'terraform.dev.tfstate') });
    expect(stack.statePath).toBe(path.join(project, 'terraform.dev.tfstate'));
  });

  it('honours an explicit outdir', async () => {
    const project = writeProject(APP, { context: { ptName: 'x' } });
    const outdir = await synthesizeApp(project, { outdir: 'custom.out' });
    expect(outdir).toBe(path.join(project, 'custom.out'));
    expect(fs.existsSync(path.join(outdir, 'manifest.json'))).toBe(true);
  });

  it('reports a failing app on one line and keeps its stderr, in order, as the body', async () => {
    const project = writeProject('console.error("first line"); console.error("Error: region is required"); process.exit(3);');
    const error = await synthesizeApp(project).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BedrockPtError);
    expect((error as BedrockPtError).kind).toBe('config');
    expect((error as BedrockPtError).message).toBe(`${path.join(project, 'cdktf.json')}: app command "node app.js" failed with exit code 3. Its error output:`);
    expect((error as BedrockPtError).body).toBe('first line\nError: region is required');
  });

  it('explains a project without cdktf.json', async () => {
    const error = await synthesizeApp(tempDir()).catch((e: unknown) => e);
    expect((error as BedrockPtError).message).toMatch(/cdktf\.json: not found/);
  });
});
