import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadState } from '../../src/engine/state';
import { BedrockPtError } from '../../src/engine/errors';
import { FIXTURES, PT, copyFixture, tempDir } from './state-helpers';

async function stateErrorOf(file: string): Promise<BedrockPtError> {
  const error = await loadState(file).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BedrockPtError);
  return error as BedrockPtError;
}

describe('loadState on Terraform-written state', () => {
  it('reads a PT with the provider attribute names', async () => {
    const loaded = await loadState(path.join(FIXTURES, 'terraform-written.tfstate'));
    expect(loaded.exists).toBe(true);
    expect(loaded.managed).toEqual({
      lineage: '3f2b1c9e-6a4d-4f7e-9b1a-2c8d5e6f7a01',
      serial: 7,
      pts: {
        [`${PT}.support_chat`]: {
          address: `${PT}.support_chat`,
          arn: 'arn:aws:bedrock:us-east-1:111111111111:provisioned-model/a1b2c3d4e5f6',
          name: 'dev-support-chat',
          modelArn: 'arn:aws:bedrock:us-east-1:111111111111:custom-model/amazon.titan-text-express-v1:0:8k/devsupport01',
          modelUnits: 1,
          tags: { CostCenter: 'cc-1234' },
          tagsAll: { CostCenter: 'cc-1234', Environment: 'dev', ManagedBy: 'bedrock-pt', Project: 'support-bot' },
          region: 'us-east-1',
        },
      },
      pending: {},
      deposed: {},
    });
  });

  it('reads a PT under an aliased provider with commitment, null tags and a create timeout', async () => {
    const { managed } = await loadState(path.join(FIXTURES, 'aliased.tfstate'));
    const pt = managed.pts[`${PT}.support_chat`];
    expect(pt.commitment).toBe('OneMonth');
    expect(pt.tags).toEqual({});
    expect(pt.timeouts).toEqual({ create: '90m' });
    expect(pt.region).toBe('us-west-2');
  });

  it('counts only root-module PTs as managed and carries the other resources in the document', async () => {
    const loaded = await loadState(path.join(FIXTURES, 'mixed.tfstate'));
    expect(Object.keys(loaded.managed.pts)).toEqual([`${PT}.support_chat`]);
    expect(loaded.doc.resources).toHaveLength(6);
  });

  it('reads a deposed PT left by create_before_destroy', async () => {
    const { managed } = await loadState(path.join(FIXTURES, 'deposed.tfstate'));
    expect(managed.pts[`${PT}.support_chat`].arn).toMatch(/newnewnewnew$/);
    const deposed = Object.values(managed.deposed!);
    expect(deposed).toHaveLength(1);
    expect(deposed[0]).toMatchObject({ address: `${PT}.support_chat`, name: 'dev-support-chat', modelUnits: 1 });
  });
});

describe('loadState on a missing or unusable file', () => {
  it('gives an empty state with a fresh lineage and writes nothing', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'terraform.dev.tfstate');
    const first = await loadState(file);
    const second = await loadState(file);
    expect(first.exists).toBe(false);
    expect(first.managed.pts).toEqual({});
    expect(first.managed.serial).toBe(0);
    expect(first.managed.lineage).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(second.managed.lineage).not.toBe(first.managed.lineage);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  const cases: [string, (doc: any) => string, RegExp][] = [
    ['corrupt JSON', () => '{"version": 4, "resources": [', /is not valid JSON/],
    ['format version 3', (d) => JSON.stringify({ ...d, version: 3 }), /uses state format version 3; bedrock-pt reads version 4/],
    ['format version 5', (d) => JSON.stringify({ ...d, version: 5 }), /uses state format version 5, newer than bedrock-pt reads \(4\)/],
    ['a future Terraform major', (d) => JSON.stringify({ ...d, terraform_version: '2.0.0' }), /was written by Terraform 2\.0\.0/],
    [
      'a PT with a non-number model_units',
      (d) => {
        d.resources[0].instances[0].attributes.model_units = '1';
        return JSON.stringify(d);
      },
      new RegExp(`state ${PT}\\.support_chat model_units: expected a whole number`),
    ],
  ];
  it.each(cases)('refuses %s with a one-line state error and leaves the file alone', async (_name, mutate, pattern) => {
    const file = copyFixture('terraform-written.tfstate');
    const content = mutate(JSON.parse(fs.readFileSync(file, 'utf8')));
    fs.writeFileSync(file, content);
    const error = await stateErrorOf(file);
    expect(error.kind).toBe('state');
    expect(error.message).toMatch(pattern);
    expect(error.message).toContain(file);
    expect(error.message).not.toContain('\n');
    expect(fs.readFileSync(file, 'utf8')).toBe(content);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['terraform.dev.tfstate']);
  });
});
