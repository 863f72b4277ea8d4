/**
 * docs/development.md says `npx cdktf synth` works in this repository after `npm install`: cdktf-cli is a
 * dev dependency and the root cdktf.json runs the built example app. Run it as a user would.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

it('`npx cdktf synth` in the repository synthesizes the dev, staging and prod stacks of the example app', () => {
  const cdktfJson = fs.readFileSync(path.join(ROOT, 'cdktf.json'), 'utf8');
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'bedrock-pt-cdktf-synth-'));
  try {
    // CHECKPOINT_DISABLE: cdktf-cli's version check needs the network, which docs/development.md says to turn off offline.
    const run = spawnSync('npx', ['cdktf', 'synth', '--output', out], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 120_000,
      env: { ...process.env, CHECKPOINT_DISABLE: '1', CI: '1' },
    });
    expect(run.stderr).not.toMatch(/ERROR/);
    expect(run.status).toBe(0);
    expect(fs.readdirSync(path.join(out, 'stacks')).sort()).toEqual(['dev', 'prod', 'staging']);
    const prod = JSON.parse(fs.readFileSync(path.join(out, 'stacks', 'prod', 'cdk.tf.json'), 'utf8'));
    expect(Object.keys(prod.resource.aws_bedrock_provisioned_model_throughput)).toHaveLength(1);
    // cdktf-cli adds a projectId to a cdktf.json without one; the committed file has one, so synth leaves the checkout clean.
    expect(fs.readFileSync(path.join(ROOT, 'cdktf.json'), 'utf8')).toBe(cdktfJson);
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}, 130_000);
