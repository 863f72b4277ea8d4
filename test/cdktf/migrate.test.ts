/**
 * Moving a stack from hashicorp/aws's PT resource to bedrock-pt's, following the documented
 * steps on state the real hashicorp/aws provider wrote: deploy with `ptResource: 'aws'`, then set
 * `ptResource: 'bedrockpt'` and `migrateFromAws: true`; the first plan shows a move and no
 * replacement, and the deploy sends Bedrock nothing.
 */
import { mutatingCalls, PROD } from '../e2e/harness';
import { describeWithTerraform, removeTempDirs } from '../provider/harness';
import { withCdktfProject } from './cdktf-harness';

afterAll(removeTempDirs);

describeWithTerraform('migrating from aws_bedrock_provisioned_model_throughput', () => {
  const fixture = withCdktfProject();
  const resourcesOf = () => fixture.project.state('prod').resources.map((r) => `${r.type}.${r.name}`);

  it('moves the committed prod PT written by hashicorp/aws to the bedrockpt resource with no replacement', async () => {
    fixture.project.setOverrides({ stack: { ptResource: 'aws' } });
    await fixture.project.succeed(['deploy', 'prod', '--auto-approve', '--skip-provider-lock']);
    expect(resourcesOf()).toContain('aws_bedrock_provisioned_model_throughput.support_chat');
    const [bought] = fixture.emulator.inventory(PROD.account, PROD.region);

    fixture.project.setOverrides({ stack: { ptResource: 'bedrockpt', migrateFromAws: true } });
    fixture.emulator.resetRequests();
    const plan = await fixture.project.succeed(['plan', 'prod', '--skip-provider-lock']);
    expect(plan.stdout).toContain('aws_bedrock_provisioned_model_throughput.support_chat has moved to bedrockpt_provisioned_model_throughput.support_chat');
    expect(plan.stdout).not.toMatch(/must be replaced|will be destroyed|will be created/);
    expect(plan.stdout).toContain('Plan: 0 to add, 0 to change, 0 to destroy.');

    await fixture.project.succeed(['deploy', 'prod', '--auto-approve', '--skip-provider-lock']);
    expect(mutatingCalls(fixture.emulator)).toEqual([]);
    expect(resourcesOf()).toContain('bedrockpt_provisioned_model_throughput.support_chat');
    expect(resourcesOf()).not.toContain('aws_bedrock_provisioned_model_throughput.support_chat');
    expect(fixture.emulator.inventory(PROD.account, PROD.region).map((p) => p.provisionedModelArn)).toEqual([bought.provisionedModelArn]);
  }, 600_000);
});
