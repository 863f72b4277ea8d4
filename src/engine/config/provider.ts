/** The `aws` provider blocks of one stack, as the AWS provider would read them. */
import type { AssumeRole, ProviderConfig } from '../model/desired';
import { blockList, configError, isPlainObject, optionalString, stringMap, type ConfigSubject } from './fail';
import type { VariableResolver } from './variables';

/** Keyed by alias; '' is the default (unaliased) configuration. */
export type ProviderBlocks = Map<string, ProviderConfig>;

export function readAwsProviders(providerSection: unknown, vars: VariableResolver, stack: string, env: NodeJS.ProcessEnv): ProviderBlocks {
  const blocks: ProviderBlocks = new Map();
  if (providerSection === undefined) return blocks;
  if (!isPlainObject(providerSection)) configError({ stack, field: 'provider' }, 'expected an object');
  for (const raw of blockList(providerSection.aws, { stack, field: 'provider.aws' })) {
    const alias = optionalString(raw.alias, { stack, field: 'provider.aws alias' }) ?? '';
    const subject: ConfigSubject = { stack, address: alias ? `provider.aws.${alias}` : 'provider.aws' };
    if (blocks.has(alias)) configError(subject, 'declared more than once');
    blocks.set(alias, readOneProvider(vars.resolve(raw, subject) as Record<string, unknown>, alias, subject, env));
  }
  return blocks;
}

function readOneProvider(block: Record<string, unknown>, alias: string, subject: ConfigSubject, env: NodeJS.ProcessEnv): ProviderConfig {
  const at = (field: string): ConfigSubject => ({ ...subject, field });
  // The provider falls back to the environment when region is not written; so do we.
  const region = optionalString(block.region, at('region')) ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? '';
  const config: ProviderConfig = {
    region,
    defaultTags: {},
  };
  if (alias) config.alias = alias;
  const profile = optionalString(block.profile, at('profile'));
  if (profile) config.profile = profile;

  const roles = blockList(block.assume_role, at('assume_role'));
  if (roles.length > 1) configError(at('assume_role'), 'only one assume_role block is supported');
  if (roles.length === 1) config.assumeRole = readAssumeRole(roles[0], at);

  for (const endpoints of blockList(block.endpoints, at('endpoints'))) {
    const bedrock = optionalString(endpoints.bedrock, at('endpoints.bedrock'));
    const sts = optionalString(endpoints.sts, at('endpoints.sts'));
    const servicequotas = optionalString(endpoints.servicequotas, at('endpoints.servicequotas'));
    if (bedrock) config.bedrockEndpoint = bedrock;
    if (sts) config.stsEndpoint = sts;
    if (servicequotas) config.serviceQuotasEndpoint = servicequotas;
  }

  for (const defaults of blockList(block.default_tags, at('default_tags'))) {
    Object.assign(config.defaultTags, stringMap(defaults.tags, at('default_tags.tags')));
  }
  return config;
}

function readAssumeRole(block: Record<string, unknown>, at: (field: string) => ConfigSubject): AssumeRole {
  const roleArn = optionalString(block.role_arn, at('assume_role.role_arn'));
  if (!roleArn) configError(at('assume_role.role_arn'), 'required attribute is missing');
  const role: AssumeRole = { roleArn };
  const sessionName = optionalString(block.session_name, at('assume_role.session_name'));
  const externalId = optionalString(block.external_id, at('assume_role.external_id'));
  if (sessionName) role.sessionName = sessionName;
  if (externalId) role.externalId = externalId;
  return role;
}

/** Parses a resource's `provider` meta-argument ("aws" or "aws.<alias>") into an alias ('' = default). */
export function providerAlias(value: unknown, subject: ConfigSubject): string {
  const ref = optionalString(value, subject);
  if (ref === undefined || ref === 'aws') return '';
  const match = /^aws\.([A-Za-z_][A-Za-z0-9_-]*)$/.exec(ref);
  if (!match) configError(subject, `expected "aws" or "aws.<alias>", got "${ref}"`);
  return match[1];
}

/** The configuration a resource with this alias uses; an absent default block means an empty one (Terraform's implicit provider). */
export function selectProvider(blocks: ProviderBlocks, alias: string, subject: ConfigSubject, env: NodeJS.ProcessEnv): ProviderConfig {
  const found = blocks.get(alias);
  if (found) return found;
  if (alias) {
    const known = [...blocks.keys()].filter(Boolean).join(', ') || 'none';
    configError(subject, `no aws provider with alias "${alias}" (aliases: ${known})`);
  }
  return { region: env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? '', defaultTags: {} };
}
