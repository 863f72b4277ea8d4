/**
 * MoveResourceState and UpgradeResourceState: pure conversions of raw JSON state (Terraform calls
 * them while planning). A `moved` block from hashicorp/aws's aws_bedrock_provisioned_model_throughput
 * keeps the same PT: the attribute names are the same, and what the AWS provider does not record
 * (status, commitment end, foundation model) is filled in by the next read.
 */
import type { CtyObject, CtyValue, MoveRequest, ProviderDiagnostic } from '../contract';
import { PT_RESOURCE_TYPE } from '../../engine/model';
import { errorDiagnostic } from './diagnostics';
import { PT_SCHEMA_VERSION, PT_TYPE_NAME } from './pt-schema';
import { completeObject } from './state-object';

const AWS_PROVIDER = /^(registry\.terraform\.io\/)?hashicorp\/aws$/;

/** JSON state values as cty values: the shapes are the same for this schema's types. */
function toCty(value: unknown): CtyValue {
  if (value === undefined || value === null) return null;
  if (Array.isArray(value)) return value.map(toCty);
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, toCty(v)]));
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return null;
}

function timeoutsFrom(value: unknown): CtyValue {
  if (!value || typeof value !== 'object') return null;
  const raw = value as Record<string, unknown>;
  return { create: toCty(raw.create), update: toCty(raw.update), delete: toCty(raw.delete) };
}

function objectFrom(raw: Record<string, unknown>): CtyObject {
  const values: Record<string, CtyValue> = {};
  for (const [key, value] of Object.entries(raw)) values[key] = key === 'timeouts' ? timeoutsFrom(value) : toCty(value);
  const object = completeObject(values);
  object.id = object.id ?? object.provisioned_model_arn;
  return object;
}

export function upgradeState(version: number, raw: Record<string, unknown>): { upgraded: CtyObject | null; diagnostics: ProviderDiagnostic[] } {
  if (version > PT_SCHEMA_VERSION) {
    return {
      upgraded: null,
      diagnostics: [
        errorDiagnostic(
          `This state was written by a newer bedrockpt provider (schema version ${version}, this one knows ${PT_SCHEMA_VERSION})`,
          'Use that provider version or a newer one.',
        ),
      ],
    };
  }
  return { upgraded: objectFrom(raw), diagnostics: [] };
}

/** `region` is the provider's, not the resource's; a source state in another region would name a PT this provider cannot reach. */
export function moveState(request: MoveRequest, providerRegion: string | undefined): { target: CtyObject | null; diagnostics: ProviderDiagnostic[] } {
  if (request.sourceTypeName !== PT_RESOURCE_TYPE || !AWS_PROVIDER.test(request.sourceProviderAddress)) {
    return {
      target: null,
      diagnostics: [
        errorDiagnostic(
          `Cannot move ${request.sourceProviderAddress} ${request.sourceTypeName} to ${PT_TYPE_NAME}`,
          `Only hashicorp/aws's ${PT_RESOURCE_TYPE} moves to this resource type.`,
        ),
      ],
    };
  }
  const { region, ...attributes } = request.sourceState;
  if (typeof region === 'string' && region && providerRegion && region !== providerRegion) {
    return {
      target: null,
      diagnostics: [
        errorDiagnostic(
          `Cannot move a Provisioned Throughput of region ${region} to a bedrockpt provider for ${providerRegion}`,
          'Move it to a resource of a bedrockpt provider configured for its region.',
        ),
      ],
    };
  }
  const target = objectFrom(attributes);
  if (typeof target.id !== 'string' || !target.id.startsWith('arn:')) {
    return {
      target: null,
      diagnostics: [
        errorDiagnostic('The source state has no provisioned model ARN', 'Refresh the source resource with hashicorp/aws first, or import the PT instead.'),
      ],
    };
  }
  return { target, diagnostics: [] };
}
