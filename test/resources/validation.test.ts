import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { TerraformVariable } from '../../src/resources/cdk';
import { AppValidationError, EnvironmentStack, Model, ProvisionedThroughput, collectValidationErrors, synthApp, validateApp } from '../../src/resources';
import { manyTags, newApp, prodApp, prodPtProps, prodStackProps, terraformJson, removeTempDirs } from './builders';

afterAll(removeTempDirs);

const AT = 'prod/support_chat: ';

function errorsOf(...args: Parameters<typeof prodApp>): string[] {
  return collectValidationErrors(prodApp(...args).app);
}

describe('synth-time validation of a Provisioned Throughput', () => {
  it('finds nothing wrong with a valid PT', () => {
    expect(errorsOf()).toEqual([]);
  });

  it.each([
    ['', 'empty'],
    ['a'.repeat(64), 'too long'],
    ['prod support chat', 'a space'],
    ['prod--support', 'two separators in a row'],
    ['-prod', 'a leading separator'],
  ])('rejects the name %j (%s)', (name) => {
    expect(errorsOf({ name })).toEqual([`${AT}name is ${JSON.stringify(name)}; must be 1-63 characters matching ^([0-9a-zA-Z][_-]?)+$`]);
  });

  it('accepts a 63-character name with single separators', () => {
    expect(errorsOf({ name: `a_b-${'c'.repeat(59)}` })).toEqual([]);
  });

  it.each([0, -1, 1.5, Number.NaN])('rejects modelUnits %p', (modelUnits) => {
    expect(errorsOf({ modelUnits })).toEqual([`${AT}modelUnits is ${modelUnits}; must be an integer >= 1`]);
  });

  it('rejects a commitment outside the API enum', () => {
    expect(errorsOf({ commitment: 'OneYear' as never })).toEqual([
      `${AT}commitment is "OneYear"; must be one of "OneMonth", "SixMonths" (omit it for no commitment)`,
    ]);
  });

  it.each([
    ['Anthropic.Claude', 'upper case in a foundation-model ID'],
    ['arn:aws:bedrock:us-east-1:111111111111:custom-model/amazon.titan/short', 'a custom-model ARN with a short suffix'],
    ['', 'empty'],
  ])('rejects the model %j (%s) by the ModelIdentifier pattern', (model) => {
    const errors = errorsOf({ model });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(`${AT}model is ${JSON.stringify(model)}; must be 1-2048 characters matching the Bedrock ModelIdentifier pattern`);
  });

  it('rejects a model identifier longer than 2048 characters', () => {
    const model = `a.${'b'.repeat(2047)}`;
    const [error] = errorsOf({ model });
    expect(error).toContain(`${AT}model is "a.bbb`);
    expect(error).toContain('(2049 characters)');
    expect(error).toContain('must be 1-2048 characters');
  });

  it('rejects a bare custom-model name, which Terraform cannot take as model_arn', () => {
    expect(errorsOf({ model: 'my-custom-model' })).toEqual([
      `${AT}model is "my-custom-model", which is neither an ARN nor a foundation-model ID; must be a foundation-model ID (provider.model) or an ARN; give a custom model with Model.custom(arn)`,
    ]);
    expect(errorsOf({ model: Model.custom('my-custom-model') })).toEqual([
      `${AT}model is "my-custom-model"; must be the custom model's ARN (Terraform's model_arn accepts only ARNs)`,
    ]);
  });

  it('asks for a region when a foundation-model ID cannot become an ARN', () => {
    expect(errorsOf({}, { region: undefined as never })).toEqual([
      `${AT}model is the foundation-model ID "${prodPtProps().model}" but the AWS provider sets no region; must be an ARN, or the provider must set region so the ARN can be formed`,
    ]);
  });

  it('rejects tag keys and values outside the allowed characters and lengths', () => {
    const errors = errorsOf({ tags: { 'bad#key': 'ok', ['k'.repeat(129)]: 'ok', good: 'bad!value', long: 'v'.repeat(257) } });
    expect(errors).toEqual([
      `${AT}tags has key "bad#key"; a tag key must be 1-128 characters of ^[a-zA-Z0-9\\s._:/=+@-]*$`,
      expect.stringMatching(/^prod\/support_chat: tags has key "k+…" \(129 characters\); a tag key must be 1-128 characters/),
      `${AT}tags has value "bad!value" for key "good"; a tag value must be 0-256 characters of ^[a-zA-Z0-9\\s._:/=+@-]*$`,
      expect.stringMatching(/^prod\/support_chat: tags has value "v+…" \(257 characters\) for key "long"; a tag value must be 0-256/),
    ]);
  });

  it('accepts an empty tag value', () => {
    expect(errorsOf({ tags: { Owner: '' } })).toEqual([]);
  });

  it('rejects tag keys in the reserved aws: namespace', () => {
    expect(errorsOf({ tags: { 'aws:createdBy': 'me' } })).toEqual([
      `${AT}tags has key "aws:createdBy"; a tag key must not start with "aws:" (reserved for AWS)`,
    ]);
  });

  it('counts the provider default tags toward the 50-tag limit', () => {
    // Three default tags + 48 resource tags = 51 in tags_all.
    expect(errorsOf({ tags: manyTags(48) })).toEqual([
      `${AT}tags gives 51 tags once merged with the provider's default tags (tags_all); must be at most 50 per resource`,
    ]);
    expect(errorsOf({ tags: manyTags(47) })).toEqual([]);
  });

  it('counts a resource tag that overrides a default tag once', () => {
    expect(errorsOf({ tags: { ...manyTags(47), Project: 'other' } })).toEqual([]);
  });

  it('rejects a create timeout that is not a duration', () => {
    expect(errorsOf({ timeouts: { create: '1 hour' } })).toEqual([`${AT}timeouts.create is "1 hour"; must be a duration such as "30s", "60m" or "2h45m"`]);
  });

  it('rejects ignoreChanges naming an attribute the resource does not have', () => {
    const [error] = errorsOf({ ignoreChanges: ['tags', 'modelUnits'] });
    expect(error).toMatch(/^prod\/support_chat: ignoreChanges names "modelUnits"; must name attributes among .*model_units/);
  });

  it('accepts ignoreChanges on one tag key and rejects a key path into a non-map attribute', () => {
    expect(errorsOf({ ignoreChanges: ['tags["Owner"]', 'tags_all.Team'] })).toEqual([]);
    expect(errorsOf({ ignoreChanges: ['model_units["x"]'] })).toEqual([
      `${AT}ignoreChanges names "model_units[\\"x\\"]"; model_units is not a map, so ignore_changes can only name it whole; key paths go only into tags and tags_all`,
    ]);
  });

  it('reports every broken rule of one PT together', () => {
    const errors = errorsOf({ name: 'bad name', modelUnits: 0, tags: { 'aws:x': 'y' } });
    expect(errors.map((e) => e.split(';')[0])).toEqual([`${AT}name is "bad name"`, `${AT}modelUnits is 0`, `${AT}tags has key "aws:x"`]);
  });

  it('skips literal checks for values only known at apply time', () => {
    const app = newApp();
    const stack = new EnvironmentStack(app, 'prod', prodStackProps());
    const text = (id: string) => new TerraformVariable(stack, id, { type: 'string' }).stringValue;
    new ProvisionedThroughput(stack, 'support_chat', {
      name: text('name'),
      model: text('model'),
      modelUnits: new TerraformVariable(stack, 'units', { type: 'number' }).numberValue,
      tags: { [text('key')]: text('value') },
      timeouts: { create: text('timeout') },
    });
    expect(collectValidationErrors(app)).toEqual([]);
    const pt = terraformJson(stack).resource.aws_bedrock_provisioned_model_throughput.support_chat;
    expect(pt.model_arn).toBe('${var.model}');
    expect(pt.model_units).toBe('${var.units}');
  });
});

