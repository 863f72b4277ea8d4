/**
 * The shape of a saved plan, checked after its checksum: a file whose checksum was recomputed
 * over a malformed body must fail here with the field named, not deep inside the applier.
 * Objects are not strict, so a field added by a later change of the model does not break it.
 */
import { z } from 'zod';
import { firstSchemaIssue } from '../schema-issue';

const tags = z.record(z.string(), z.string());
const commitment = z.enum(['OneMonth', 'SixMonths']);
const timeouts = z.object({ create: z.string().optional(), update: z.string().optional(), delete: z.string().optional() });

const attributes = z.object({
  provisioned_model_name: z.string(),
  model_arn: z.string(),
  model_units: z.number().int().positive(),
  commitment_duration: commitment.nullable(),
  tags,
  tags_all: tags,
  provisioned_model_arn: z.string().nullable(),
  id: z.string().nullable(),
});

const change = z.object({
  address: z.string().min(1),
  action: z.enum(['create', 'update', 'delete-then-create', 'create-then-delete', 'delete', 'no-op']),
  reasons: z.array(z.string()),
  explanations: z.array(z.string()),
  before: attributes.nullable(),
  after: attributes.nullable(),
  attributes: z.array(z.object({ attribute: z.string(), forcesReplacement: z.boolean() })),
  update: z.object({ rename: z.string().optional(), modelId: z.string().optional(), tagsToSet: tags, tagKeysToRemove: z.array(z.string()) }).optional(),
  arn: z.string().optional(),
  createModelId: z.string().optional(),
  importing: z.object({ id: z.string() }).optional(),
  movedFrom: z.string().optional(),
  deposed: z.string().optional(),
  blocked: z.boolean(),
  commitment: z.object({ addedUnitHours: z.number(), endedUnitHours: z.number(), termEnd: z.string().optional() }),
  timeouts,
});

const provider = z.object({
  alias: z.string().optional(),
  region: z.string().min(1),
  profile: z.string().optional(),
  assumeRole: z.object({ roleArn: z.string(), sessionName: z.string().optional(), externalId: z.string().optional() }).optional(),
  bedrockEndpoint: z.string().optional(),
  stsEndpoint: z.string().optional(),
  serviceQuotasEndpoint: z.string().optional(),
  defaultTags: tags,
});

const configSource = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('app'), projectDir: z.string().min(1), app: z.string() }),
  z.object({ kind: z.literal('synth-dir'), synthDir: z.string().min(1) }),
]);

const stackPlan = z.object({
  stack: z.string().min(1),
  target: z.object({ provider, statePath: z.string().min(1), config: configSource.optional() }).optional(),
  account: z.string(),
  region: z.string(),
  state: z.object({ lineage: z.string(), serial: z.number().int().nonnegative() }),
  configFingerprint: z.string(),
  ptFingerprints: z.record(z.string(), z.string()),
  changes: z.array(change),
  drift: z.array(z.object({ address: z.string(), kind: z.enum(['changed', 'gone']), arn: z.string() })),
  diagnostics: z.array(z.object({ severity: z.enum(['error', 'warning', 'note']), code: z.string(), summary: z.string() })),
  commitment: z.object({ addedUnitHours: z.number(), endedUnitHours: z.number() }),
  applyable: z.boolean(),
});

export const planFileSchema = z.object({
  format: z.string(),
  formatVersion: z.number().int(),
  tool: z.string(),
  stacks: z.array(stackPlan),
  sha256: z.string(),
  signature: z.string().optional(),
});

/** The first problem with the shape, as "path: message", or undefined when the shape is right. */
export function planFileShapeProblem(raw: unknown): string | undefined {
  const result = planFileSchema.safeParse(raw);
  return result.success ? undefined : firstSchemaIssue(result.error);
}
