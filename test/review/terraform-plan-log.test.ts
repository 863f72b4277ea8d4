/**
 * Reading `terraform plan -json` output for the PR comment: the provider's refusals become
 * blocked changes rendered as the standalone path renders them, warnings stay warnings, and a
 * JSON plan of the same stack gains what only the log has.
 */
import { planStack } from '../../src/engine/plan';
import type { QuotaRead } from '../../src/engine/model';
import { renderMarkdown } from '../../src/engine/render/markdown';
import { renderReview } from '../../src/engine/render/review';
import { readTerraformPlan } from '../../src/engine/terraform-plan/show-json';
import { isPlanLog, placeRefusal, readPlanLog, withPlanLog } from '../../src/engine/terraform-plan/plan-log';
import {
  aDesiredPt,
  aManagedPt,
  anInput,
  address,
  daysFromNow,
  foundationFacts,
  HAIKU_ARN,
  HAIKU_ID,
  inSync,
  liveFor,
  modelIndex,
  ptArn,
} from '../plan/builders';

const TYPE = 'bedrockpt_provisioned_model_throughput';
const ARN = ptArn('abc123def456');

const line = (type: string, fields: Record<string, unknown>) =>
  JSON.stringify({ '@level': 'info', '@message': type, '@module': 'terraform.ui', type, ...fields });
const version = line('version', { terraform: '1.11.4', ui: '1.2' });
const refreshed = (addr: string, arn: string) => line('refresh_complete', { hook: { resource: { addr, resource_type: TYPE }, id_key: 'id', id_value: arn } });
const diagnostic = (severity: string, summary: string, detail?: string, addr?: string) =>
  line('diagnostic', { '@level': severity, diagnostic: { severity, summary, ...(detail ? { detail } : {}), ...(addr ? { address: addr } : {}) } });
const planned = (addr: string, action: string, type = TYPE) => line('planned_change', { change: { resource: { addr, resource_type: type }, action } });

/** A committed PT whose units change (a replace the commitment blocks), as the standalone planner plans it. */
function blockedReplace() {
  return planStack(anInput(inSync({ desired: { modelUnits: 3, commitment: 'SixMonths' }, managed: { commitment: 'SixMonths' } })));
}

describe("the provider's refusals", () => {
  it("are placed by the words the planner's own rules use", () => {
    const replace = blockedReplace();
    const managed = aManagedPt({ commitment: 'OneMonth' });
    const destroy = planStack(anInput({ managed: [managed], live: [liveFor(managed, { commitmentExpirationTime: daysFromNow(30) })] }));
    const models = modelIndex(foundationFacts(HAIKU_ID, HAIKU_ARN, { displayName: 'Anthropic Claude 3 Haiku 200K' }));
    const quotas: QuotaRead = {
      readable: true,
      quotas: [{ code: 'L-1', name: 'Model units per provisioned model for Anthropic Claude 3 Haiku 200K', value: 0 }],
    };
    const input = anInput({ desired: [aDesiredPt({ commitment: 'OneMonth' })], models });
    const create = planStack({ ...input, live: { ...input.live, quotas } });
    const unreadable = planStack({ ...input, live: { ...input.live, quotas: { readable: false, reason: 'denied' } } });
    for (const plan of [replace, destroy, create]) {
      const [error] = plan.diagnostics.filter((d) => d.severity === 'error');
      const change = plan.changes.find((c) => c.address === error.address)!;
      expect(placeRefusal(error.summary)).toEqual({ code: error.code, action: change.action });
    }
    const [warning] = unreadable.diagnostics.filter((d) => d.code === 'quota-unchecked');
    expect(placeRefusal(warning.summary)).toEqual({ code: 'quota-unchecked' });
  });

  it('render under the blocked changes as the standalone path renders the same blocked change', () => {
    const standalone = blockedReplace();
    const [error] = standalone.diagnostics.filter((d) => d.severity === 'error');
    const mine = renderMarkdown([standalone]).split('\n');
    const log = [version, refreshed(address(), standalone.changes[0].arn!), diagnostic('error', error.summary, error.detail, address())].join('\n');
    const theirs = renderReview([readPlanLog('prod', 'prod.jsonl', log)]).split('\n');
    const head = mine.find((l) => l.startsWith('- ⛔ **blocked**'))!;
    const reason = mine.find((l) => l.startsWith('  - ⛔ '))!;
    expect(head).toContain('♻️ replace (destroy, then create)');
    expect(theirs).toContain(head);
    expect(theirs).toContain(reason);
    expect(theirs[1]).toBe(mine[1]);
  });
});

