/**
 * Smoke tests of the benchmark harness at tiny sizes: they prove the harness measures what it
 * says (which calls each side makes, which changes the synthetic plan holds), never how fast.
 */
import { runRefreshBench } from '../../bench/refresh';
import { syntheticPlanInput, MIX } from '../../bench/synthetic';
import { planStack } from '../../src/engine/plan';

describe('refresh benchmark', () => {
  it('counts one List for bedrock-pt and a Get plus ListTags per PT for the Terraform-style baseline', async () => {
    const [result] = await runRefreshBench({ sizes: [5], variantSizes: [] });
    const [ours, baseline] = result.runs;
    expect(ours.side).toBe('bedrock-pt');
    expect(ours.calls.ok).toMatchObject({ ListProvisionedModelThroughputs: 1, ListTagsForResource: 5 });
    expect(ours.calls.ok.GetProvisionedModelThroughput).toBeUndefined();
    expect(baseline.side).toBe('terraform-style');
    expect(baseline.calls.ok).toMatchObject({ GetProvisionedModelThroughput: 5, ListTagsForResource: 5 });
    expect(result.callRatio).toBeLessThan(1);
    expect(ours.pointsRead).toBe(5);
  });
});

describe('synthetic planner input', () => {
  it('plans every kind of change, with the unexpired-commitment replaces blocked', () => {
    const plan = planStack(syntheticPlanInput(MIX.length * 2));
    const kinds = new Set(plan.changes.map((c) => (c.blocked ? 'blocked' : c.action)));
    expect([...kinds].sort()).toEqual(['blocked', 'create', 'delete', 'delete-then-create', 'no-op', 'update']);
    expect(plan.changes.filter((c) => c.blocked)).toHaveLength(2);
    expect(plan.applyable).toBe(false);
  });
});
