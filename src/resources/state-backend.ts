/**
 * Where an EnvironmentStack keeps its Terraform state: cdktf's local backend, or an S3 backend
 * set up for a team — one state object per stack, a lock always on, and the switches a local
 * S3/DynamoDB-compatible server needs. Checked at synth, like the rest of the construct, because
 * Terraform reads the backend before anything else and a mistake here (two stacks on one key, no
 * lock) is the kind that buys or destroys PTs.
 */
import type { Construct } from 'constructs';
import { LocalBackend, S3Backend, Token, type S3BackendConfig } from './cdk';
import { showValue, type Violation } from './limits';

/** cdktf's local backend; `path` defaults to `<cwd>/terraform.<stack>.tfstate`. */
export interface LocalStateBackend {
  readonly type: 'local';
  readonly path?: string;
}

/** Terraform's `s3` backend; every S3Backend setting of cdktf passes through as written. */
export interface S3StateBackend extends Omit<S3BackendConfig, 'key'> {
  readonly type: 's3';
  /**
   * The state object's key. Give each stack its own: two stacks on one key would each plan to
   * destroy what the other created.
   * @default `<project>/<stack id>.tfstate`
   */
  readonly key?: string;
  /** The first part of the default key (an app or team name); required unless `key` is set. */
  readonly project?: string;
  /**
   * Lock with a lock object beside the state (`use_lockfile`, Terraform 1.10 or newer). It needs
   * a store that honours conditional writes (`If-None-Match`), as Amazon S3 does.
   * cdktf 0.21's S3Backend does not know this setting; it is written as an override.
   * @default true, unless `dynamodbTable` is set
   */
  readonly useLockfile?: boolean;
  /**
   * For S3- and DynamoDB-compatible servers that are not AWS (a local test set-up): the `s3` and
   * `dynamodb` endpoints, path-style URLs, and no calls to STS, IAM or the EC2 metadata service.
   */
  readonly localEndpoints?: { readonly s3: string; readonly dynamodb?: string };
}

export type EnvironmentBackend = LocalStateBackend | S3StateBackend;

/** The key the stack's state is stored under, when it can be known at synth. */
export function s3Key(backend: S3StateBackend, stackId: string): string | undefined {
  if (backend.key !== undefined) return backend.key;
  return backend.project === undefined ? undefined : `${backend.project}/${stackId}.tfstate`;
}

export function createBackend(stack: Construct, backend: EnvironmentBackend): void {
  if (backend.type === 'local') {
    new LocalBackend(stack, backend.path === undefined ? {} : { path: backend.path });
    return;
  }
  const { type: _type, project: _project, useLockfile, localEndpoints, ...config } = backend;
  const s3 = new S3Backend(stack, {
    ...config,
    key: s3Key(backend, stack.node.id) ?? '',
    ...(localEndpoints && {
      endpoints: { s3: localEndpoints.s3, ...(localEndpoints.dynamodb ? { dynamodb: localEndpoints.dynamodb } : {}) },
      usePathStyle: true,
      skipCredentialsValidation: true,
      skipRequestingAccountId: true,
      skipMetadataApiCheck: true,
      skipRegionValidation: true,
    }),
  });
  if (useLockfile ?? backend.dynamodbTable === undefined) s3.addOverride('use_lockfile', true);
}

// Terraform's own checks on `key` (seen from `terraform init`), and the AWS naming rules for
// general-purpose buckets and DynamoDB tables.
const BUCKET_PATTERN = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const TABLE_PATTERN = /^[a-zA-Z0-9_.-]{3,255}$/;

