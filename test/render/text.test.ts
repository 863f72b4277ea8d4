/** The Terraform-style text plan: content, markers and colour, on plans made by the real planner. */
import { planStack, summarize } from '../../src/engine/plan';
import { renderText } from '../../src/engine/render/text';
import type { StackPlan } from '../../src/engine/model';
import { ADDRESS, aDesiredPt, aLivePt, aManagedPt, address, anInput, daysFromNow, inSync, liveFor, ptArn } from '../plan/builders';

const ANSI = /\u001b\[[0-9;]*m/;

function named(plan: StackPlan, stack: string): StackPlan {
  return { ...plan, stack };
}

const replacePlan = () => planStack(anInput(inSync({ desired: { modelUnits: 3 } })));

describe('renderText', () => {
  it('shows a replace with -/+, the forcing attribute and the reason', () => {
    const text = renderText([replacePlan()], { color: false });
    expect(text).toContain(`  # ${ADDRESS} must be replaced`);
    expect(text).toContain('-/+ resource "aws_bedrock_provisioned_model_throughput" "support_chat" {');
    expect(text).toMatch(/~ model_units\s+= 2 -> 3 # forces replacement/);
    expect(text).toContain('forces replacement: model units cannot be changed on an existing Provisioned Throughput');
    expect(text).toMatch(/~ provisioned_model_arn\s+= "arn:[^"]+" -> \(known after apply\)/);
    expect(text).toContain('Plan: 1 to add, 0 to change, 1 to destroy.');
  });

  it('shows which change waits for which name, and the temporary name that breaks a swap', () => {
    const a = aManagedPt({ address: address('a'), arn: ptArn('a'), name: 'alpha' });
    const b = aManagedPt({ address: address('b'), arn: ptArn('b'), name: 'beta' });
    const plan = planStack(
      anInput({
        desired: [aDesiredPt({ address: address('a'), name: 'beta' }), aDesiredPt({ address: address('b'), name: 'alpha' })],
        managed: [a, b],
        live: [liveFor(a), liveFor(b)],
      }),
    );
    const temporary = plan.changes[0].viaTemporaryName;
    const text = renderText([plan], { color: false });
    expect(text).toContain(`  # (renamed to the temporary name "${temporary}" first, to free "alpha")`);
    expect(text).toContain(`  # (takes the name "beta" after ${address('b')} frees it)`);
    expect(text).toContain(`  # (takes the name "alpha" after ${address('a')} frees it)`);
  });

  it('shows a create-first replace with +/-', () => {
    const plan = planStack(anInput(inSync({ desired: { modelUnits: 3, name: 'prod-chat-b', lifecycle: { createBeforeDestroy: true } } })));
    expect(renderText([plan], { color: false })).toContain('+/- resource "aws_bedrock_provisioned_model_throughput" "support_chat" {');
  });

  it('shows creates, in-place updates with tag element diffs, and destroys', () => {
    const plan = planStack(
      anInput({
        desired: [aDesiredPt({ address: address('new'), name: 'new' }), aDesiredPt({ tags: { CostCenter: 'cc-9999', Tier: 'critical' } })],
        managed: [aManagedPt(), aManagedPt({ address: address('old'), arn: ptArn('old'), name: 'old' })],
        live: [liveFor(aManagedPt()), aLivePt({ arn: ptArn('old'), name: 'old' })],
      }),
    );
    const text = renderText([plan], { color: false });
    expect(text).toContain(`  # ${address('new')} will be created`);
    expect(text).toContain('  + resource "aws_bedrock_provisioned_model_throughput" "new" {');
    expect(text).toMatch(/\+ id\s+= \(known after apply\)/);
    expect(text).toMatch(/\+ provisioned_model_name = "new"/);
    expect(text).toContain(`  # ${ADDRESS} will be updated in-place`);
    expect(text).toMatch(/~ "CostCenter"\s+= "cc-1234" -> "cc-9999"/);
    expect(text).toMatch(/\+ "Tier"\s+= "critical"/);
    expect(text).toContain('# (3 unchanged elements hidden)');
    expect(text).toContain(`  # ${address('old')} will be destroyed`);
    expect(text).toMatch(/- provisioned_model_name = "old" -> null/);
    expect(text).toContain('Plan: 1 to add, 1 to change, 1 to destroy.');
  });

  it('marks a blocked destroy and prints the error with the way out', () => {
    const managed = aManagedPt({ commitment: 'SixMonths' });
    const plan = planStack(anInput({ managed: [managed], live: [liveFor(managed, { commitmentExpirationTime: daysFromNow(45) })] }));
    const text = renderText([plan], { color: false });
    expect(text).toMatch(/# \(blocked\) Cannot be destroyed: the SixMonths commitment of "prod-support-chat" runs until 2025-07-16 00:00 UTC \(45 days left\)/);
    expect(text).toContain('│ Error: Cannot be destroyed');
    expect(text).toContain(`bedrock-pt state rm --stack prod ${ADDRESS}`);
    expect(text).toContain('(1 blocked)');
    expect(text).toContain('gives up 2,160 model-unit-hours of commitment');
    expect(text).toContain('This plan cannot be applied');
  });

  it('prints warnings as Warning blocks and notes as Note lines', () => {
    const plan = planStack(anInput({ ...inSync({ desired: { name: 'renamed' }, live: { status: 'Updating' } }), otherResourceCount: 2 }));
    const text = renderText([plan], { color: false });
    expect(text).toContain('│ Warning: "prod-support-chat" is Updating now');
    expect(text).toContain('Note: 2 resources of other types');
    expect(text).not.toContain('cannot be applied');
  });

  it('shows drift under "Objects have changed outside of bedrock-pt" before the actions', () => {
    const plan = planStack(
      anInput({
        ...inSync({ live: { name: 'renamed-by-hand' } }),
        desired: [aDesiredPt(), aDesiredPt({ address: address('lost'), name: 'lost' })],
        managed: [aManagedPt(), aManagedPt({ address: address('lost'), arn: ptArn('lost'), name: 'lost' })],
      }),
    );
    const text = renderText([plan], { color: false });
    const drift = text.indexOf('Objects have changed outside of bedrock-pt');
    expect(drift).toBeGreaterThan(-1);
    expect(drift).toBeLessThan(text.indexOf('will perform the following actions'));
    expect(text).toContain(`  # ${ADDRESS} has changed`);
    expect(text).toMatch(/~ provisioned_model_name = "prod-support-chat" -> "renamed-by-hand"/);
    expect(text).toContain(`  # ${address('lost')} has been deleted`);
  });

  it('shows moves and imports that call no API', () => {
    const plan = planStack(
      anInput({
        desired: [aDesiredPt({ address: address('chat') }), aDesiredPt({ address: address('adopted'), name: 'adopted' })],
        managed: [aManagedPt()],
        live: [liveFor(aManagedPt()), aLivePt({ arn: ptArn('adopted'), name: 'adopted' })],
        moved: [{ from: ADDRESS, to: address('chat') }],
        imports: [{ to: address('adopted'), id: 'adopted' }],
      }),
    );
    const text = renderText([plan], { color: false });
    expect(text).toContain(`  # ${ADDRESS} has moved to ${address('chat')}`);
    expect(text).toContain(`  # ${address('adopted')} will be imported`);
    expect(text).toContain('Plan: 1 to import, 0 to add, 0 to change, 0 to destroy.');
  });

  it('says "No changes" when nothing is to be done', () => {
    const text = renderText([planStack(anInput(inSync()))], { color: false });
    expect(text).toContain('No changes. Your infrastructure matches the configuration.');
    expect(text).not.toContain('Plan:');
  });

  it('prints one section per stack and a total across stacks', () => {
    const plans = [named(replacePlan(), 'dev'), named(planStack(anInput({ desired: [aDesiredPt()] })), 'staging'), named(planStack(anInput(inSync())), 'prod')];
    const text = renderText(plans, { color: false });
    expect(text.indexOf('Stack: dev')).toBeLessThan(text.indexOf('Stack: staging'));
    expect(text.indexOf('Stack: staging')).toBeLessThan(text.indexOf('Stack: prod'));
    expect(text).toContain('Total across 3 stacks: 2 to add, 0 to change, 1 to destroy.');
    expect(summarize(plans).total).toEqual({ add: 2, change: 0, destroy: 1, replace: 1, import: 0, move: 0, blocked: 0 });
  });

  it('uses ANSI colour only when asked', () => {
    const plan = replacePlan();
    expect(renderText([plan], { color: false })).not.toMatch(ANSI);
    const coloured = renderText([plan], { color: true });
    expect(coloured).toMatch(ANSI);
    expect(coloured.replace(/\u001b\[[0-9;]*m/g, '')).toBe(renderText([plan], { color: false }));
  });
});
