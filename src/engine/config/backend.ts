/** The stack's Terraform backend and, for the local backend, where its state file is. */
import * as path from 'node:path';
import type { Backend } from '../model/desired';
import { configError, describe, isPlainObject, optionalString, type ConfigSubject } from './fail';

export interface ResolvedBackend {
  backend: Backend;
  /** Absolute path of the local state file; undefined for remote backends. */
  statePath?: string;
}

/**
 * `terraformSection` is the top-level `terraform` object of cdk.tf.json;
 * `workingDirectory` is where Terraform would run for this stack (relative paths resolve from there).
 */
export function readBackend(terraformSection: unknown, workingDirectory: string, stack: string): ResolvedBackend {
  const subject: ConfigSubject = { stack, field: 'terraform.backend' };
  const section = isPlainObject(terraformSection) ? terraformSection : {};
  if (section.cloud !== undefined) return { backend: { type: 'cloud' } };
  // Terraform's behaviour without a backend block: local state in the working directory.
  if (section.backend === undefined) return local('terraform.tfstate', workingDirectory);
  if (!isPlainObject(section.backend)) configError(subject, `expected an object, got ${describe(section.backend)}`);
  const types = Object.keys(section.backend);
  if (types.length !== 1) configError(subject, `expected exactly one backend, found ${types.length}`);
  const type = types[0];
  const rawBody = section.backend[type];
  const body = Array.isArray(rawBody) && rawBody.length === 1 ? rawBody[0] : rawBody;
  if (!isPlainObject(body)) configError({ ...subject, field: `terraform.backend.${type}` }, 'expected an object');
  if (JSON.stringify(body).includes('${')) {
    configError({ ...subject, field: `terraform.backend.${type}` }, 'backend settings cannot use expressions or variables');
  }
  const at = (field: string): ConfigSubject => ({ stack, field: `terraform.backend.${type}.${field}` });
  if (type === 'local') {
    return local(optionalString(body.path, at('path')) ?? 'terraform.tfstate', workingDirectory);
  }
  if (type === 's3') {
    const bucket = optionalString(body.bucket, at('bucket'));
    const key = optionalString(body.key, at('key'));
    if (!bucket) configError(at('bucket'), 'required attribute is missing');
    if (!key) configError(at('key'), 'required attribute is missing');
    const region = optionalString(body.region, at('region'));
    return { backend: { type: 's3', bucket, key, ...(region ? { region } : {}) } };
  }
  return { backend: { ...body, type } };
}

/** Where a remote backend keeps the stack's state, when cdktf's settings say: bucket and key for s3. */
export function remoteLocation(backend: Backend): string | undefined {
  return backend.type === 's3' ? `bucket ${JSON.stringify(backend.bucket)}, key ${JSON.stringify(backend.key)}` : undefined;
}

function local(statePath: string, workingDirectory: string): ResolvedBackend {
  return {
    backend: { type: 'local', path: statePath },
    statePath: path.resolve(workingDirectory, statePath),
  };
}
