/** A moved block from hashicorp/aws's resource to bedrockpt's, through real Terraform: the PT stays, nothing is replaced. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BedrockClient, CreateProvisionedModelThroughputCommand } from '@aws-sdk/client-bedrock';
import { fromIni } from '@aws-sdk/credential-providers';
import type { Emulator } from '../../src/emulator';
import { DEV, HAIKU_PT, mutatingCalls, startE2eEmulator } from '../e2e/harness';
import { describeWithTerraform, removeTempDirs, TerraformWorkspace } from './harness';

afterAll(removeTempDirs);

describeWithTerraform('moved from aws_bedrock_provisioned_model_throughput', () => {
  it('moves the state with no replacement', async () => {
    const emulator: Emulator = await startE2eEmulator();
    try {
      const ws = await TerraformWorkspace.create({ emulatorUrl: emulator.url });
      process.env.AWS_SHARED_CREDENTIALS_FILE = ws.env.AWS_SHARED_CREDENTIALS_FILE;
      const bedrock = new BedrockClient({ region: DEV.region, endpoint: emulator.url, credentials: fromIni({ profile: DEV.profile }) });
      const out = await bedrock.send(
        new CreateProvisionedModelThroughputCommand({
          provisionedModelName: 'support-chat',
          modelId: HAIKU_PT,
          modelUnits: 1,
          commitmentDuration: 'OneMonth',
          tags: [{ key: 'Project', value: 'support-bot' }],
        }),
      );
      bedrock.destroy();
      const arn = out.provisionedModelArn!;
      const modelArn = `arn:aws:bedrock:us-east-1::foundation-model/${HAIKU_PT}`;
      fs.writeFileSync(
        path.join(ws.work, 'terraform.tfstate'),
        JSON.stringify({
          version: 4,
          terraform_version: '1.13.0',
          serial: 1,
          lineage: 'b6c4c1c4-0000-0000-0000-000000000001',
          outputs: {},
          resources: [
            {
              mode: 'managed',
              type: 'aws_bedrock_provisioned_model_throughput',
              name: 'chat',
              provider: 'provider["registry.terraform.io/hashicorp/aws"]',
              instances: [
                {
                  schema_version: 0,
                  attributes: {
                    commitment_duration: 'OneMonth',
                    id: arn,
                    model_arn: modelArn,
                    model_units: 1,
                    provisioned_model_arn: arn,
                    provisioned_model_name: 'support-chat',
                    tags: null,
                    tags_all: { Project: 'support-bot' },
                    timeouts: null,
                  },
                  sensitive_attributes: [],
                },
              ],
            },
          ],
        }),
      );
      ws.writeConfig(`terraform {
  required_providers {
    bedrockpt = { source = "bedrock-pt/bedrockpt" }
    aws = { source = "hashicorp/aws", version = "5.100.0" }
  }
}
provider "bedrockpt" {
  region  = "${DEV.region}"
  profile = "${DEV.profile}"
  endpoints {
    bedrock = "${emulator.url}"
    sts     = "${emulator.url}"
  }
  default_tags {
    tags = { Project = "support-bot" }
  }
}
moved {
  from = aws_bedrock_provisioned_model_throughput.chat
  to   = bedrockpt_provisioned_model_throughput.chat
}
resource "bedrockpt_provisioned_model_throughput" "chat" {
  provisioned_model_name = "support-chat"
  model_arn              = "${modelArn}"
  model_units            = 1
  commitment_duration    = "OneMonth"
}
`);
      expect((await ws.terraform(['init', '-input=false', '-no-color'])).code).toBe(0);
      emulator.resetRequests();
      const plan = await ws.terraform(['plan', '-input=false', '-no-color', '-detailed-exitcode']);
      expect(plan.stdout).toContain('has moved to bedrockpt_provisioned_model_throughput.chat');
      expect(plan.stdout).not.toContain('replace');
      const apply = await ws.terraform(['apply', '-auto-approve', '-input=false', '-no-color']);
      expect(apply.code).toBe(0);
      expect(mutatingCalls(emulator)).toEqual([]);
      expect(emulator.inventory(DEV.account, DEV.region).map((p) => p.provisionedModelArn)).toEqual([arn]);
    } finally {
      await emulator.close();
    }
  }, 180_000);
});
