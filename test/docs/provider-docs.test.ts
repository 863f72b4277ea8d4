/**
 * The provider's Registry-style pages list exactly what its schema declares: every argument,
 * attribute and timeout the docs name exists, every one the schema has is documented, and
 * "(Required)"/"(Optional)" agree with the schema. Adding an attribute without its line in the
 * docs, or documenting one that is gone, fails here.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BlockSchema } from '../../src/provider/contract';
import { PROVIDER_SCHEMA } from '../../src/provider/resources/provider-schema';
import { PT_SCHEMA } from '../../src/provider/resources/pt-schema';
import { documentationFiles, hclArguments, listedNames, ROOT, section, type ListedName } from './markdown';

const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');

/** Arguments a user writes (top level, and `block.name` inside blocks), with Required/Optional; and computed-only attributes. */
function schemaNames(schema: BlockSchema, skipBlocks: string[] = []): { args: ListedName[]; computed: string[] } {
  const kind = (a: { required?: boolean }) => (a.required ? 'Required' : 'Optional');
  const args: ListedName[] = schema.attributes.filter((a) => a.required || a.optional).map((a) => ({ name: a.name, kind: kind(a) }));
  const computed = schema.attributes.filter((a) => a.computed && !a.required && !a.optional).map((a) => a.name);
  for (const block of (schema.blocks ?? []).filter((b) => !skipBlocks.includes(b.typeName))) {
    args.push({ name: block.typeName, kind: (block.minItems ?? 0) > 0 ? 'Required' : 'Optional' });
    for (const a of block.block.attributes) args.push({ name: `${block.typeName}.${a.name}`, kind: a.required || a.optional ? kind(a) : undefined });
  }
  return { args, computed };
}

const byName = (names: ListedName[]) => [...names].sort((a, b) => a.name.localeCompare(b.name));

describe('docs/index.md', () => {
  const doc = read('docs/index.md');

  it('lists every provider argument and block of the schema, and nothing else, as Required or Optional as declared', () => {
    expect(byName(listedNames(section(doc, 'Argument Reference')))).toEqual(byName(schemaNames(PROVIDER_SCHEMA).args));
  });

  it('has the sections the Registry renders for a provider', () => {
    for (const title of ['Example Usage', 'Authentication', 'Argument Reference']) expect(() => section(doc, title)).not.toThrow();
  });
});

describe('docs/resources/provisioned_model_throughput.md', () => {
  const doc = read('docs/resources/provisioned_model_throughput.md');
  const schema = schemaNames(PT_SCHEMA, ['timeouts']);

  it('lists every argument of the resource, and nothing else, as Required or Optional as declared', () => {
    expect(byName(listedNames(section(doc, 'Argument Reference')))).toEqual(byName(schema.args));
  });

  it('lists every computed attribute, and nothing else, under Attribute Reference', () => {
    expect(
      listedNames(section(doc, 'Attribute Reference'))
        .map((n) => n.name)
        .sort(),
    ).toEqual([...schema.computed].sort());
  });

  it("lists the timeouts block's operations under Timeouts", () => {
    const timeouts = PT_SCHEMA.blocks!.find((b) => b.typeName === 'timeouts')!;
    expect(
      listedNames(section(doc, 'Timeouts'))
        .map((n) => n.name)
        .sort(),
    ).toEqual(timeouts.block.attributes.map((a) => a.name).sort());
  });

  it('has the sections the Registry renders for a resource, and imports into the resource type the provider serves', () => {
    for (const title of ['Example Usage', 'Argument Reference', 'Attribute Reference', 'Timeouts', 'Import']) expect(() => section(doc, title)).not.toThrow();
    expect(section(doc, 'Import')).toContain('terraform import bedrockpt_provisioned_model_throughput.');
  });
});

describe('the HCL examples of README and docs/', () => {
  const names = (schema: BlockSchema) => {
    const { args, computed } = schemaNames(schema);
    return new Set([...args.map((a) => a.name), ...computed]);
  };
  const provider = names(PROVIDER_SCHEMA);
  // Terraform's own meta-arguments may appear in any resource block.
  const resource = new Set([...names(PT_SCHEMA), 'count', 'for_each', 'depends_on', 'provider', 'lifecycle']);
  const blocks = documentationFiles().map((file) => ({ file, md: read(file) }));

  it('set only arguments the provider block has', () => {
    const used = blocks.flatMap(({ file, md }) => hclArguments(md, /^provider "bedrockpt"/).map((name) => ({ file, name })));
    expect(used.map((u) => u.name)).toEqual(expect.arrayContaining(['region', 'endpoints.bedrock', 'default_tags.tags']));
    expect(used.filter((u) => !provider.has(u.name))).toEqual([]);
  });

  it('set only arguments the resource has', () => {
    const used = blocks.flatMap(({ file, md }) => hclArguments(md, /^resource "bedrockpt_provisioned_model_throughput"/).map((name) => ({ file, name })));
    expect(used.map((u) => u.name)).toEqual(expect.arrayContaining(['provisioned_model_name', 'model_units', 'tags', 'timeouts.create']));
    expect(used.filter((u) => !resource.has(u.name) && !u.name.startsWith('lifecycle.'))).toEqual([]);
  });
});

describe('the reader of those pages', () => {
  it('reads names, blocks and Required/Optional as a Registry page writes them', () => {
    const text = '* `region` - (Optional) AWS region.\n* `id` - The ARN.\n\n### assume_role\n\n* `role_arn` - (Required) The role.\n';
    expect(listedNames(text)).toEqual([
      { name: 'region', kind: 'Optional' },
      { name: 'id', kind: undefined },
      { name: 'assume_role.role_arn', kind: 'Required' },
    ]);
  });

  it('reads the names an HCL block sets, nested blocks included, map keys left out', () => {
    const hcl =
      '```hcl\nprovider "bedrockpt" {\n  region = "x"  # a comment = y\n  default_tags { tags = { Owner = "me", env = "dev" } }\n  tags_map = {\n    team = "a"\n  }\n  endpoints {\n    sts = "u"\n  }\n}\n```\n';
    expect(hclArguments(hcl, /^provider "bedrockpt"/)).toEqual(['region', 'default_tags', 'default_tags.tags', 'tags_map', 'endpoints', 'endpoints.sts']);
  });
});
