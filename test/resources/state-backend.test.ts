import { Lazy } from 'cdktf';
import { EnvironmentStack, ProvisionedThroughput, collectValidationErrors, type EnvironmentStackProps } from '../../src/resources';
import { HAIKU, newApp, prodStackProps, removeTempDirs, terraformJson } from './builders';

afterAll(removeTempDirs);

type Backend = NonNullable<EnvironmentStackProps['backend']>;

/** An app with one stack per entry, each with a PT, and the backend given for it. */
function appWith(backends: Record<string, Backend>) {
  const app = newApp();
  const stacks = Object.entries(backends).map(([id, backend]) => {
    const stack = new EnvironmentStack(app, id, prodStackProps({ backend }));
    new ProvisionedThroughput(stack, 'support_chat', { name: `${id}-support-chat`, model: HAIKU, modelUnits: 1 });
    return stack;
  });
  return { app, stacks };
}

const backendOf = (backend: Backend, id = 'prod') => terraformJson(appWith({ [id]: backend }).stacks[0]).terraform.backend.s3;
const errorsOf = (backends: Record<string, Backend>) => collectValidationErrors(appWith(backends).app);

describe("EnvironmentStack's s3 backend for a team", () => {
  it('gives every stack its own key, <project>/<stack>.tfstate, and locks it with a lock object by default', () => {
    const { stacks } = appWith(
      Object.fromEntries(
        ['dev', 'staging', 'prod'].map((id) => [id, { type: 's3', bucket: 'acme-tf-state', project: 'support-bot', region: 'us-east-1' } as Backend]),
      ),
    );
    expect(stacks.map((s) => terraformJson(s).terraform.backend.s3)).toEqual(
      ['dev', 'staging', 'prod'].map((id) => ({
        bucket: 'acme-tf-state',
        key: `support-bot/${id}.tfstate`,
        region: 'us-east-1',
        use_lockfile: true,
      })),
    );
  });

  it('locks with the DynamoDB table alone when one is named, and with both when asked', () => {
    expect(backendOf({ type: 's3', bucket: 'acme-tf-state', project: 'support-bot', dynamodbTable: 'terraform-locks' })).toEqual({
      bucket: 'acme-tf-state',
      key: 'support-bot/prod.tfstate',
      dynamodb_table: 'terraform-locks',
    });
    expect(backendOf({ type: 's3', bucket: 'acme-tf-state', project: 'support-bot', dynamodbTable: 'terraform-locks', useLockfile: true })).toMatchObject({
      dynamodb_table: 'terraform-locks',
      use_lockfile: true,
    });
  });

  it('keeps an explicit key and the settings cdktf passes through', () => {
    expect(backendOf({ type: 's3', bucket: 'tf-state', key: 'bedrock-pt/prod.tfstate', region: 'us-east-1', encrypt: true, profile: 'state' })).toEqual({
      bucket: 'tf-state',
      key: 'bedrock-pt/prod.tfstate',
      region: 'us-east-1',
      encrypt: true,
      profile: 'state',
      use_lockfile: true,
    });
  });

  it('points at local S3 and DynamoDB servers with path-style URLs and no AWS-only checks', () => {
    expect(
      backendOf({
        type: 's3',
        bucket: 'tf-state',
        project: 'support-bot',
        dynamodbTable: 'tf-locks',
        localEndpoints: { s3: 'http://127.0.0.1:4569', dynamodb: 'http://127.0.0.1:4570' },
      }),
    ).toEqual({
      bucket: 'tf-state',
      key: 'support-bot/prod.tfstate',
      dynamodb_table: 'tf-locks',
      endpoints: { s3: 'http://127.0.0.1:4569', dynamodb: 'http://127.0.0.1:4570' },
      use_path_style: true,
      skip_credentials_validation: true,
      skip_requesting_account_id: true,
      skip_metadata_api_check: true,
      skip_region_validation: true,
    });
  });

  it('finds nothing wrong with a team set-up', () => {
    expect(
      errorsOf({
        dev: { type: 's3', bucket: 'acme-tf-state', project: 'support-bot' },
        prod: { type: 's3', bucket: 'acme-tf-state', project: 'support-bot', dynamodbTable: 'terraform-locks' },
      }),
    ).toEqual([]);
  });
});

