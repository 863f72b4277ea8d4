/** One synthesized stack (cdk.tf.json) → StackConfig. */
import {
  PT_RESOURCE_TYPE,
  PT_RESOURCE_TYPES,
  type Backend,
  type DesiredPt,
  type ImportBlock,
  type MovedBlock,
  type RemoteState,
  type StackConfig,
} from '../model/desired';
import { readBackend, remoteLocation } from './backend';
import { blockList, configError, isPlainObject, requiredString, RESYNTH, type ConfigSubject } from './fail';
import { stackFingerprint } from './fingerprint';
import { movedProblems } from './moved';
import { providerAlias, readAwsProviders, selectProvider } from './provider';
import { readPtResource } from './resource';
import { validateStackPts } from './validate';
import { VariableResolver, type VariableDeclaration } from './variables';

export interface SynthesizedStack {
  name: string;
  /** Parsed cdk.tf.json. */
  document: unknown;
  /** Absolute directory Terraform would run in for this stack. */
  workingDirectory: string;
}

export function readStackConfig(stack: SynthesizedStack, env: NodeJS.ProcessEnv): StackConfig {
  const name = stack.name;
  if (!isPlainObject(stack.document)) configError({ stack: name }, `cdk.tf.json must hold a JSON object; ${RESYNTH}`);
  const doc = stack.document;
  const vars = new VariableResolver(readVariables(doc.variable, name), env);
  const providers = readAwsProviders(doc.provider, vars, name, env);

  const resources = isPlainObject(doc.resource) ? doc.resource : {};
  let otherResourceCount = 0;
  for (const [type, byName] of Object.entries(resources)) {
    if (type !== PT_RESOURCE_TYPE && isPlainObject(byName)) otherResourceCount += Object.keys(byName).length;
  }
  const ptBlocks = resources[PT_RESOURCE_TYPE];
  if (ptBlocks !== undefined && !isPlainObject(ptBlocks)) {
    configError({ stack: name, field: `resource.${PT_RESOURCE_TYPE}` }, 'expected an object keyed by logical id');
  }

  const pts: DesiredPt[] = [];
  const aliases = new Set<string>();
  for (const [logicalId, raw] of Object.entries(ptBlocks ?? {}).sort(([a], [b]) => a.localeCompare(b))) {
    const parsed = readPtResource(logicalId, raw, vars, name);
    const subject: ConfigSubject = { stack: name, address: parsed.pt.address, field: 'provider' };
    const alias = providerAlias(vars.resolve(parsed.providerRef, subject), subject);
    const provider = selectProvider(providers, alias, subject, env);
    if (parsed.region && parsed.region !== provider.region) {
      configError(
        { ...subject, field: 'region' },
        `region "${parsed.region}" differs from its provider's region "${provider.region}"; use one provider (and region) per stack`,
      );
    }
    // Terraform's tags_all: provider default_tags overlaid by the resource's own tags.
    parsed.pt.tagsAll = { ...provider.defaultTags, ...parsed.pt.tags };
    aliases.add(alias);
    pts.push(parsed.pt);
  }
  if (aliases.size > 1) {
    const names = [...aliases].map((a) => (a ? `aws.${a}` : 'aws')).join(', ');
    configError(
      { stack: name, field: 'provider' },
      `all Provisioned Throughputs in a stack must use the same aws provider (found ${names}); split them into separate stacks`,
    );
  }
  const alias = [...aliases][0] ?? '';
  const provider = selectProvider(providers, alias, { stack: name, field: 'provider' }, env);
  if (pts.length > 0 && !provider.region) {
    configError(
      { stack: name, address: alias ? `provider.aws.${alias}` : 'provider.aws', field: 'region' },
      'no region: set region on the AwsProvider (or AWS_REGION)',
    );
  }
  validateStackPts(name, pts);

  const { backend, statePath } = readBackend(doc.terraform, stack.workingDirectory, name);
  const moved = readMoved(doc.moved, name);
  const [movedProblem] = movedProblems(moved, new Set(pts.map((pt) => pt.address)));
  if (movedProblem) configError({ stack: name, address: movedProblem.block.from, field: 'moved' }, movedProblem.message);
  const imports = readImports(doc.import, vars, name);
  const config: Omit<StackConfig, 'fingerprint'> = {
    name,
    provider,
    backend,
    ...(statePath ? { statePath } : { remoteState: remoteStateOf(backend, stack.workingDirectory, resources) }),
    resources: pts,
    moved,
    imports,
    otherResourceCount,
  };
  return { ...config, fingerprint: stackFingerprint(config) };
}

function remoteStateOf(backend: Backend, workingDirectory: string, resources: Record<string, unknown>): RemoteState {
  const location = remoteLocation(backend);
  const ptResourceType = PT_RESOURCE_TYPES.find((type) => resources[type] !== undefined);
  return { type: backend.type, ...(location ? { location } : {}), workingDirectory, ...(ptResourceType ? { ptResourceType } : {}) };
}

function readVariables(section: unknown, stack: string): Record<string, VariableDeclaration> {
  if (section === undefined) return {};
  if (!isPlainObject(section)) configError({ stack, field: 'variable' }, 'expected an object keyed by variable name');
  const out: Record<string, VariableDeclaration> = {};
  for (const [name, raw] of Object.entries(section)) {
    const block = Array.isArray(raw) && raw.length === 1 ? raw[0] : raw;
    if (!isPlainObject(block)) configError({ stack, field: `variable.${name}` }, 'expected a variable block (object)');
    out[name] = { type: typeof block.type === 'string' ? block.type : undefined, default: block.default };
  }
  return out;
}

const PT_ADDRESS = new RegExp(`^${PT_RESOURCE_TYPE}\\.[A-Za-z_][A-Za-z0-9_-]*$`);

function isPtAddress(address: string): boolean {
  return address.startsWith(`${PT_RESOURCE_TYPE}.`);
}

/** Only moves between PT addresses concern bedrock-pt; a move to or from another type cannot be honoured. */
function readMoved(section: unknown, stack: string): MovedBlock[] {
  const moved: MovedBlock[] = [];
  for (const [i, block] of blockList(section, { stack, field: 'moved' }).entries()) {
    const from = requiredString(block.from, { stack, field: `moved[${i}].from` });
    const to = requiredString(block.to, { stack, field: `moved[${i}].to` });
    if (!isPtAddress(from) && !isPtAddress(to)) continue;
    for (const [field, address] of [
      ['from', from],
      ['to', to],
    ] as const) {
      if (!PT_ADDRESS.test(address)) {
        configError(
          { stack, field: `moved[${i}].${field}` },
          `"${address}" must be a ${PT_RESOURCE_TYPE}.<name> address (moves across types, modules or indexes are not supported)`,
        );
      }
    }
    moved.push({ from, to });
  }
  return moved;
}

function readImports(section: unknown, vars: VariableResolver, stack: string): ImportBlock[] {
  const imports: ImportBlock[] = [];
  for (const [i, block] of blockList(section, { stack, field: 'import' }).entries()) {
    const to = requiredString(block.to, { stack, field: `import[${i}].to` });
    if (!isPtAddress(to)) continue;
    const subject: ConfigSubject = { stack, address: to, field: 'import.id' };
    if (!PT_ADDRESS.test(to)) configError(subject, `"${to}" must be a ${PT_RESOURCE_TYPE}.<name> address`);
    const id = requiredString(vars.resolve(block.id, subject), subject);
    imports.push({ to, id });
  }
  return imports;
}
