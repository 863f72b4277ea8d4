/**
 * The seeded foundation-model catalog. Provisioned Throughput is sold for specific context-length
 * variants (`...:0:200k`); the plain IDs are on-demand only and must be refused for a PT.
 */

export type InferenceType = 'ON_DEMAND' | 'PROVISIONED';

export interface FoundationModelSeed {
  modelId: string;
  modelName: string;
  providerName: string;
  inputModalities: string[];
  outputModalities: string[];
  inferenceTypesSupported: InferenceType[];
  customizationsSupported: string[];
  responseStreamingSupported: boolean;
  lifecycle: 'ACTIVE' | 'LEGACY';
  /** ISO-8601; set for LEGACY models. */
  endOfLifeTime?: string;
  /** ISO-8601; set for LEGACY models. */
  legacyTime?: string;
}

const text = (
  modelId: string,
  modelName: string,
  providerName: string,
  inference: InferenceType[],
  extra: Partial<FoundationModelSeed> = {},
): FoundationModelSeed => ({
  modelId,
  modelName,
  providerName,
  inputModalities: ['TEXT'],
  outputModalities: ['TEXT'],
  inferenceTypesSupported: inference,
  customizationsSupported: [],
  responseStreamingSupported: true,
  lifecycle: 'ACTIVE',
  ...extra,
});

/** Real model IDs; the same catalog is offered in every region. */
export const DEFAULT_FOUNDATION_MODELS: FoundationModelSeed[] = [
  text('anthropic.claude-3-haiku-20240307-v1:0', 'Claude 3 Haiku', 'Anthropic', ['ON_DEMAND'], { inputModalities: ['TEXT', 'IMAGE'] }),
  text('anthropic.claude-3-haiku-20240307-v1:0:200k', 'Claude 3 Haiku', 'Anthropic', ['PROVISIONED'], { inputModalities: ['TEXT', 'IMAGE'] }),
  text('anthropic.claude-3-haiku-20240307-v1:0:48k', 'Claude 3 Haiku', 'Anthropic', ['PROVISIONED'], { inputModalities: ['TEXT', 'IMAGE'] }),
  text('anthropic.claude-3-sonnet-20240229-v1:0', 'Claude 3 Sonnet', 'Anthropic', ['ON_DEMAND'], { inputModalities: ['TEXT', 'IMAGE'] }),
  text('anthropic.claude-3-sonnet-20240229-v1:0:200k', 'Claude 3 Sonnet', 'Anthropic', ['PROVISIONED'], { inputModalities: ['TEXT', 'IMAGE'] }),
  text('anthropic.claude-v2:1', 'Claude', 'Anthropic', ['ON_DEMAND'], {
    lifecycle: 'LEGACY',
    legacyTime: '2025-01-21T00:00:00.000Z',
    endOfLifeTime: '2025-07-21T00:00:00.000Z',
  }),
  text('anthropic.claude-v2:1:200k', 'Claude', 'Anthropic', ['PROVISIONED'], {
    lifecycle: 'LEGACY',
    legacyTime: '2025-01-21T00:00:00.000Z',
    endOfLifeTime: '2025-07-21T00:00:00.000Z',
  }),
  text('amazon.titan-text-express-v1', 'Titan Text G1 - Express', 'Amazon', ['ON_DEMAND'], {
    customizationsSupported: ['FINE_TUNING', 'CONTINUED_PRE_TRAINING'],
  }),
  text('amazon.titan-text-express-v1:0:8k', 'Titan Text G1 - Express', 'Amazon', ['PROVISIONED'], {
    customizationsSupported: ['FINE_TUNING', 'CONTINUED_PRE_TRAINING'],
  }),
  text('amazon.titan-embed-text-v1', 'Titan Embeddings G1 - Text', 'Amazon', ['ON_DEMAND'], {
    outputModalities: ['EMBEDDING'],
    responseStreamingSupported: false,
  }),
  text('amazon.titan-embed-text-v1:2:8k', 'Titan Embeddings G1 - Text', 'Amazon', ['PROVISIONED'], {
    outputModalities: ['EMBEDDING'],
    responseStreamingSupported: false,
  }),
  text('meta.llama3-1-8b-instruct-v1:0', 'Llama 3.1 8B Instruct', 'Meta', ['ON_DEMAND'], { customizationsSupported: ['FINE_TUNING'] }),
  text('meta.llama3-1-8b-instruct-v1:0:128k', 'Llama 3.1 8B Instruct', 'Meta', ['PROVISIONED'], { customizationsSupported: ['FINE_TUNING'] }),
];

export function foundationModelArn(region: string, modelId: string): string {
  return `arn:aws:bedrock:${region}::foundation-model/${modelId}`;
}

const FOUNDATION_ARN = /^arn:aws(?:-[^:]+)?:bedrock:([a-z0-9-]{1,20})::foundation-model\/(.+)$/;

/** Looks a foundation model up by ID or ARN; an ARN for another region does not resolve. */
export function findFoundationModel(catalog: FoundationModelSeed[], identifier: string, region: string): FoundationModelSeed | undefined {
  const arn = FOUNDATION_ARN.exec(identifier);
  if (arn && arn[1] !== region) return undefined;
  const modelId = arn ? arn[2] : identifier;
  return catalog.find((m) => m.modelId === modelId);
}

export function isFoundationModelArn(identifier: string): boolean {
  return FOUNDATION_ARN.test(identifier);
}

export function foundationModelDetails(model: FoundationModelSeed, region: string): Record<string, unknown> {
  return {
    modelArn: foundationModelArn(region, model.modelId),
    modelId: model.modelId,
    modelName: model.modelName,
    providerName: model.providerName,
    inputModalities: model.inputModalities,
    outputModalities: model.outputModalities,
    responseStreamingSupported: model.responseStreamingSupported,
    customizationsSupported: model.customizationsSupported,
    inferenceTypesSupported: model.inferenceTypesSupported,
    modelLifecycle: {
      status: model.lifecycle,
      ...(model.legacyTime ? { legacyTime: model.legacyTime } : {}),
      ...(model.endOfLifeTime ? { endOfLifeTime: model.endOfLifeTime } : {}),
    },
  };
}
