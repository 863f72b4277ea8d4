/** The Terraform-path example's team-state flag: BEDROCK_PT_STATE_BUCKET moves every stack to its own locked S3 object. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildTerraformApp, stateBackendFromEnv } from '../../examples/terraform-app/main';
import { synthApp } from '../../src/resources';
import { removeTempDirs, tempDir } from '../resources/builders';

afterAll(removeTempDirs);

const STACKS = ['dev', 'staging', 'prod'];

/** Each stack's terraform.backend after a real synth with the example's flag read from `env`. */
function backends(env: NodeJS.ProcessEnv): Record<string, unknown> {
  const outdir = tempDir();
  const backend = stateBackendFromEnv(env);
  synthApp(buildTerraformApp({ outdir, stackProps: backend && { backend } }));
  return Object.fromEntries(STACKS.map((s) => [s, JSON.parse(readFileSync(join(outdir, 'stacks', s, 'cdk.tf.json'), 'utf8')).terraform.backend]));
}

describe("the Terraform-path example's state", () => {
  it('stays in one local file per stack without the flag', () => {
    for (const backend of Object.values(backends({}))) expect(Object.keys(backend as object)).toEqual(['local']);
  });

  it('goes to <bucket>/support-bot/<stack>.tfstate, locked by a lock object, with BEDROCK_PT_STATE_BUCKET', () => {
    expect(backends({ BEDROCK_PT_STATE_BUCKET: 'acme-tf-state' })).toEqual(
      Object.fromEntries(
        STACKS.map((s) => [
          s,
          {
            s3: { bucket: 'acme-tf-state', key: `support-bot/${s}.tfstate`, region: 'us-east-1', profile: 'bedrock-pt-state', use_lockfile: true },
          },
        ]),
      ),
    );
  });

  it('locks with the DynamoDB table and reaches local servers when told to', () => {
    const prod = backends({
      BEDROCK_PT_STATE_BUCKET: 'tf-state',
      BEDROCK_PT_LOCK_TABLE: 'tf-locks',
      BEDROCK_PT_STATE_ENDPOINT: 'http://127.0.0.1:4569',
      BEDROCK_PT_LOCK_ENDPOINT: 'http://127.0.0.1:4570',
    }).prod as { s3: Record<string, unknown> };
    expect(prod.s3).toMatchObject({
      dynamodb_table: 'tf-locks',
      endpoints: { s3: 'http://127.0.0.1:4569', dynamodb: 'http://127.0.0.1:4570' },
      use_path_style: true,
    });
    expect(prod.s3).not.toHaveProperty('use_lockfile');
  });
});