/** What is wrong with a stack's backend settings; `others` are the app's other stacks' state locations. */
export function backendViolations(backend: EnvironmentBackend, stackId: string, others: { stack: string; bucket: string; key?: string }[]): Violation[] {
  if (backend.type !== 's3') return [];
  const out: Violation[] = [];
  const at = (field: string) => `backend.${field}`;
  for (const [name, value] of Object.entries(backend)) {
    if (containsToken(value)) {
      out.push({
        field: at(name),
        problem: 'is a token',
        rule: 'backend settings must be literal values: Terraform reads the backend before it evaluates any variable or reference',
      });
    }
  }
  if (out.length) return out;
  if (!BUCKET_PATTERN.test(backend.bucket) || backend.bucket.includes('..')) {
    out.push({
      field: at('bucket'),
      problem: `is ${showValue(backend.bucket)}`,
      rule: 'must be an S3 bucket name: 3-63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit',
    });
  }
  if (backend.key !== undefined && backend.project !== undefined) {
    out.push({ field: at('project'), problem: 'is set with key', rule: 'set one: project makes the key <project>/<stack>.tfstate, key names it outright' });
  }
  const key = s3Key(backend, stackId);
  if (key === undefined) {
    out.push({ field: at('project'), problem: 'is missing', rule: `set project (the state key is then "<project>/${stackId}.tfstate") or key` });
  } else {
    out.push(...keyViolations(key, backend.key !== undefined ? at('key') : at('project')));
  }
  if (backend.dynamodbTable !== undefined && !TABLE_PATTERN.test(backend.dynamodbTable)) {
    out.push({
      field: at('dynamodbTable'),
      problem: `is ${showValue(backend.dynamodbTable)}`,
      rule: 'must be a DynamoDB table name: 3-255 letters, digits, underscores, dots and hyphens',
    });
  }
  if (backend.useLockfile === false && backend.dynamodbTable === undefined) {
    out.push({
      field: at('useLockfile'),
      problem: 'is false and no dynamodbTable is set',
      rule: 'a shared state needs a lock, or two applies at once can each buy the same PT: keep useLockfile or set dynamodbTable',
    });
  }
  if (backend.localEndpoints) out.push(...localEndpointViolations(backend));
  const clash = others.find((o) => o.bucket === backend.bucket && o.key === key);
  if (key !== undefined && clash) {
    out.push({
      field: at(backend.key !== undefined ? 'key' : 'project'),
      problem: `gives key ${showValue(key)}, which stack ${clash.stack} also uses`,
      rule: 'each stack needs a state of its own',
    });
  }
  return out;
}

function keyViolations(key: string, field: string): Violation[] {
  const problem = `gives key ${showValue(key)}`;
  if (key.trim() === '') return [{ field, problem, rule: 'the state key must not be empty' }];
  if (key.startsWith('/') || key.endsWith('/')) return [{ field, problem, rule: 'the state key must not start or end with "/"' }];
  if (key.includes('//')) return [{ field, problem, rule: 'the state key must not contain "//"' }];
  return [];
}

function localEndpointViolations(backend: S3StateBackend): Violation[] {
  const out: Violation[] = [];
  const { localEndpoints } = backend;
  if (backend.endpoints !== undefined) {
    out.push({ field: 'backend.localEndpoints', problem: 'is set with endpoints', rule: 'set one of them' });
  }
  for (const [name, url] of Object.entries(localEndpoints ?? {})) {
    if (url !== undefined && !/^https?:\/\/[^/\s]+/.test(url)) {
      out.push({ field: `backend.localEndpoints.${name}`, problem: `is ${showValue(url)}`, rule: 'must be an http:// or https:// URL' });
    }
  }
  if (localEndpoints?.dynamodb !== undefined && backend.dynamodbTable === undefined) {
    out.push({
      field: 'backend.localEndpoints.dynamodb',
      problem: 'is set without dynamodbTable',
      rule: 'the DynamoDB endpoint serves only the lock table: set dynamodbTable too',
    });
  }
  return out;
}

function containsToken(value: unknown): boolean {
  if (typeof value === 'string') return Token.isUnresolved(value);
  if (Array.isArray(value)) return value.some(containsToken);
  if (value !== null && typeof value === 'object') return Object.values(value).some(containsToken);
  return false;
}
