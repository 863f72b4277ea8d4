/**
 * Errors keep what matters: a failing app's own report from its first line, a location printed
 * once, and files that are not what bedrock-pt expects (state, synth output, a signed plan of
 * the wrong shape) named with what to do — exit 1, nothing written, nothing sent.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Emulator } from '../../src/emulator';
import { buildPlanFile, serializePlanFile } from '../../src/engine/planfile';
import { DEV_CUSTOM, HAIKU_PT, ROOT, SynthProject, cli, emulatorPerFile, mutatingCalls, projectEnv, readJson, tempDir, type CliResult } from './harness';
import { expectNoRepeatedLocation } from './no-repeated-location';

const shared = emulatorPerFile();
let emulator: Emulator;
let project: SynthProject;

beforeEach(() => {
  ({ emulator, project } = shared);
  project.write({ dev: { pts: { support_chat: { name: 'dev-support-chat', model: DEV_CUSTOM, units: 1 } } } });
});

const plan = (...extra: string[]) => ['plan', '--all', '--synth-dir', project.synthDir, '--out', 'plan.json', ...extra];

/** Runs the CLI expecting exit 1 with `cause` on stderr, and `file` (if given) byte-for-byte unchanged. */
async function expectRefusal(args: string[], cause: RegExp, file?: string): Promise<CliResult> {
  const before = file ? fs.readFileSync(file) : undefined;
  const result = await cli(args, { cwd: project.dir, env: project.env });
  expect(result.stderr).toMatch(cause);
  expect(result.code).toBe(1);
  expectNoRepeatedLocation(result.stderr);
  if (file) expect(fs.readFileSync(file)).toEqual(before);
  expect(fs.existsSync(path.join(project.dir, 'plan.json'))).toBe(false);
  expect(mutatingCalls(emulator)).toEqual([]);
  return result;
}

describe('a cdktf app that fails to synthesize', () => {
  const resources = JSON.stringify(path.join(ROOT, 'dist/src/resources'));

  function appProject(source: string): { cwd: string; env: NodeJS.ProcessEnv } {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'app.js'), source);
    fs.writeFileSync(path.join(dir, 'cdktf.json'), JSON.stringify({ language: 'typescript', app: 'node app.js' }));
    return { cwd: dir, env: projectEnv(dir, emulator.url) };
  }

  it("shows bedrock-pt's own validation report in full, from its first line", async () => {
    const app = appProject(`
      const { App } = require(${JSON.stringify(require.resolve('cdktf'))});
      const { EnvironmentStack, Model, ProvisionedThroughput, synthApp } = require(${resources});
      const app = new App();
      const stack = new EnvironmentStack(app, 'dev', { region: 'us-east-1' });
      new ProvisionedThroughput(stack, 'support_chat', { name: 'bad name!', model: Model.foundation('${HAIKU_PT}'), modelUnits: 0 });
      synthApp(app);
    `);
    const result = await cli(['plan', '--all'], app);
    expect(result.code).toBe(1);
    const lines = result.stderr.split('\n');
    expect(lines[0]).toBe('Error: cdktf.json: app command "node app.js" failed with exit code 1. Its error output:');
    expect(lines[1]).toBe('  This app has 2 invalid values, so nothing was synthesized. Fix each and run again:');
    expect(result.stderr).toMatch(/^ {4}dev\/support_chat: .*name.*bad name!/m);
    expect(result.stderr).toMatch(/^ {4}dev\/support_chat: .*modelUnits/m);
    expect(lines.filter((l) => /^\s+at /.test(l))).toEqual([]);
    expect(result.stderr).not.toMatch(/Node\.js v\d+/);
    expectNoRepeatedLocation(result.stderr);
    expect(fs.existsSync(path.join(app.cwd, 'terraform.dev.tfstate'))).toBe(false);
  });

  it('shows a plain multi-line error message line by line, then a few stack frames', async () => {
    const app = appProject(`throw new Error('boom\\nsecond line');\n`);
    const result = await cli(['plan', '--all'], app);
    expect(result.code).toBe(1);
    const lines = result.stderr.split('\n');
    expect(lines.slice(1, 3)).toEqual(['  Error: boom', '  second line']);
    expect(lines[3]).toMatch(/^ {6}at .*app\.js:1/);
    expect(result.stderr).toMatch(/^ {6}… \(\d+ more frames?\)$/m);
  });

  it('keeps the start of a huge error output and says how many lines it left out', async () => {
    const app = appProject(`console.error('Error: first of many'); for (let i = 0; i < 5000; i++) console.error('detail ' + i); process.exitCode = 2;\n`);
    const result = await cli(['plan', '--all'], app);
    expect(result.code).toBe(1);
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines[1]).toBe('  Error: first of many');
    expect(lines[2]).toBe('  detail 0');
    expect(lines.at(-1)).toMatch(/^ {2}… \(4961 more lines\)$/);
    expect(lines.length).toBeLessThan(50);
  });
});

