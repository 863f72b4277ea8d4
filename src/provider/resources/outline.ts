/**
 * What Terraform asks of the provider before it configures it: the schemas (GetProviderSchema) and
 * config validation. Terraform starts the provider three or four times per command and two of
 * those starts ask only this, so it is kept apart from everything that reads AWS: the provider
 * executable serves it from its own bundle and loads the rest (and the SDK) only when a call needs it.
 */
import type { CtyObject, ProviderDiagnostic, ResourceType } from '../contract';
import { assumeRoleDiagnostics, PROVIDER_SCHEMA } from './provider-schema';
import { PT_RESOURCE_TYPE } from '../../engine/model/desired';
import { PT_SCHEMA, PT_SCHEMA_VERSION, PT_TYPE_NAME } from './pt-schema';
import { validatePtConfig } from './validate';
import { recordWrittenModel, writtenModelsFile } from './written-models';

/** A resource type as far as the outline knows it: everything but the calls that need a configured provider. */
export type ResourceOutline = Pick<ResourceType, 'typeName' | 'schemaVersion' | 'schema' | 'movableFrom' | 'validate'>;

export interface ProviderOutline {
  providerSchema: typeof PROVIDER_SCHEMA;
  resources: ResourceOutline[];
  validateConfig(config: CtyObject): ProviderDiagnostic[];
}

export interface OutlineOptions {
  env?: NodeJS.ProcessEnv;
  workingDir?: string;
}

export function ptResourceOutline(options: OutlineOptions = {}): ResourceOutline {
  return {
    typeName: PT_TYPE_NAME,
    schemaVersion: PT_SCHEMA_VERSION,
    schema: PT_SCHEMA,
    movableFrom: [PT_RESOURCE_TYPE],
    validate: (config) => {
      recordWrittenModel(writtenModelsFile(options.workingDir ?? process.cwd(), options.env ?? process.env), config);
      return validatePtConfig(config);
    },
  };
}

export function providerOutline(options: OutlineOptions = {}): ProviderOutline {
  return {
    providerSchema: PROVIDER_SCHEMA,
    resources: [ptResourceOutline(options)],
    // Unknown values and a region from the environment are settled at configure; only the block's shape is checked here.
    validateConfig: (config) => assumeRoleDiagnostics(config),
  };
}
