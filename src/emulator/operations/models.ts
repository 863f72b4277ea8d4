/** Foundation and custom model reads, and the model resolution PT operations rely on. */
import { findFoundationModel, foundationModelArn, foundationModelDetails, isFoundationModelArn, type FoundationModelSeed } from '../catalog';
import type { Caller, Cloud, Handler } from '../context';
import { isoTime, notFound } from '../protocol';
import type { CustomModelRecord } from '../store';
import { paginate } from './pagination';

export type ResolvedModel =
  | { kind: 'foundation'; arn: string; foundationModelArn: string; model: FoundationModelSeed }
  | { kind: 'custom'; arn: string; foundationModelArn: string; model: CustomModelRecord };

const CUSTOM_ARN = /^arn:aws(?:-[^:]+)?:bedrock:([a-z0-9-]{1,20}):(\d{12}):custom-model\//;

export function customModelArn(region: string, account: string, baseModelId: string, id: string): string {
  return `arn:aws:bedrock:${region}:${account}:custom-model/${baseModelId}/${id}`;
}

export function customModelsInScope(cloud: Cloud, caller: Caller): CustomModelRecord[] {
  return Object.values(cloud.state.current.customModels).filter((m) => m.account === caller.account && m.region === caller.region);
}

/** A custom model by ARN or by name, visible only to its own account and region. */
export function findCustomModel(cloud: Cloud, caller: Caller, identifier: string): CustomModelRecord | undefined {
  const byArn = CUSTOM_ARN.test(identifier);
  return customModelsInScope(cloud, caller).find((m) => (byArn ? m.arn : m.name) === identifier);
}

/** Resolves a ModelIdentifier (foundation ID/ARN, custom ARN/name) or throws ResourceNotFoundException. */
export function resolveModel(cloud: Cloud, caller: Caller, identifier: string): ResolvedModel {
  if (!CUSTOM_ARN.test(identifier)) {
    const foundation = findFoundationModel(cloud.catalog, identifier, caller.region);
    if (foundation) {
      const arn = foundationModelArn(caller.region, foundation.modelId);
      return { kind: 'foundation', arn, foundationModelArn: arn, model: foundation };
    }
    if (isFoundationModelArn(identifier)) throw notFound(`The model ${identifier} does not exist in ${caller.region}.`);
  }
  const custom = findCustomModel(cloud, caller, identifier);
  if (!custom) throw notFound(`The model ${identifier} does not exist.`);
  return { kind: 'custom', arn: custom.arn, foundationModelArn: custom.baseModelArn, model: custom };
}

function customModelView(model: CustomModelRecord, detailed: boolean): Record<string, unknown> {
  // baseModelName is a ModelName (`provider.model-version`), without the `:0:8k` version suffix of the model ID.
  const base = model.baseModelArn.split('/').pop()!.split(':')[0];
  return {
    modelArn: model.arn,
    modelName: model.name,
    creationTime: isoTime(model.creationTime),
    baseModelArn: model.baseModelArn,
    customizationType: model.customizationType,
    modelStatus: 'Active',
    ...(detailed ? {} : { baseModelName: base, ownerAccountId: model.account }),
  };
}

export const getFoundationModel: Handler = (cloud, caller, input) => {
  const model = findFoundationModel(cloud.catalog, input.modelIdentifier as string, caller.region);
  if (!model) throw notFound(`The foundation model ${String(input.modelIdentifier)} does not exist.`);
  return { body: { modelDetails: foundationModelDetails(model, caller.region) }, mutated: false };
};

export const listFoundationModels: Handler = (cloud, caller, input) => {
  const provider = (input.byProvider as string | undefined)?.toLowerCase();
  const models = cloud.catalog.filter(
    (m) =>
      (!provider || m.providerName.toLowerCase() === provider) &&
      (!input.byCustomizationType || m.customizationsSupported.includes(input.byCustomizationType as string)) &&
      (!input.byOutputModality || m.outputModalities.includes(input.byOutputModality as string)) &&
      (!input.byInferenceType || m.inferenceTypesSupported.includes(input.byInferenceType as 'PROVISIONED')),
  );
  return { body: { modelSummaries: models.map((m) => foundationModelDetails(m, caller.region)) }, mutated: false };
};

export const getCustomModel: Handler = (cloud, caller, input) => {
  const model = findCustomModel(cloud, caller, input.modelIdentifier as string);
  if (!model) throw notFound(`The custom model ${String(input.modelIdentifier)} does not exist.`);
  return { body: customModelView(model, true), mutated: false };
};

export const listCustomModels: Handler = (cloud, caller, input) => {
  const nameContains = input.nameContains as string | undefined;
  const models = customModelsInScope(cloud, caller).filter(
    (m) =>
      (input.creationTimeAfter === undefined || m.creationTime > (input.creationTimeAfter as number)) &&
      (input.creationTimeBefore === undefined || m.creationTime < (input.creationTimeBefore as number)) &&
      (!nameContains || m.name.includes(nameContains)) &&
      (!input.baseModelArnEquals || m.baseModelArn === input.baseModelArnEquals) &&
      (!input.foundationModelArnEquals || m.baseModelArn === input.foundationModelArnEquals) &&
      (input.modelStatus === undefined || input.modelStatus === 'Active') &&
      input.isOwned !== false,
  );
  const page = paginate(models, input, (m) => [m.creationTime, m.seq]);
  return { body: { modelSummaries: page.items.map((m) => customModelView(m, false)), ...page.next }, mutated: false };
};
