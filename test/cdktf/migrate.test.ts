/**
 * Moving a stack from hashicorp/aws's PT resource to bedrock-pt's, following the documented
 * steps on state the real hashicorp/aws provider wrote: deploy with `ptResource: 'aws'`, then set
 * `ptResource: 'bedrockpt'` and `migrateFromAws: true`; the first plan shows a move and no
 * replacement, and the deploy sends Bedrock nothing.
 */
import type { Emulator } from '../../src/emulator';
import { mutatingCalls, PROD, startE2eEmulator } from '../e2e/harness';
import { describeWithTerraform, removeTempDirs, TerraformWorkspace } from '../provider/harness';
import { CdktfProject } from './cdktf-harness';

afterAll(removeTempDirs);

describeWithTerraform('migrating from aws_bedrock_provisioned_model_throughput', () => {
  let emulator: Emulator;
  let project: CdktfProject;

  beforeAll(async () => {
    emulator = await startE2eEmulator();
    project = new CdktfProject(await TerraformWorkspace.create({ emulatorUrl: emulator.url }));
  });
  afterAll(() => emulator?.close());

  const resourcesOf = () => project.state('prod').resources.map((r) => `${r.type}.${r.name}`);

  it('moves the committed prod PT written by hashicorp/aws to the bedrockpt resource with no replacement', async () => {
    project.setOverrides({ stack: { ptResource: 'aws' } });
    const first = await project.cdktf(['deploy', 'prod', '--auto-approve', '--skip-provider-lock']);
    if (first.code !== 0) console.log(first.stdout, first.stderr);
    expect(first.code).toBe(0);
    expect(resourcesOf()).toContain('aws_bedrock_provisioned_model_throughput.support_chat');
    const [bought] = emulator.inventory(PROD.account, PROD.region);

    project.setOverrides({ stack: { ptResource: 'bedrockpt', migrateFromAws: true } });
    emulator.resetRequests();
    const plan = await project.cdktf(['plan', 'prod', '--skip-provider-lock']);
    if (plan.code !== 0) console.log(plan.stdout, plan.stderr);
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain('aws_bedrock_provisioned_model_throughput.support_chat has moved to bedrockpt_provisioned_model_throughput.support_chat');
    expect(plan.stdout).not.toMatch(/must be replaced|will be destroyed|will be created/);
    expect(plan.stdout).toContain('Plan: 0 to add, 0 to change, 0 to destroy.');

    const deploy = await project.cdktf(['deploy', 'prod', '--auto-approve', '--skip-provider-lock']);
    if (deploy.code !== 0) console.log(deploy.stdout, deploy.stderr);
    expect(deploy.code).toBe(0);
    expect(mutatingCalls(emulator)).toEqual([]);
    expect(resourcesOf()).toContain('bedrockpt_provisioned_model_throughput.support_chat');
    expect(resourcesOf()).not.toContain('aws_bedrock_provisioned_model_throughput.support_chat');
    expect(emulator.inventory(PROD.account, PROD.region).map((p) => p.provisionedModelArn)).toEqual([bought.provisionedModelArn]);
  }, 600_000);
});
