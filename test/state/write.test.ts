import * as fs from 'node:fs';
import * as path from 'node:path';
import { documentWithManaged, loadState, writeState } from '../../src/engine/state';
import { PT, copyFixture, managedPt, pendingCreate, readJson, strayFiles, tempDir } from './state-helpers';

describe('writeState', () => {
  it('round-trips the managed view, keeps lineage and bumps serial by one per write', async () => {
    const file = copyFixture('terraform-written.tfstate');
    const before = await loadState(file);
    const managed = structuredClone(before.managed);
    managed.pts[`${PT}.batch`] = managedPt({ address: `${PT}.batch`, name: 'dev-batch', commitment: 'SixMonths', timeouts: { create: '2h' } });
    managed.pending[`${PT}.extra`] = pendingCreate({ address: `${PT}.extra` });

    await writeState(file, documentWithManaged(before.doc, managed, {}));
    const once = await loadState(file);
    await writeState(file, once.doc);
    const twice = await loadState(file);

    expect(once.managed).toEqual({ ...managed, serial: before.managed.serial + 1 });
    expect(twice.managed).toEqual({ ...managed, serial: before.managed.serial + 2 });
    expect(twice.managed.lineage).toBe('3f2b1c9e-6a4d-4f7e-9b1a-2c8d5e6f7a01');
  });

  it('writes PT instances with exactly the provider schema attributes', async () => {
    const file = path.join(tempDir(), 'terraform.dev.tfstate');
    const empty = await loadState(file);
    const managed = structuredClone(empty.managed);
    managed.pts[`${PT}.support_chat`] = managedPt({ tags: {}, region: undefined, timeouts: { create: '90m', delete: '30m' } });
    await writeState(file, documentWithManaged(empty.doc, managed, { providerAlias: 'west', region: 'us-west-2' }));

    const raw = readJson(file);
    expect(raw).toMatchObject({ version: 4, terraform_version: '1.11.4', serial: 1, lineage: empty.managed.lineage, outputs: {}, check_results: null });
    expect(raw.resources).toEqual([
      {
        mode: 'managed',
        type: PT,
        name: 'support_chat',
        provider: 'provider["registry.terraform.io/hashicorp/aws"].west',
        instances: [
          {
            schema_version: 0,
            attributes: {
              commitment_duration: null,
              id: 'arn:aws:bedrock:us-east-1:111111111111:provisioned-model/abcabcabcabc',
              model_arn: 'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0:200k',
              model_units: 1,
              provisioned_model_arn: 'arn:aws:bedrock:us-east-1:111111111111:provisioned-model/abcabcabcabc',
              provisioned_model_name: 'dev-support-chat',
              region: 'us-west-2',
              tags: null,
              tags_all: { CostCenter: 'cc-1234', Project: 'support-bot' },
              timeouts: { create: '90m' },
            },
            sensitive_attributes: [],
          },
        ],
      },
    ]);
    expect(raw.bedrock_pt).toBeUndefined();
  });

  it('stores pending creates under bedrock_pt and drops the key once they are resolved', async () => {
    const file = path.join(tempDir(), 'terraform.dev.tfstate');
    const empty = await loadState(file);
    const withPending = { ...structuredClone(empty.managed), pending: { [`${PT}.batch`]: pendingCreate() } };
    await writeState(file, documentWithManaged(empty.doc, withPending, {}));
    expect(readJson(file).bedrock_pt.pending_creates).toEqual([
      {
        address: `${PT}.batch`,
        name: 'dev-batch',
        model: 'anthropic.claude-3-haiku-20240307-v1:0:200k',
        model_units: 1,
        commitment_duration: 'OneMonth',
        tags: {},
        tags_all: { Project: 'support-bot' },
        client_request_token: 'bedrock-pt-0123456789abcdef',
        started_at: '2026-01-15T10:00:00.000Z',
      },
    ]);
    const loaded = await loadState(file);
    expect(loaded.managed.pending).toEqual(withPending.pending);
    await writeState(file, documentWithManaged(loaded.doc, { ...loaded.managed, pending: {} }, {}));
    expect(readJson(file)).not.toHaveProperty('bedrock_pt');
  });

  it('leaves non-PT resources, outputs, check results and unknown keys as they were', async () => {
    const file = copyFixture('mixed.tfstate');
    const original = readJson(file);
    original.future_key = { kept: true };
    fs.writeFileSync(file, JSON.stringify(original, null, 2));
    const loaded = await loadState(file);
    const managed = structuredClone(loaded.managed);
    managed.pts[`${PT}.support_chat`].tags = { CostCenter: 'cc-9999' };
    managed.pts[`${PT}.new_one`] = managedPt({ address: `${PT}.new_one`, name: 'prod-new' });
    await writeState(file, documentWithManaged(loaded.doc, managed, {}));

    const after = readJson(file);
    const others = (doc: any) => doc.resources.filter((r: any) => r.type !== PT || r.module);
    expect(others(after)).toEqual(others(original));
    expect(after.outputs).toEqual(original.outputs);
    expect(after.check_results).toEqual(original.check_results);
    expect(after.future_key).toEqual({ kept: true });
    const chat = after.resources.find((r: any) => r.type === PT && r.name === 'support_chat' && !r.module);
    // Same PT object: its dependencies stay; its tags change.
    expect(chat.instances[0].dependencies).toEqual(['aws_s3_bucket.logs']);
    expect(chat.instances[0].attributes.tags).toEqual({ CostCenter: 'cc-9999' });
    expect(after.resources.map((r: any) => `${r.module ?? ''}${r.mode}.${r.type}.${r.name}`)).toEqual([
      `data.aws_caller_identity.current`,
      `managed.${PT}.new_one`,
      `managed.${PT}.support_chat`,
      'managed.aws_db_instance.main',
      'managed.aws_s3_bucket.logs',
      'managed.terraform_data.marker',
      `module.networkmanaged.${PT}.inner`,
    ]);
  });

  it('removes a PT resource dropped from the managed view and keeps a deposed object with its key', async () => {
    const file = copyFixture('deposed.tfstate');
    const loaded = await loadState(file);
    await writeState(file, documentWithManaged(loaded.doc, loaded.managed, {}));
    const instances = readJson(file).resources[0].instances;
    expect(instances.map((i: any) => i.deposed)).toEqual([undefined, '9f3c2a1b']);

    const reloaded = await loadState(file);
    await writeState(file, documentWithManaged(reloaded.doc, { ...reloaded.managed, pts: {}, deposed: {} }, {}));
    expect(readJson(file).resources).toEqual([]);
  });

  it("puts a new PT under the provider the state's PTs already use when no alias is given", async () => {
    const file = copyFixture('aliased.tfstate');
    const loaded = await loadState(file);
    const managed = structuredClone(loaded.managed);
    managed.pts[`${PT}.batch`] = managedPt({ address: `${PT}.batch` });
    await writeState(file, documentWithManaged(loaded.doc, managed, {}));
    const batch = readJson(file).resources.find((r: any) => r.name === 'batch');
    expect(batch.provider).toBe('provider["registry.terraform.io/hashicorp/aws"].west');
  });

  it('leaves no temporary files behind', async () => {
    const file = copyFixture('terraform-written.tfstate');
    const loaded = await loadState(file);
    for (let i = 0; i < 3; i++) await writeState(file, loaded.doc);
    expect(strayFiles(path.dirname(file), ['terraform.dev.tfstate'])).toEqual([]);
  });
});
