/**
 * The resource and the provider block use hashicorp/aws's names and types, checked against the
 * real provider's schema (`terraform providers schema -json`, offline from a filesystem mirror).
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BlockSchema, CtyType } from '../../src/provider/contract';
import { createBedrockptProvider } from '../../src/provider/resources';
import { EXTRA_COMPUTED } from '../../src/provider/resources/pt-schema';
import { removeTempDirs, tempDir } from '../e2e/harness';

const MIRROR = process.env.BEDROCK_PT_TF_MIRROR ?? '/opt/tf-plugins';
const AWS_VERSION = '5.100.0';

function terraformPath(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, 'terraform');
    if (fs.existsSync(candidate)) return candidate;
  }
  return undefined;
}

const terraform = terraformPath();
const mirrored = fs.existsSync(path.join(MIRROR, 'registry.terraform.io/hashicorp/aws'));
const missing = [!terraform && 'terraform on PATH', !mirrored && `hashicorp/aws in the filesystem mirror ${MIRROR}`].filter(Boolean);
if (missing.length) console.log(`schema parity with hashicorp/aws skipped: missing ${missing.join(' and ')}`);
const describeWithTerraform = missing.length ? describe.skip : describe;

interface TfBlock {
  attributes?: Record<string, { type: unknown; required?: boolean; optional?: boolean; computed?: boolean }>;
  block_types?: Record<string, { nesting_mode: string; block: TfBlock }>;
}

function awsSchema(): { provider: TfBlock; resource: TfBlock } {
  const dir = tempDir('bedrock-pt-schema-');
  fs.writeFileSync(
    path.join(dir, 'main.tf'),
    `terraform {\n  required_providers {\n    aws = { source = "hashicorp/aws", version = "${AWS_VERSION}" }\n  }\n}\n`,
  );
  fs.writeFileSync(path.join(dir, 'cli.tfrc'), `provider_installation {\n  filesystem_mirror {\n    path = "${MIRROR}"\n  }\n}\n`);
  const env = { ...process.env, TF_CLI_CONFIG_FILE: path.join(dir, 'cli.tfrc'), TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1' };
  execFileSync(terraform!, ['init', '-input=false', '-backend=false'], { cwd: dir, env, stdio: 'ignore' });
  const json = JSON.parse(execFileSync(terraform!, ['providers', 'schema', '-json'], { cwd: dir, env, maxBuffer: 256 * 1024 * 1024 }).toString());
  const aws = json.provider_schemas['registry.terraform.io/hashicorp/aws'];
  return { provider: aws.provider.block, resource: aws.resource_schemas.aws_bedrock_provisioned_model_throughput.block };
}

/** One attribute as "type required/optional/computed", to compare both sides the same way. */
function shape(a: { type: unknown; required?: boolean; optional?: boolean; computed?: boolean }): string {
  return `${JSON.stringify(a.type)} ${[a.required && 'required', a.optional && 'optional', a.computed && 'computed'].filter(Boolean).join('+')}`;
}

function ours(block: BlockSchema): TfBlock {
  return {
    attributes: Object.fromEntries(
      block.attributes.map((a) => [a.name, { type: a.type as CtyType, required: a.required, optional: a.optional, computed: a.computed }]),
    ),
    block_types: Object.fromEntries((block.blocks ?? []).map((b) => [b.typeName, { nesting_mode: b.nesting, block: ours(b.block) }])),
  };
}

function shapes(block: TfBlock, names?: string[]): Record<string, string> {
  const attributes = block.attributes ?? {};
  return Object.fromEntries((names ?? Object.keys(attributes)).map((n) => [n, attributes[n] ? shape(attributes[n]) : 'absent']));
}

describeWithTerraform(`schema parity with hashicorp/aws ${AWS_VERSION}`, () => {
  let aws: { provider: TfBlock; resource: TfBlock };
  const provider = createBedrockptProvider();
  const resource = ours(provider.resources[0].schema);
  const providerBlock = ours(provider.providerSchema);

  beforeAll(() => {
    aws = awsSchema();
  }, 120_000);
  afterAll(() => removeTempDirs());

  it('has every attribute of aws_bedrock_provisioned_model_throughput, with the same type and mode', () => {
    expect(shapes(resource, Object.keys(aws.resource.attributes!))).toEqual(shapes(aws.resource));
  });

  it('adds only computed attributes', () => {
    const extra = Object.keys(resource.attributes!).filter((n) => !(n in aws.resource.attributes!));
    expect(extra.sort()).toEqual([...EXTRA_COMPUTED].sort());
    for (const name of extra) expect(shape(resource.attributes![name])).toBe('"string" computed');
  });

  it('has the timeouts block with the same nesting and at least its arguments', () => {
    const theirs = aws.resource.block_types!.timeouts;
    const mine = resource.block_types!.timeouts;
    expect(mine.nesting_mode).toBe(theirs.nesting_mode);
    expect(shapes(mine.block, Object.keys(theirs.block.attributes!))).toEqual(shapes(theirs.block));
  });

  it('names the provider arguments like the AWS provider, with the same types', () => {
    const names = Object.keys(providerBlock.attributes!);
    expect(shapes(providerBlock)).toEqual(shapes(aws.provider, names));
    for (const [name, block] of Object.entries(providerBlock.block_types!)) {
      const theirs = aws.provider.block_types![name];
      expect({ name, nesting: block.nesting_mode }).toEqual({ name, nesting: theirs.nesting_mode });
      expect(shapes(block.block)).toEqual(shapes(theirs.block, Object.keys(block.block.attributes!)));
    }
  });
});
