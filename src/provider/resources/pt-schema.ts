/**
 * The schema of `bedrockpt_provisioned_model_throughput`: the arguments and attribute names of
 * hashicorp/aws's `aws_bedrock_provisioned_model_throughput` (so a `moved` block and the user's
 * habits carry over), plus what Bedrock reports that the planner relies on.
 */
import type { AttributeSchema, BlockSchema } from '../contract';
import { BEDROCKPT_ONLY_ATTRIBUTES, BEDROCKPT_PT_ATTRIBUTES } from '../../engine/pt/attributes';

export const PT_TYPE_NAME = 'bedrockpt_provisioned_model_throughput';
export const PT_SCHEMA_VERSION = 0;

/** Computed attributes bedrock-pt adds to the AWS provider's set. */
export const EXTRA_COMPUTED = BEDROCKPT_ONLY_ATTRIBUTES;

/** Type, mode and description of each attribute the table (engine/pt/attributes) gives this schema. */
const ATTRIBUTES: Record<(typeof BEDROCKPT_PT_ATTRIBUTES)[number], Omit<AttributeSchema, 'name'>> = {
  commitment_duration: { type: 'string', optional: true, description: 'OneMonth or SixMonths; omit for no commitment (custom models only).' },
  id: { type: 'string', computed: true, description: 'The provisioned model ARN.' },
  model_arn: { type: 'string', required: true, description: 'Foundation-model ID or ARN, or custom-model ARN.' },
  model_units: { type: 'number', required: true, description: 'Model units to buy; changing it needs a new PT.' },
  provisioned_model_arn: { type: 'string', computed: true },
  provisioned_model_name: { type: 'string', required: true, description: 'Unique per account and region; renamed in place.' },
  tags: { type: ['map', 'string'], optional: true },
  tags_all: { type: ['map', 'string'], computed: true, description: "tags merged over the provider's default_tags." },
  status: { type: 'string', computed: true, description: 'Creating, InService, Updating or Failed.' },
  commitment_expiration_time: { type: 'string', computed: true, description: 'End of the commitment term (RFC 3339); before it the PT cannot be deleted.' },
  foundation_model_arn: { type: 'string', computed: true, description: 'The foundation model the PT serves, or its custom model derives from.' },
};

export const PT_SCHEMA: BlockSchema = {
  description:
    'Amazon Bedrock Provisioned Throughput, planned by bedrock-pt: renames, tag changes and custom-model swaps happen in place, and a PT whose commitment has not ended is never replaced or destroyed.',
  attributes: BEDROCKPT_PT_ATTRIBUTES.map((name) => ({ name, ...ATTRIBUTES[name] })),
  blocks: [
    {
      typeName: 'timeouts',
      nesting: 'single',
      block: {
        attributes: [
          { name: 'create', type: 'string', optional: true, description: 'How long to wait for InService after a create, e.g. "60m".' },
          { name: 'update', type: 'string', optional: true, description: 'How long to wait for InService after a model swap or rename.' },
          { name: 'delete', type: 'string', optional: true, description: 'How long to wait for the PT to be gone.' },
        ],
      },
    },
  ],
};

/** Every attribute and block name of a state object. */
export const PT_ATTRIBUTE_NAMES: string[] = [...BEDROCKPT_PT_ATTRIBUTES, 'timeouts'];
