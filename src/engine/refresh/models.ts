/** Model facts: one cached lookup per distinct model identifier per account and region. */
import { GetCustomModelCommand, GetFoundationModelCommand, type BedrockClient } from '@aws-sdk/client-bedrock';
import type { ModelFacts } from '../model';
import { canonicalModelKey, isCustomModelIdentifier } from '../pt/model-identity';
import { explainAwsError, isNotFound } from '../aws/errors';
import { modelDisplayName } from '../rules/model-unit-quotas';

/** Shared across the stacks of one run so a model used by three stacks in one account is read once. */
export class ModelFactsCache {
  private readonly entries = new Map<string, Promise<ModelFacts>>();

  /** `scope` is "account|region"; a foundation-model ID and its ARN share one lookup. */
  async get(bedrock: BedrockClient, scope: string, identifier: string): Promise<ModelFacts> {
    const region = scope.split('|')[1] ?? '';
    const key = `${scope}|${canonicalModelKey(identifier, region)}`;
    let facts = this.entries.get(key);
    if (!facts) {
      facts = lookupModel(bedrock, identifier);
      this.entries.set(key, facts);
    }
    return { ...(await facts), identifier };
  }
}

async function lookupModel(bedrock: BedrockClient, identifier: string): Promise<ModelFacts> {
  try {
    return isCustomModelIdentifier(identifier) ? await lookupCustomModel(bedrock, identifier) : await lookupFoundationModel(bedrock, identifier);
  } catch (err) {
    if (isNotFound(err) || (err as Error)?.name === 'ValidationException') return { identifier, exists: false };
    throw explainAwsError(err, {}, isCustomModelIdentifier(identifier) ? 'GetCustomModel' : 'GetFoundationModel', identifier);
  }
}

async function lookupFoundationModel(bedrock: BedrockClient, identifier: string): Promise<ModelFacts> {
  const out = await bedrock.send(new GetFoundationModelCommand({ modelIdentifier: identifier }));
  const details = out.modelDetails;
  if (!details?.modelArn) return { identifier, exists: false };
  const status = details.modelLifecycle?.status;
  return {
    identifier,
    exists: true,
    kind: 'foundation',
    arn: details.modelArn,
    baseModelArn: details.modelArn,
    lifecycle: status === 'LEGACY' ? 'LEGACY' : status === 'ACTIVE' || status === undefined ? 'ACTIVE' : 'INACTIVE',
    endOfLifeTime: details.modelLifecycle?.endOfLifeTime?.toISOString(),
    supportsProvisioned: (details.inferenceTypesSupported ?? []).includes('PROVISIONED'),
    displayName: modelDisplayName({ providerName: details.providerName, modelName: details.modelName, modelId: details.modelId ?? identifier }),
  };
}

async function lookupCustomModel(bedrock: BedrockClient, identifier: string): Promise<ModelFacts> {
  const out = await bedrock.send(new GetCustomModelCommand({ modelIdentifier: identifier }));
  if (!out.modelArn) return { identifier, exists: false };
  return {
    identifier,
    exists: true,
    kind: 'custom',
    arn: out.modelArn,
    baseModelArn: out.baseModelArn,
    lifecycle: out.modelStatus === undefined || out.modelStatus === 'Active' ? 'ACTIVE' : 'INACTIVE',
    supportsProvisioned: true,
  };
}
