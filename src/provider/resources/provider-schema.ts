/**
 * The provider block, named like hashicorp/aws's so a user recognises it. Credentials come from
 * the SDK's default chain (environment, shared files, SSO, instance roles), narrowed by
 * `profile` and `assume_role`, as the engine's clients already do for `bedrock-pt plan`.
 */
import type { BlockSchema, CtyObject, CtyValue, ProviderDiagnostic } from '../contract';
import { isUnknown } from '../contract';
import { errorDiagnostic } from './diagnostics';
import type { AssumeRole, ProviderConfig, Tags } from '../../engine/model';

export const PROVIDER_SCHEMA: BlockSchema = {
  description: 'bedrock-pt: Amazon Bedrock Provisioned Throughput with money-safe plans.',
  attributes: [
    { name: 'region', type: 'string', optional: true, description: 'AWS region; AWS_REGION or AWS_DEFAULT_REGION when unset.' },
    { name: 'profile', type: 'string', optional: true, description: 'Shared-config profile for credentials.' },
    { name: 'allowed_account_ids', type: ['set', 'string'], optional: true, description: 'Refuse to run against any other account.' },
    { name: 'forbidden_account_ids', type: ['set', 'string'], optional: true, description: 'Refuse to run against these accounts.' },
  ],
  blocks: [
    {
      typeName: 'assume_role',
      nesting: 'list',
      maxItems: 1,
      block: {
        attributes: [
          { name: 'role_arn', type: 'string', optional: true },
          { name: 'session_name', type: 'string', optional: true },
          { name: 'external_id', type: 'string', optional: true },
        ],
      },
    },
    {
      typeName: 'endpoints',
      nesting: 'set',
      block: {
        attributes: [
          { name: 'bedrock', type: 'string', optional: true, description: 'Bedrock control-plane endpoint URL.' },
          { name: 'sts', type: 'string', optional: true, description: 'STS endpoint URL.' },
          { name: 'servicequotas', type: 'string', optional: true, description: 'Service Quotas endpoint URL (model-unit quotas are read there).' },
        ],
      },
    },
    {
      typeName: 'default_tags',
      nesting: 'list',
      maxItems: 1,
      block: { attributes: [{ name: 'tags', type: ['map', 'string'], optional: true }] },
    },
  ],
};

export interface ProviderSettings {
  config: ProviderConfig;
  allowedAccountIds?: string[];
  forbiddenAccountIds?: string[];
}

const path = (...names: string[]) => names.map((attribute) => ({ attribute }));

function text(value: CtyValue | undefined): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function blocks(value: CtyValue | undefined): CtyObject[] {
  return Array.isArray(value) ? value.filter((v): v is CtyObject => !!v && typeof v === 'object' && !Array.isArray(v)) : [];
}

function strings(value: CtyValue | undefined): string[] | undefined {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : undefined;
}

/** Unknown provider arguments are refused: the provider must know where it reads before it plans. */
function unknownPaths(config: CtyObject): string[] {
  const out: string[] = [];
  const walk = (value: CtyValue, at: string) => {
    if (isUnknown(value)) out.push(at);
    else if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${at}[${i}]`));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, at ? `${at}.${k}` : k);
  };
  walk(config, '');
  return out;
}

export function readProviderSettings(config: CtyObject, env: NodeJS.ProcessEnv): { settings?: ProviderSettings; diagnostics: ProviderDiagnostic[] } {
  const unknown = unknownPaths(config);
  if (unknown.length) {
    return {
      diagnostics: unknown.map((at) =>
        errorDiagnostic(
          `Provider argument ${at} is not known until apply`,
          'bedrockpt reads Provisioned Throughputs while planning, so its region, credentials and endpoints must be known then; use values that do not depend on resources.',
          at.split('.').map((attribute) => ({ attribute: attribute.replace(/\[\d+\]$/, '') })),
        ),
      ),
    };
  }
  const region = text(config.region) ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  if (!region) {
    return {
      diagnostics: [
        errorDiagnostic(
          'No AWS region for the bedrockpt provider',
          'Set region in the provider block, or AWS_REGION / AWS_DEFAULT_REGION in the environment.',
          path('region'),
        ),
      ],
    };
  }
  const defaultTags: Tags = {};
  for (const block of blocks(config.default_tags)) {
    const tags = block.tags;
    if (tags && typeof tags === 'object' && !Array.isArray(tags)) {
      for (const [k, v] of Object.entries(tags)) if (typeof v === 'string') defaultTags[k] = v;
    }
  }
  const providerConfig: ProviderConfig = { region, defaultTags };
  const profile = text(config.profile);
  if (profile) providerConfig.profile = profile;
  for (const endpoints of blocks(config.endpoints)) {
    const bedrock = text(endpoints.bedrock);
    const sts = text(endpoints.sts);
    const servicequotas = text(endpoints.servicequotas);
    if (bedrock) providerConfig.bedrockEndpoint = bedrock;
    if (sts) providerConfig.stsEndpoint = sts;
    if (servicequotas) providerConfig.serviceQuotasEndpoint = servicequotas;
  }
  const diagnostics = assumeRoleDiagnostics(config);
  const [role] = blocks(config.assume_role);
  const roleArn = role && text(role.role_arn);
  if (roleArn) {
    const assumeRole: AssumeRole = { roleArn };
    const sessionName = text(role.session_name);
    const externalId = text(role.external_id);
    if (sessionName) assumeRole.sessionName = sessionName;
    if (externalId) assumeRole.externalId = externalId;
    providerConfig.assumeRole = assumeRole;
  }
  return {
    settings: { config: providerConfig, allowedAccountIds: strings(config.allowed_account_ids), forbiddenAccountIds: strings(config.forbidden_account_ids) },
    diagnostics,
  };
}

export function assumeRoleDiagnostics(config: CtyObject): ProviderDiagnostic[] {
  const [role] = blocks(config.assume_role);
  if (!role || isUnknown(role.role_arn) || text(role.role_arn)) return [];
  return [errorDiagnostic('assume_role needs role_arn', 'Set role_arn, or remove the assume_role block.', path('assume_role'))];
}

/** The account check hashicorp/aws makes at configure time, with the same argument names. */
export function accountDiagnostics(account: string, settings: ProviderSettings): ProviderDiagnostic[] {
  const allowed = settings.allowedAccountIds;
  if (allowed && allowed.length && !allowed.includes(account)) {
    return [
      errorDiagnostic(
        `AWS account ${account} is not in allowed_account_ids (${allowed.join(', ')})`,
        'The credentials reach another account than this configuration is meant for; check the profile or assume_role.',
        path('allowed_account_ids'),
      ),
    ];
  }
  if (settings.forbiddenAccountIds?.includes(account)) {
    return [
      errorDiagnostic(
        `AWS account ${account} is in forbidden_account_ids`,
        'The credentials reach an account this configuration must not touch; check the profile or assume_role.',
        path('forbidden_account_ids'),
      ),
    ];
  }
  return [];
}
