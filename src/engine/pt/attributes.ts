/**
 * The one table of a PT resource's attributes, and where each exists: hashicorp/aws's
 * `aws_bedrock_provisioned_model_throughput` schema (6.x), bedrock-pt's own provider schema,
 * the plan's attribute values (PtAttributes), and what a construct's `ignoreChanges` may name.
 * Every list of attribute names is read from here, in this order (the schema's, which
 * messages print).
 */
interface AttributeRow {
  /** In hashicorp/aws's resource schema. */
  aws: boolean;
  /** In bedrockpt_provisioned_model_throughput's schema (as an attribute, or the timeouts block). */
  bedrockpt: boolean;
  /** Carried by the plan's PtAttributes and compared by the planner. */
  planned: boolean;
  /** May be named by a construct's ignoreChanges (the values only known after create may not). */
  ignorable: boolean;
  /** A nested block rather than an attribute. */
  block?: boolean;
}

export const PT_ATTRIBUTE_TABLE = {
  commitment_duration: { aws: true, bedrockpt: true, planned: true, ignorable: true },
  id: { aws: true, bedrockpt: true, planned: true, ignorable: false },
  model_arn: { aws: true, bedrockpt: true, planned: true, ignorable: true },
  model_units: { aws: true, bedrockpt: true, planned: true, ignorable: true },
  provisioned_model_arn: { aws: true, bedrockpt: true, planned: true, ignorable: false },
  provisioned_model_name: { aws: true, bedrockpt: true, planned: true, ignorable: true },
  region: { aws: true, bedrockpt: false, planned: false, ignorable: true },
  tags: { aws: true, bedrockpt: true, planned: true, ignorable: true },
  tags_all: { aws: true, bedrockpt: true, planned: true, ignorable: true },
  timeouts: { aws: true, bedrockpt: true, planned: false, ignorable: true, block: true },
  // What Bedrock reports that the planner relies on; bedrock-pt's provider adds them as computed.
  status: { aws: false, bedrockpt: true, planned: false, ignorable: false },
  commitment_expiration_time: { aws: false, bedrockpt: true, planned: false, ignorable: false },
  foundation_model_arn: { aws: false, bedrockpt: true, planned: false, ignorable: false },
} as const satisfies Record<string, AttributeRow>;

export type PtTableAttribute = keyof typeof PT_ATTRIBUTE_TABLE;

type Where<K extends keyof AttributeRow> = {
  [N in PtTableAttribute]: (typeof PT_ATTRIBUTE_TABLE)[N] extends Record<K, true> ? N : never;
}[PtTableAttribute];

function namesWhere<N extends PtTableAttribute>(keep: (row: AttributeRow) => boolean): N[] {
  return (Object.entries(PT_ATTRIBUTE_TABLE) as [PtTableAttribute, AttributeRow][]).filter(([, row]) => keep(row)).map(([name]) => name as N);
}

/** hashicorp/aws's attribute and block names: what ignore_changes in synthesized config may name. */
export const AWS_PT_ATTRIBUTES: readonly Where<'aws'>[] = namesWhere((row) => row.aws);

/** The attributes of bedrock-pt's provider schema (the timeouts block excluded). */
export const BEDROCKPT_PT_ATTRIBUTES: readonly Exclude<Where<'bedrockpt'>, Where<'block'>>[] = namesWhere((row) => row.bedrockpt && !row.block);

/** The computed attributes bedrock-pt's provider adds to hashicorp/aws's set. */
export const BEDROCKPT_ONLY_ATTRIBUTES: readonly Exclude<Where<'bedrockpt'>, Where<'aws'>>[] = namesWhere((row) => row.bedrockpt && !row.aws);

/** The attributes a plan carries and compares (PtAttributes' keys). */
export const PLANNED_PT_ATTRIBUTES: readonly Where<'planned'>[] = namesWhere((row) => row.planned);

/** What a construct's ignoreChanges may name. */
export const IGNORABLE_PT_ATTRIBUTES: readonly Where<'ignorable'>[] = namesWhere((row) => row.ignorable);
