/**
 * The contract's schemas in tfplugin6's shape, and the cty type a block's values have (which is
 * what the codec decodes DynamicValues by).
 */
import type { AttributeSchema, BlockSchema, CtyType, NestedBlockSchema } from '../contract';

export interface ProtoAttribute {
  name: string;
  type: Buffer;
  description: string;
  required: boolean;
  optional: boolean;
  computed: boolean;
  sensitive: boolean;
  description_kind: 'PLAIN';
}

export interface ProtoBlock {
  version: number;
  attributes: ProtoAttribute[];
  block_types: ProtoNestedBlock[];
  description: string;
  description_kind: 'PLAIN';
}

export interface ProtoNestedBlock {
  type_name: string;
  block: ProtoBlock;
  nesting: 'SINGLE' | 'LIST' | 'SET' | 'MAP' | 'GROUP';
  min_items: number;
  max_items: number;
}

export interface ProtoSchema {
  version: number;
  block: ProtoBlock;
}

export function toProtoSchema(block: BlockSchema, version = 0): ProtoSchema {
  return { version, block: toProtoBlock(block, version) };
}

function toProtoBlock(block: BlockSchema, version: number): ProtoBlock {
  return {
    version,
    attributes: block.attributes.map(toProtoAttribute),
    block_types: (block.blocks ?? []).map((nested) => toProtoNestedBlock(nested, version)),
    description: block.description ?? '',
    description_kind: 'PLAIN',
  };
}

function toProtoAttribute(attribute: AttributeSchema): ProtoAttribute {
  return {
    name: attribute.name,
    // Terraform reads an attribute's type as cty's JSON type constraint.
    type: Buffer.from(JSON.stringify(attribute.type)),
    description: attribute.description ?? '',
    required: attribute.required ?? false,
    optional: attribute.optional ?? false,
    computed: attribute.computed ?? false,
    sensitive: attribute.sensitive ?? false,
    description_kind: 'PLAIN',
  };
}

function toProtoNestedBlock(nested: NestedBlockSchema, version: number): ProtoNestedBlock {
  return {
    type_name: nested.typeName,
    block: toProtoBlock(nested.block, version),
    nesting: nested.nesting.toUpperCase() as ProtoNestedBlock['nesting'],
    min_items: nested.minItems ?? 0,
    max_items: nested.maxItems ?? 0,
  };
}

/** The object type of a block's value: its attributes, and each nested block by its nesting mode. */
export function blockType(block: BlockSchema): CtyType {
  const attributes: Record<string, CtyType> = {};
  for (const attribute of block.attributes) attributes[attribute.name] = attribute.type;
  for (const nested of block.blocks ?? []) {
    const inner = blockType(nested.block);
    attributes[nested.typeName] = nested.nesting === 'single' || nested.nesting === 'group' ? inner : [nested.nesting, inner];
  }
  return ['object', attributes];
}