describe('readPlanLog', () => {
  it('tells a plan log from a JSON plan', () => {
    expect(isPlanLog(`${version}\n`)).toBe(true);
    expect(isPlanLog(JSON.stringify({ format_version: '1.2', resource_changes: [] }))).toBe(false);
  });

  it('reads planned changes, the account and region from refreshed ARNs, and warnings; an applyable plan stays applyable', () => {
    const log = [
      version,
      refreshed(`${TYPE}.kept`, ARN),
      planned(`${TYPE}.fresh`, 'create'),
      planned('aws_iam_policy.reader', 'update', 'aws_iam_policy'),
      diagnostic(
        'warning',
        'Model-unit quotas could not be read, so the 1 model unit(s) this plan buys are not checked against them',
        'access denied for servicequotas:ListServiceQuotas',
      ),
    ].join('\n');
    const { plan, others } = readPlanLog('dev', 'dev.jsonl', log);
    expect(plan).toMatchObject({ account: '333333333333', region: 'us-east-1', applyable: true });
    expect(plan.changes.map((c) => [c.address, c.action, c.blocked])).toEqual([[`${TYPE}.fresh`, 'create', false]]);
    expect(others).toEqual([{ address: 'aws_iam_policy.reader', action: 'update' }]);
    const md = renderReview([{ plan, others }]);
    expect(md).toContain('- ⚠️ `dev`: Model-unit quotas could not be read');
    expect(md).toMatch(/\| `dev` \| 333333333333 \| us-east-1 \| 1 \|/);
  });

  it('lists an error it cannot place as an error of the stack, and the plan as blocked', () => {
    const { plan } = readPlanLog('dev', 'dev.jsonl', [version, diagnostic('error', 'Invalid provider configuration', 'region is required')].join('\n'));
    expect(plan.applyable).toBe(false);
    expect(renderReview([{ plan, others: [] }])).toContain('- ⛔ **error** `dev`: Invalid provider configuration: region is required');
  });

  it('refuses a line that is not JSON, naming the file and line', () => {
    expect(() => readPlanLog('dev', 'dev.jsonl', `${version}\nError: oops`)).toThrow('bedrock-pt review dev.jsonl: line 2 is not JSON');
  });
});

describe('a JSON plan beside its log', () => {
  it('takes the log\'s refusals instead of "could not finish", and the account from the plan\'s prior state', () => {
    const errored = JSON.stringify({
      format_version: '1.2',
      errored: true,
      resource_changes: [],
      prior_state: { values: { root_module: { resources: [{ type: TYPE, values: { provisioned_model_arn: ARN } }] } } },
      configuration: { provider_config: { bedrockpt: { name: 'bedrockpt', expressions: { region: { constant_value: 'us-east-1' } } } } },
    });
    const shown = readTerraformPlan('prod', 'prod.json', errored);
    expect(shown.plan.account).toBe('333333333333');
    expect(renderReview([shown])).toContain('Terraform could not finish this plan');
    const merged = withPlanLog(
      shown,
      readPlanLog(
        'prod',
        'prod.jsonl',
        [
          version,
          diagnostic('error', 'Cannot be destroyed: the OneMonth commitment of "x" runs until 2027-01-01 00:00 UTC (30 days left)', 'Keep it.', `${TYPE}.chat`),
        ].join('\n'),
      ),
    );
    const md = renderReview([merged]);
    expect(md).not.toContain('Terraform could not finish this plan');
    expect(md).toContain(`- ⛔ **blocked** 🗑️ destroy: \`prod\` \`${TYPE}.chat\``);
    expect(md).toContain('  - ⛔ Cannot be destroyed: the OneMonth commitment of "x" runs until 2027-01-01 00:00 UTC (30 days left): Keep it.');
  });
});