describe('a state file that is JSON but not Terraform state', () => {
  it.each([
    ['an empty list', '[]', /it is a JSON list/],
    ['an empty object', '{}', /it is an empty JSON object/],
    ['a synth file', JSON.stringify({ terraform: { backend: {} }, resource: {} }), /it is a cdktf synth file \(cdk\.tf\.json\)/],
  ])('refuses %s and says it is not state', async (_what, text, kind) => {
    fs.writeFileSync(project.statePath('dev'), text);
    const result = await expectRefusal(plan(), /state file .*terraform\.dev\.tfstate is JSON but not Terraform state/, project.statePath('dev'));
    expect(result.stderr).toMatch(kind);
    expect(result.stderr).toMatch(/no "version"\/"lineage"\/"resources"/);
  });

  it('recognises a saved plan put where the state belongs', async () => {
    const planned = await cli(plan(), { cwd: project.dir, env: project.env });
    expect(planned.code).toBe(0);
    fs.renameSync(path.join(project.dir, 'plan.json'), project.statePath('dev'));
    await expectRefusal(plan(), /is JSON but not Terraform state \(it is a bedrock-pt saved plan/, project.statePath('dev'));
  });
});

describe('malformed synth output', () => {
  const manifest = () => path.join(project.synthDir, 'manifest.json');

  it.each([
    [
      'a stack file with bad JSON',
      () => fs.writeFileSync(path.join(project.synthDir, 'stacks/dev/cdk.tf.json'), '{"resource": {'),
      /cdk\.tf\.json is not valid JSON/,
    ],
    ['a stack file that is missing', () => fs.rmSync(path.join(project.synthDir, 'stacks/dev/cdk.tf.json')), /cdk\.tf\.json is missing/],
    ['a manifest without stacks', () => fs.writeFileSync(manifest(), '{"version": "0.21.0"}'), /manifest\.json: has no "stacks" section/],
    [
      'a stack file that is not an object',
      () => fs.writeFileSync(path.join(project.synthDir, 'stacks/dev/cdk.tf.json'), '[]'),
      /cdk\.tf\.json must hold a JSON object/,
    ],
  ])('says to re-run synth for %s', async (_what, damage, cause) => {
    damage();
    const result = await expectRefusal(plan(), cause);
    expect(result.stderr).toContain('re-run `cdktf synth` (or drop --synth-dir to let bedrock-pt synthesize)');
    expect(fs.existsSync(project.statePath('dev'))).toBe(false);
  });
});

describe('a saved plan whose checksum is valid but whose shape is not', () => {
  /** Plans, then rewrites the plan through `edit` and signs it again with the real checksum code. */
  async function resignedPlan(edit: (stacks: any[]) => void): Promise<string> {
    const planned = await cli(plan(), { cwd: project.dir, env: project.env });
    expect(planned.code).toBe(0);
    const file = path.join(project.dir, 'plan.json');
    const original = readJson(file);
    edit(original.stacks);
    const bad = path.join(project.dir, 'bad-plan.json');
    fs.writeFileSync(bad, serializePlanFile(buildPlanFile(original.stacks, { tool: original.tool })));
    fs.rmSync(file);
    return bad;
  }

  it.each([
    ['an unknown action', (stacks: any[]) => (stacks[0].changes[0].action = 'explode'), /stacks\[0\]\.changes\[0\]\.action/],
    ['model units as text', (stacks: any[]) => (stacks[0].changes[0].after.model_units = 'two'), /stacks\[0\]\.changes\[0\]\.after\.model_units/],
    ['a stack without its state', (stacks: any[]) => delete stacks[0].state, /stacks\[0\]\.state/],
  ])('refuses %s, naming the field', async (_what, edit, field) => {
    const bad = await resignedPlan(edit);
    const result = await expectRefusal(['apply', bad], /plan file .*bad-plan\.json is not a well-formed bedrock-pt plan/, bad);
    expect(result.stderr).toMatch(field);
    expect(fs.existsSync(project.statePath('dev'))).toBe(false);
  });
});

it('names a failed apply step once in the summary', async () => {
  // 25 committed units exceed the emulator's quota of 20; the plan cannot read the quotas (it warns),
  // so it is Bedrock that refuses the create at apply.
  emulator.injectFault({ operation: 'ListServiceQuotas', kind: 'access-denied', count: 10 });
  project.write({ dev: { pts: { support_chat: { name: 'dev-support-chat', model: `${HAIKU_PT}`, units: 25, commitment: 'OneMonth' } } } });
  const result = await cli(['apply', '--all', '--synth-dir', project.synthDir, '--auto-approve'], { cwd: project.dir, env: project.env });
  expect(result.code).toBe(1);
  const output = result.stdout + result.stderr;
  expect(output).toMatch(
    /dev\/aws_bedrock_provisioned_model_throughput\.support_chat: Bedrock refused CreateProvisionedModelThroughput: it exceeds the quota "Model units per provisioned model for …" of the base model of .*Nothing was bought/,
  );
  expectNoRepeatedLocation(output);
});
