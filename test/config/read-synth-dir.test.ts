import * as path from 'node:path';
import { readSynthDir } from '../../src/engine/config';
import { BedrockPtError } from '../../src/engine/errors';
import { PT, ptBlock, stackDoc, writeSynthDir } from './synth-builder';

const FIXTURES = path.resolve(__dirname, '../fixtures/synth');
const EXAMPLE = path.join(FIXTURES, 'example');
const FEATURES = path.join(FIXTURES, 'features');

function configErrorOf(fn: () => unknown): BedrockPtError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(BedrockPtError);
    return error as BedrockPtError;
  }
  throw new Error('expected a BedrockPtError');
}

describe('readSynthDir on the example app', () => {
  const stacks = readSynthDir(EXAMPLE, { env: {} });
  const byName = Object.fromEntries(stacks.map((s) => [s.name, s]));

  it('reads every stack in the manifest', () => {
    expect(stacks.map((s) => s.name).sort()).toEqual(['dev', 'prod', 'staging']);
  });

  it('reads the dev PT with default tags merged under the resource tags', () => {
    const dev = byName.dev;
    expect(dev.resources).toEqual([
      {
        address: `${PT}.support_chat`,
        name: 'dev-support-chat',
        model: 'arn:aws:bedrock:us-east-1:111111111111:custom-model/amazon.titan-text-express-v1:0:8k/devsupport01',
        modelUnits: 1,
        tags: { CostCenter: 'cc-1234' },
        tagsAll: { Project: 'support-bot', Environment: 'dev', ManagedBy: 'bedrock-pt', CostCenter: 'cc-1234' },
        lifecycle: { preventDestroy: false, createBeforeDestroy: false, ignoreChanges: [] },
        timeouts: {},
      },
    ]);
    expect(dev.provider).toEqual({
      region: 'us-east-1',
      profile: 'bedrock-pt-dev',
      bedrockEndpoint: 'http://127.0.0.1:4599',
      stsEndpoint: 'http://127.0.0.1:4599',
      defaultTags: { Project: 'support-bot', Environment: 'dev', ManagedBy: 'bedrock-pt' },
    });
    expect(dev.otherResourceCount).toBe(0);
  });

  it('reads commitment and prevent_destroy on prod', () => {
    const [pt] = byName.prod.resources;
    expect(pt.commitment).toBe('SixMonths');
    expect(pt.modelUnits).toBe(2);
    expect(pt.lifecycle.preventDestroy).toBe(true);
    expect(pt.tagsAll.Tier).toBe('critical');
    expect(byName.staging.provider.region).toBe('us-west-2');
    expect(byName.staging.resources[0].commitment).toBe('OneMonth');
  });

  it('resolves the local state path from the stack working directory, as Terraform would', () => {
    expect(byName.dev.backend).toEqual({ type: 'local', path: '../../../terraform.dev.tfstate' });
    expect(byName.dev.statePath).toBe(path.join(FIXTURES, 'terraform.dev.tfstate'));
  });

  it('reads only the requested stacks', () => {
    expect(readSynthDir(EXAMPLE, { stacks: ['prod'], env: {} }).map((s) => s.name)).toEqual(['prod']);
  });

  it('names the known stacks when asked for an unknown one', () => {
    const error = configErrorOf(() => readSynthDir(EXAMPLE, { stacks: ['qa'], env: {} }));
    expect(error.kind).toBe('config');
    expect(error.message).toBe('qa: unknown stack; the synthesized app has: dev, prod, staging');
  });

  it('fingerprints deterministically and per stack', () => {
    const again = readSynthDir(EXAMPLE, { env: {} });
    expect(again.map((s) => s.fingerprint)).toEqual(stacks.map((s) => s.fingerprint));
    expect(new Set(stacks.map((s) => s.fingerprint)).size).toBe(3);
    expect(byName.dev.fingerprint).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('readSynthDir on providers, variables, lifecycle, moved and import', () => {
  const env = { TF_VAR_model_id: 'anthropic.claude-3-haiku-20240307-v1:0:200k' };
  const [stack] = readSynthDir(FEATURES, { env });
  const pt = (id: string) => stack.resources.find((r) => r.address === `${PT}.${id}`)!;

  it('uses the aliased provider block the PTs select', () => {
    expect(stack.provider).toEqual({
      alias: 'west',
      region: 'us-west-2',
      profile: 'bedrock-pt-staging',
      assumeRole: { roleArn: 'arn:aws:iam::222222222222:role/bedrock-pt', sessionName: 'bedrock-pt', externalId: 'ext-1' },
      bedrockEndpoint: 'http://127.0.0.1:4599',
      stsEndpoint: 'http://127.0.0.1:4598',
      serviceQuotasEndpoint: 'http://127.0.0.1:4597',
      defaultTags: { Project: 'support-bot', Environment: 'staging', Owner: 'platform' },
    });
  });

  it('lets resource tags win over default tags in tagsAll', () => {
    expect(pt('support_chat').tagsAll).toEqual({
      Project: 'support-bot',
      Environment: 'staging',
      Owner: 'support-team',
      CostCenter: 'cc-1234',
    });
    expect(pt('batch').tags).toEqual({});
    expect(pt('batch').tagsAll).toEqual({ Project: 'support-bot', Environment: 'staging', Owner: 'platform' });
  });

  it('resolves variables from defaults and TF_VAR_, whole or embedded', () => {
    expect(pt('support_chat').modelUnits).toBe(1);
    expect(pt('support_chat').name).toBe('staging-support-chat');
    expect(pt('support_chat').model).toBe('anthropic.claude-3-haiku-20240307-v1:0:200k');
    const [overridden] = readSynthDir(FEATURES, { env: { ...env, TF_VAR_units: '3', TF_VAR_env_name: 'qa' } });
    const chat = overridden.resources.find((r) => r.address === `${PT}.support_chat`)!;
    expect(chat.modelUnits).toBe(3);
    expect(chat.name).toBe('qa-support-chat');
    expect(overridden.fingerprint).not.toBe(stack.fingerprint);
  });

  it('fails on a variable with neither TF_VAR_ nor a default', () => {
    const error = configErrorOf(() => readSynthDir(FEATURES, { env: {} }));
    expect(error.message).toBe(`aliased/${PT}.support_chat model_arn: variable "model_id" has no value; set TF_VAR_model_id or give it a default`);
    expect(error.subject).toEqual({ stack: 'aliased', address: `${PT}.support_chat`, field: 'model_arn' });
  });

  it('reads lifecycle settings in the forms cdktf writes', () => {
    expect(pt('support_chat').lifecycle).toEqual({ preventDestroy: true, createBeforeDestroy: true, ignoreChanges: ['tags'] });
    expect(pt('batch').lifecycle.ignoreChanges).toBe('all');
    expect(pt('support_chat').timeouts).toEqual({ create: '90m' });
  });

  it('reads moved and import blocks and counts other resources', () => {
    expect(stack.moved).toEqual([{ from: `${PT}.old_chat`, to: `${PT}.chat_v2` }]);
    expect(stack.imports).toEqual([{ to: `${PT}.batch`, id: 'arn:aws:bedrock:us-west-2:222222222222:provisioned-model/abcdef123456' }]);
    expect(stack.otherResourceCount).toBe(2);
    expect(stack.resources.map((r) => r.address)).toEqual([`${PT}.batch`, `${PT}.chat_v2`, `${PT}.support_chat`]);
  });

  it('resolves a relative local backend path against the stack working directory', () => {
    expect(stack.statePath).toBe(path.join(FEATURES, 'stacks', 'aliased', 'state', 'aliased.tfstate'));
  });
});

describe('readSynthDir refusing what it cannot know or read', () => {
  const read = (doc: unknown, env: NodeJS.ProcessEnv = {}) => readSynthDir(writeSynthDir({ dev: doc }), { env });

  it('refuses a value known only after apply, naming stack, address and attribute', () => {
    const doc = stackDoc({ pts: { chat: ptBlock({ model_arn: '${aws_bedrock_custom_model.tuned.arn}' }) } });
    const error = configErrorOf(() => read(doc));
    expect(error.kind).toBe('config');
    expect(error.message).toMatch(new RegExp(`^dev/${PT}\\.chat model_arn: value known only after apply is not supported for `));
    expect(error.message).toContain('${aws_bedrock_custom_model.tuned.arn}');
  });

  it('refuses data sources and functions, even inside a larger string', () => {
    const data = stackDoc({ pts: { chat: ptBlock({ provisioned_model_name: 'x-${data.aws_region.current.name}' }) } });
    expect(configErrorOf(() => read(data)).message).toContain('value known only after apply');
    const fn = stackDoc({ pts: { chat: ptBlock({ provisioned_model_name: '${lower("DEV")}-chat' }) } });
    expect(configErrorOf(() => read(fn)).message).toMatch(/provisioned_model_name: Terraform expression "\$\{lower\("DEV"\)\}" is not supported/);
  });

  it('keeps an escaped $${ as a literal', () => {
    const doc = stackDoc({ providers: [{ region: 'us-east-1', profile: 'team-$${env}' }] });
    expect(read(doc)[0].provider.profile).toBe('team-${env}');
  });

  it('resolves variables in provider blocks and import ids', () => {
    const doc = stackDoc({
      providers: [{ region: '${var.region}' }],
      variables: { region: { type: 'string' }, pt_arn: { type: 'string', default: 'arn:aws:bedrock:eu-west-1:111111111111:provisioned-model/abc' } },
      extra: { import: [{ to: `${PT}.chat`, id: '${var.pt_arn}' }] },
    });
    const [stack] = read(doc, { TF_VAR_region: 'eu-west-1' });
    expect(stack.provider.region).toBe('eu-west-1');
    expect(stack.imports[0].id).toBe('arn:aws:bedrock:eu-west-1:111111111111:provisioned-model/abc');
  });

  it('rejects a non-numeric value for a number variable', () => {
    const doc = stackDoc({ pts: { chat: ptBlock({ model_units: '${var.units}' }) }, variables: { units: { type: 'number' } } });
    expect(configErrorOf(() => read(doc, { TF_VAR_units: 'two' })).message).toBe(
      `dev/${PT}.chat model_units: variable "units" is of type number but its value is "two"`,
    );
  });

  it('names the missing or mistyped attribute', () => {
    const { provisioned_model_name: _omit, ...noName } = ptBlock();
    expect(configErrorOf(() => read(stackDoc({ pts: { chat: noName } }))).message).toBe(`dev/${PT}.chat provisioned_model_name: required attribute is missing`);
    expect(configErrorOf(() => read(stackDoc({ pts: { chat: ptBlock({ model_units: [1] }) } }))).message).toBe(
      `dev/${PT}.chat model_units: expected a number, got a list`,
    );
    expect(configErrorOf(() => read(stackDoc({ pts: { chat: ptBlock({ commitment_duration: 'OneYear' }) } }))).message).toMatch(
      /commitment_duration: must be one of OneMonth, SixMonths/,
    );
    expect(configErrorOf(() => read(stackDoc({ pts: { chat: ptBlock({ count: 2 }) } }))).message).toMatch(/chat count: count is not supported/);
  });

  it('accepts the other JSON spellings Terraform allows: a single provider object and a lifecycle list', () => {
    const doc = stackDoc({
      providers: { region: 'us-east-2', default_tags: { tags: { Team: 'ml' } } } as unknown as Record<string, unknown>[],
      pts: { chat: ptBlock({ lifecycle: [{ prevent_destroy: true, ignore_changes: ['${tags}'] }] }) },
    });
    const [stack] = read(doc);
    expect(stack.provider.region).toBe('us-east-2');
    expect(stack.resources[0].tagsAll).toEqual({ Team: 'ml', CostCenter: 'cc-1234' });
    expect(stack.resources[0].lifecycle).toEqual({ preventDestroy: true, createBeforeDestroy: false, ignoreChanges: ['tags'] });
  });

  it('rejects ignore_changes on an attribute the resource does not have', () => {
    const doc = stackDoc({ pts: { chat: ptBlock({ lifecycle: { ignore_changes: ['model_unit'] } }) } });
    expect(configErrorOf(() => read(doc)).message).toMatch(
      /lifecycle\.ignore_changes: entry "model_unit" cannot be honoured: "model_unit" is not an attribute/,
    );
  });

  it('reads ignore_changes on single tag keys in both spellings, as one canonical form', () => {
    const doc = stackDoc({
      pts: { chat: ptBlock({ lifecycle: { ignore_changes: ['tags["Owner"]', 'tags.Owner', '${tags_all["Team.Lead"]}', 'model_units'] } }) },
    });
    expect(read(doc)[0].resources[0].lifecycle.ignoreChanges).toEqual(['model_units', 'tags["Owner"]', 'tags_all["Team.Lead"]']);
  });

  it.each([
    ['model_units["x"]', /entry "model_units\["x"\]" cannot be honoured: model_units is not a map, so ignore_changes can only name it whole/],
    ['provisioned_model_name.first', /provisioned_model_name is not a map/],
    ['tags["a"]["b"]', /the values of tags are strings, so a path can go only one key deep/],
    ['tags[0]', /map keys are strings; quote the key, as in tags\["0"\]/],
    ['tags[Owner]', /cannot read "\[Owner\]" as a key; write a map key as tags\["Key"\]/],
    ['tagz["Owner"]', /"tagz" is not an attribute/],
  ])('refuses the ignore_changes entry %s, naming the address, the entry and the rule', (entry, rule) => {
    const doc = stackDoc({ pts: { chat: ptBlock({ lifecycle: { ignore_changes: [entry] } }) } });
    const error = configErrorOf(() => read(doc));
    expect(error.message).toMatch(new RegExp(`^dev/${PT}\\.chat lifecycle\\.ignore_changes: `));
    expect(error.message).toMatch(rule);
    expect(error.subject).toEqual({ stack: 'dev', address: `${PT}.chat`, field: 'lifecycle.ignore_changes' });
  });

  it('refuses a moved block whose from is still declared, naming both addresses, as Terraform does', () => {
    const doc = stackDoc({
      pts: { chat: ptBlock(), chat_v2: ptBlock({ provisioned_model_name: 'dev-chat-v2' }) },
      extra: { moved: [{ from: `${PT}.chat`, to: `${PT}.chat_v2` }] },
    });
    const error = configErrorOf(() => read(doc));
    expect(error.kind).toBe('config');
    expect(error.message).toBe(
      `dev/${PT}.chat moved: moved block from ${PT}.chat to ${PT}.chat_v2: ${PT}.chat is still declared in the configuration; ` +
        `remove the moved block or the resource at ${PT}.chat (Terraform: "Moved object still exists")`,
    );
  });

  it('refuses moved blocks that form a cycle', () => {
    const doc = stackDoc({
      pts: { c: ptBlock() },
      extra: {
        moved: [
          { from: `${PT}.a`, to: `${PT}.b` },
          { from: `${PT}.b`, to: `${PT}.a` },
        ],
      },
    });
    expect(configErrorOf(() => read(doc)).message).toContain(`moved blocks ${PT}.a → ${PT}.b → ${PT}.a form a cycle, so there is no final address to move to`);
  });

  it('refuses two moved blocks that move one address to two places', () => {
    const doc = stackDoc({
      pts: { b: ptBlock(), c: ptBlock({ provisioned_model_name: 'c' }) },
      extra: {
        moved: [
          { from: `${PT}.a`, to: `${PT}.b` },
          { from: `${PT}.a`, to: `${PT}.c` },
        ],
      },
    });
    expect(configErrorOf(() => read(doc)).message).toMatch(
      /another moved block moves \S+\.a to \S+\.b; each address can move to only one destination \(Terraform: "Ambiguous move statements"\)/,
    );
  });

  it('refuses PTs of one stack spread over different providers', () => {
    const doc = stackDoc({
      providers: [{ region: 'us-east-1' }, { alias: 'west', region: 'us-west-2' }],
      pts: { a: ptBlock(), b: ptBlock({ provisioned_model_name: 'b', provider: 'aws.west' }) },
    });
    expect(configErrorOf(() => read(doc)).message).toMatch(/must use the same aws provider \(found aws, aws\.west\)/);
  });

  it('names a provider alias that does not exist', () => {
    const doc = stackDoc({ pts: { chat: ptBlock({ provider: 'aws.east' }) } });
    expect(configErrorOf(() => read(doc)).message).toBe(`dev/${PT}.chat provider: no aws provider with alias "east" (aliases: none)`);
  });

  it('takes the region from the environment when the provider has none, as the AWS provider does', () => {
    const doc = stackDoc({ providers: [{}] });
    expect(read(doc, { AWS_REGION: 'eu-central-1' })[0].provider.region).toBe('eu-central-1');
    expect(configErrorOf(() => read(doc)).message).toMatch(/^dev\/provider\.aws region: no region/);
  });

  it('reports API limit violations of all PTs in one validation error', () => {
    const doc = stackDoc({
      pts: { a: ptBlock({ provisioned_model_name: 'bad name!' }), b: ptBlock({ provisioned_model_name: 'b', model_units: 0 }) },
    });
    const error = configErrorOf(() => read(doc));
    expect(error.kind).toBe('validation');
    expect(error.message).toContain(`dev/${PT}.a provisioned_model_name is "bad name!"`);
    expect(error.message).toContain(`dev/${PT}.b model_units is 0`);
    expect(error.message).not.toContain('\n');
  });

  it('uses terraform.tfstate in the working directory without a backend, and no local path for s3', () => {
    const dir = writeSynthDir({ dev: stackDoc({ backend: null }), prod: stackDoc({ backend: { s3: { bucket: 'b', key: 'k', region: 'us-east-1' } } }) });
    const [dev, prod] = readSynthDir(dir, { env: {} });
    expect(dev.statePath).toBe(path.join(dir, 'stacks', 'dev', 'terraform.tfstate'));
    expect(prod.backend).toEqual({ type: 's3', bucket: 'b', key: 'k', region: 'us-east-1' });
    expect(prod.statePath).toBeUndefined();
  });

  it('does not change the fingerprint for endpoints or declaration order, but does for the PT', () => {
    const base = read(stackDoc({ pts: { a: ptBlock(), b: ptBlock({ provisioned_model_name: 'b' }) } }))[0];
    const reordered = read(stackDoc({ pts: { b: ptBlock({ provisioned_model_name: 'b' }), a: ptBlock() } }))[0];
    const withEndpoint = read(
      stackDoc({
        providers: [{ region: 'us-east-1', default_tags: [{ tags: { Project: 'support-bot' } }], endpoints: [{ bedrock: 'http://localhost:1' }] }],
        pts: { a: ptBlock(), b: ptBlock({ provisioned_model_name: 'b' }) },
      }),
    )[0];
    const moreUnits = read(stackDoc({ pts: { a: ptBlock({ model_units: 2 }), b: ptBlock({ provisioned_model_name: 'b' }) } }))[0];
    expect(reordered.fingerprint).toBe(base.fingerprint);
    expect(withEndpoint.fingerprint).toBe(base.fingerprint);
    expect(moreUnits.fingerprint).not.toBe(base.fingerprint);
  });
});

describe('readSynthDir on malformed synth output', () => {
  it('explains a missing manifest', () => {
    const error = configErrorOf(() => readSynthDir('/nonexistent/cdktf.out', { env: {} }));
    expect(error.kind).toBe('config');
    expect(error.message).toBe(
      '/nonexistent/cdktf.out/manifest.json: not found; run cdktf synth first, or drop --synth-dir so bedrock-pt synthesizes the app from cdktf.json',
    );
  });

  it('names the stack and file of invalid JSON on one line', () => {
    const dir = writeSynthDir({ dev: '{ "resource": ' });
    const error = configErrorOf(() => readSynthDir(dir, { env: {} }));
    expect(error.message).toMatch(/^dev cdk\.tf\.json: .*stacks\/dev\/cdk\.tf\.json is not valid JSON/);
    expect(error.message).not.toContain('\n');
  });

  it('names the manifest field that is missing', () => {
    const dir = writeSynthDir({});
    require('node:fs').writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ stacks: { dev: { name: 'dev' } } }));
    expect(configErrorOf(() => readSynthDir(dir, { env: {} })).message).toBe(
      `${path.join(dir, 'manifest.json')} stacks.dev.synthesizedStackPath: required attribute is missing`,
    );
  });

  it('rejects a moved block across resource types', () => {
    const doc = stackDoc({ extra: { moved: [{ from: `${PT}.chat`, to: 'aws_s3_bucket.chat' }] } });
    expect(configErrorOf(() => readSynthDir(writeSynthDir({ dev: doc }), { env: {} })).message).toMatch(
      /^dev moved\[0\]\.to: "aws_s3_bucket\.chat" must be a aws_bedrock_provisioned_model_throughput\.<name> address/,
    );
  });
});
