/** Builds throwaway synth dirs in cdktf's layout so each test states only the part it is about. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const PT = 'aws_bedrock_provisioned_model_throughput';

export function tempDir(prefix = 'bedrock-pt-config-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Writes manifest.json and stacks/<name>/cdk.tf.json; returns the synth dir. */
export function writeSynthDir(stacks: Record<string, unknown>, dir = tempDir()): string {
  const manifest: Record<string, unknown> = {};
  for (const [name, doc] of Object.entries(stacks)) {
    fs.mkdirSync(path.join(dir, 'stacks', name), { recursive: true });
    fs.writeFileSync(path.join(dir, 'stacks', name, 'cdk.tf.json'), typeof doc === 'string' ? doc : JSON.stringify(doc, null, 2));
    manifest[name] = {
      name,
      constructPath: name,
      synthesizedStackPath: `stacks/${name}/cdk.tf.json`,
      workingDirectory: `stacks/${name}`,
      stackMetadataPath: `stacks/${name}/metadata.json`,
      annotations: [],
      dependencies: [],
    };
  }
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ stacks: manifest, version: '0.21.0' }, null, 2));
  return dir;
}

export interface StackDocOptions {
  pts?: Record<string, Record<string, unknown>>;
  providers?: Record<string, unknown>[];
  variables?: Record<string, unknown>;
  backend?: Record<string, unknown> | null;
  extra?: Record<string, unknown>;
}

/** A cdk.tf.json document with one default-tagged provider in us-east-1 and the given PTs. */
export function stackDoc(opts: StackDocOptions = {}): Record<string, unknown> {
  const doc: Record<string, unknown> = {
    provider: {
      aws: opts.providers ?? [{ region: 'us-east-1', default_tags: [{ tags: { Project: 'support-bot' } }] }],
    },
    resource: { [PT]: opts.pts ?? { chat: ptBlock() } },
    terraform: {
      ...(opts.backend === null ? {} : { backend: opts.backend ?? { local: { path: '/tmp/never-written/terraform.dev.tfstate' } } }),
      required_providers: { aws: { source: 'aws', version: '6.25.0' } },
    },
    ...(opts.variables ? { variable: opts.variables } : {}),
    ...opts.extra,
  };
  return doc;
}

export function ptBlock(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    provisioned_model_name: 'dev-support-chat',
    model_arn: 'anthropic.claude-3-haiku-20240307-v1:0:200k',
    model_units: 1,
    tags: { CostCenter: 'cc-1234' },
    ...overrides,
  };
}