describe('synth-time validation of an environment stack', () => {
  it('checks the default tags with the tag rules', () => {
    const app = newApp();
    new EnvironmentStack(app, 'prod', prodStackProps({ defaultTags: { 'aws:team': 'x', Team: 'a|b' } }));
    expect(collectValidationErrors(app)).toEqual([
      'prod: defaultTags has key "aws:team"; a tag key must not start with "aws:" (reserved for AWS)',
      'prod: defaultTags has value "a|b" for key "Team"; a tag value must be 0-256 characters of ^[a-zA-Z0-9\\s._:/=+@-]*$',
    ]);
  });

  it('rejects more than 50 default tags', () => {
    const app = newApp();
    new EnvironmentStack(app, 'prod', prodStackProps({ defaultTags: manyTags(51) }));
    expect(collectValidationErrors(app)).toEqual(['prod: defaultTags gives 51 default tags; must be at most 50 per resource']);
  });
});

describe('validateApp and synthApp', () => {
  function twoBadStacks() {
    const app = newApp();
    const dev = new EnvironmentStack(app, 'dev', prodStackProps());
    new ProvisionedThroughput(dev, 'support_chat', prodPtProps({ modelUnits: 0 }));
    const prod = new EnvironmentStack(app, 'prod', prodStackProps());
    new ProvisionedThroughput(prod, 'support_chat', prodPtProps({ name: 'bad name' }));
    return app;
  }

  it('reports the errors of all stacks in one throw and writes nothing', () => {
    const app = twoBadStacks();
    let thrown: unknown;
    try {
      validateApp(app);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AppValidationError);
    const error = thrown as AppValidationError;
    expect(error.kind).toBe('validation');
    expect(error.problems).toEqual([
      'dev/support_chat: modelUnits is 0; must be an integer >= 1',
      'prod/support_chat: name is "bad name"; must be 1-63 characters matching ^([0-9a-zA-Z][_-]?)+$',
    ]);
    expect(error.message).toContain('dev/support_chat: modelUnits is 0');
    expect(error.message).toContain('prod/support_chat: name is "bad name"');
    expect(existsSync(join(app.outdir, 'manifest.json'))).toBe(false);
    expect(existsSync(join(app.outdir, 'stacks', 'dev'))).toBe(false);
  });

  it('is needed because cdktf alone stops at the first failing stack', () => {
    const app = twoBadStacks();
    expect(() => app.synth()).toThrow(/\[dev\/support_chat\] modelUnits is 0/);
    expect(() => twoBadStacks().synth()).not.toThrow(/prod\/support_chat/);
  });

  it('synthesizes a valid app', () => {
    const { app } = prodApp();
    synthApp(app);
    expect(existsSync(join(app.outdir, 'stacks', 'prod', 'cdk.tf.json'))).toBe(true);
  });
});