describe("synth-time checks of an EnvironmentStack's s3 backend", () => {
  it('refuses two stacks on one state, naming both', () => {
    expect(
      errorsOf({
        staging: { type: 's3', bucket: 'acme-tf-state', key: 'support-bot.tfstate' },
        prod: { type: 's3', bucket: 'acme-tf-state', key: 'support-bot.tfstate' },
      }),
    ).toEqual([
      'staging: backend.key gives key "support-bot.tfstate", which stack prod also uses; each stack needs a state of its own',
      'prod: backend.key gives key "support-bot.tfstate", which stack staging also uses; each stack needs a state of its own',
    ]);
  });

  it('lets two stacks use one key in different buckets', () => {
    expect(
      errorsOf({
        staging: { type: 's3', bucket: 'staging-tf-state', key: 'support-bot.tfstate' },
        prod: { type: 's3', bucket: 'prod-tf-state', key: 'support-bot.tfstate' },
      }),
    ).toEqual([]);
  });

  it('needs a project or a key, and not both', () => {
    expect(errorsOf({ prod: { type: 's3', bucket: 'acme-tf-state' } })).toEqual([
      'prod: backend.project is missing; set project (the state key is then "<project>/prod.tfstate") or key',
    ]);
    expect(errorsOf({ prod: { type: 's3', bucket: 'acme-tf-state', project: 'a', key: 'b' } })).toEqual([
      'prod: backend.project is set with key; set one: project makes the key <project>/<stack>.tfstate, key names it outright',
    ]);
  });

  it('refuses a state without a lock', () => {
    expect(errorsOf({ prod: { type: 's3', bucket: 'acme-tf-state', project: 'support-bot', useLockfile: false } })).toEqual([
      'prod: backend.useLockfile is false and no dynamodbTable is set; a shared state needs a lock, or two applies at once can each buy the same PT: keep useLockfile or set dynamodbTable',
    ]);
  });

  it.each([
    ['/support-bot/prod.tfstate', 'must not start or end with "/"'],
    ['support-bot/', 'must not start or end with "/"'],
    ['support-bot//prod.tfstate', 'must not contain "//"'],
    [' ', 'must not be empty'],
  ])("applies Terraform's rules to the key %j", (key, rule) => {
    expect(errorsOf({ prod: { type: 's3', bucket: 'acme-tf-state', key } })).toEqual([
      `prod: backend.key gives key ${JSON.stringify(key)}; the state key ${rule}`,
    ]);
  });

  it('checks a key made from the project', () => {
    expect(errorsOf({ prod: { type: 's3', bucket: 'acme-tf-state', project: '/support-bot' } })).toEqual([
      'prod: backend.project gives key "/support-bot/prod.tfstate"; the state key must not start or end with "/"',
    ]);
  });

  it.each(['Acme_State', 'ab', 'acme..state', '-acme'])('refuses the bucket name %j', (bucket) => {
    expect(errorsOf({ prod: { type: 's3', bucket, project: 'support-bot' } })).toEqual([
      `prod: backend.bucket is ${JSON.stringify(bucket)}; must be an S3 bucket name: 3-63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit`,
    ]);
  });

  it('refuses a lock table name DynamoDB would refuse', () => {
    expect(errorsOf({ prod: { type: 's3', bucket: 'acme-tf-state', project: 'support-bot', dynamodbTable: 'tf locks' } })).toEqual([
      'prod: backend.dynamodbTable is "tf locks"; must be a DynamoDB table name: 3-255 letters, digits, underscores, dots and hyphens',
    ]);
  });

  it('checks the local endpoints', () => {
    expect(
      errorsOf({
        prod: { type: 's3', bucket: 'tf-state', project: 'support-bot', localEndpoints: { s3: '127.0.0.1:4569', dynamodb: 'http://127.0.0.1:4570' } },
      }),
    ).toEqual([
      'prod: backend.localEndpoints.s3 is "127.0.0.1:4569"; must be an http:// or https:// URL',
      'prod: backend.localEndpoints.dynamodb is set without dynamodbTable; the DynamoDB endpoint serves only the lock table: set dynamodbTable too',
    ]);
  });

  it('refuses tokens: Terraform reads the backend before any variable', () => {
    const app = newApp();
    const stack = new EnvironmentStack(
      app,
      'prod',
      prodStackProps({ backend: { type: 's3', bucket: Lazy.stringValue({ produce: () => 'acme-tf-state' }), project: 'support-bot' } }),
    );
    expect(stack.violations().map((v) => v.field)).toEqual(['backend.bucket']);
    expect(collectValidationErrors(app)).toEqual([
      'prod: backend.bucket is a token; backend settings must be literal values: Terraform reads the backend before it evaluates any variable or reference',
    ]);
  });
});
