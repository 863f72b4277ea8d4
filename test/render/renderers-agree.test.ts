/**
 * Every renderer takes its counts from plan/summary.ts: for the same plans, the text view's
 * "Plan:" line, the Markdown title, Terraform's JSON plan and the `--json` change_summary give
 * the same numbers — checked on a table of named plans and on generated ones.
 */
import fc from 'fast-check';
import type { ResourceChange, StackPlan } from '../../src/engine/model';
import { summarize, type PlanCounts } from '../../src/engine/plan/summary';
import { renderText } from '../../src/engine/render/text';
import { renderMarkdown } from '../../src/engine/render/markdown';
import { renderTerraformJson } from '../../src/engine/render/terraform-json';
import { JsonPlanView } from '../../src/cli/views/plan-view';
import { attrs, createChange, deleteChange, diag, importChange, movedChange, plannedAttrs, replaceChange, stackPlan, tagUpdateChange } from './plan-builders';

const addr = (name: string) => `aws_bedrock_provisioned_model_throughput.${name}`;
type Counted = Omit<PlanCounts, 'move'> & { move?: number };

function textCounts(plans: StackPlan[]): Counted {
  const text = renderText(plans, { color: false });
  const line = plans.length > 1 ? text.match(/Total across \d+ stacks: ([^\n]*)/) : text.match(/Plan: ([^\n]*)/);
  if (!line) return { add: 0, change: 0, destroy: 0, replace: 0, import: 0, blocked: 0 };
  const n = (re: RegExp) => Number(line[1].match(re)?.[1] ?? 0);
  return {
    add: n(/(\d+) to add/),
    change: n(/(\d+) to change/),
    destroy: n(/(\d+) to destroy/),
    replace: countReplaces(text),
    import: n(/(\d+) to import/),
    blocked: n(/\((\d+) blocked\)/),
  };
}

const countReplaces = (text: string) => (text.match(/ must be replaced$/gm) ?? []).length;

function markdownCounts(plans: StackPlan[]): PlanCounts {
  const md = renderMarkdown(plans);
  const plan = md.match(/Plan: ([^\n]*)/)?.[1] ?? '';
  const n = (re: RegExp) => Number(plan.match(re)?.[1] ?? 0);
  return {
    add: n(/(\d+) to add/),
    change: n(/(\d+) to change/),
    destroy: n(/(\d+) to destroy/),
    replace: n(/(\d+) to replace/),
    import: n(/(\d+) to import/),
    move: n(/(\d+) to move/),
    blocked: Number(md.match(/Plan blocked: (\d+) change/)?.[1] ?? 0),
  };
}

function terraformJsonCounts(plans: StackPlan[]): Omit<PlanCounts, 'blocked'> {
  const rcs = renderTerraformJson(plans).resource_changes;
  const has = (a: string[], x: string) => a.includes(x);
  return {
    add: rcs.filter((r) => has(r.change.actions, 'create')).length,
    change: rcs.filter((r) => has(r.change.actions, 'update')).length,
    destroy: rcs.filter((r) => has(r.change.actions, 'delete')).length,
    replace: rcs.filter((r) => r.change.actions.length === 2).length,
    import: rcs.filter((r) => r.change.importing).length,
    move: rcs.filter((r) => r.previous_address).length,
  };
}

function jsonViewSummary(plans: StackPlan[]): Record<string, any> {
  let out = '';
  const view = new JsonPlanView({ out: { write: (s: string) => ((out += s), true) }, err: { write: () => true } }, () => new Date(0));
  view.plan(plans.map((plan) => ({ plan, recovery: { recorded: [], written: false } })));
  return out
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l))
    .find((l) => l.type === 'change_summary');
}

function expectAgreement(plans: StackPlan[]): void {
  const { total, commitment } = summarize(plans);
  const visible = plans.some((p) => p.changes.some((c) => c.action !== 'no-op' || c.importing || c.movedFrom));
  if (visible)
    expect(textCounts(plans)).toEqual({
      add: total.add,
      change: total.change,
      destroy: total.destroy,
      replace: total.replace,
      import: total.import,
      blocked: total.blocked,
    });
  expect(markdownCounts(plans)).toEqual(total);
  const md = renderMarkdown(plans).match(/Adds ([\d,]+) and ends ([\d,]+) model-unit-hours/);
  const mdHours = md
    ? { addedUnitHours: Number(md[1].replace(/,/g, '')), endedUnitHours: Number(md[2].replace(/,/g, '')) }
    : { addedUnitHours: 0, endedUnitHours: 0 };
  expect(mdHours).toEqual(commitment);
  const { blocked: _blocked, ...unblocked } = total;
  expect(terraformJsonCounts(plans)).toEqual(unblocked);
  const summary = jsonViewSummary(plans);
  expect(summary.changes).toEqual({ add: total.add, change: total.change, import: total.import, remove: total.destroy, operation: 'plan' });
  expect(summary.bedrock_pt).toMatchObject({
    replace: total.replace,
    move: total.move,
    blocked: total.blocked,
    committed_unit_hours: commitment.addedUnitHours,
    ended_unit_hours: commitment.endedUnitHours,
  });
}

const committed = attrs({ commitment_duration: 'SixMonths', model_units: 2 });
const blockedBy = (c: ResourceChange) => diag('error', 'commitment-not-expired', { address: c.address });

const TABLE: [string, () => StackPlan[]][] = [
  [
    'a blocked delete of a committed PT',
    () => {
      const c = deleteChange(committed, { address: addr('committed'), blocked: true });
      return [
        stackPlan('dev', {
          changes: [c, createChange(plannedAttrs(), { address: addr('new') }), tagUpdateChange({ address: addr('tags') })],
          diagnostics: [blockedBy(c)],
        }),
      ];
    },
  ],
  [
    'a replace in each order',
    () => [
      stackPlan('dev', { changes: [replaceChange('delete-then-create', { address: addr('a') }), replaceChange('create-then-delete', { address: addr('b') })] }),
    ],
  ],
  ['an import and a move', () => [stackPlan('dev', { changes: [importChange(), movedChange(), importChange({ address: addr('imp2'), action: 'update' })] })]],
  [
    'a blocked replace of a committed PT',
    () => {
      const c = replaceChange('delete-then-create', {
        address: addr('c'),
        before: committed,
        blocked: true,
        commitment: { addedUnitHours: 4380, endedUnitHours: 8760, termEnd: '2027-01-01T00:00:00Z' },
      });
      return [stackPlan('prod', { changes: [c], diagnostics: [blockedBy(c)] })];
    },
  ],
  [
    'several stacks',
    () => [
      stackPlan('dev', { changes: [createChange()] }),
      stackPlan('staging', { changes: [deleteChange(), replaceChange('create-then-delete', { address: addr('r') })] }),
    ],
  ],
];

describe('renderers agree on counts', () => {
  it.each(TABLE)('for %s', (_name, plans) => expectAgreement(plans()));

  it('for generated plans of every action, blocked or not, over one to three stacks', () => {
    const kinds = ['create', 'update', 'delete', 'dtc', 'ctd', 'import', 'move', 'import-update', 'committed-delete'] as const;
    const build = (kind: (typeof kinds)[number], name: string, blocked: boolean): ResourceChange => {
      const at = { address: addr(name), blocked };
      switch (kind) {
        case 'create':
          return createChange(plannedAttrs({ commitment_duration: blocked ? 'OneMonth' : null }), at);
        case 'update':
          return tagUpdateChange(at);
        case 'delete':
          return deleteChange(attrs(), at);
        case 'dtc':
          return replaceChange('delete-then-create', at);
        case 'ctd':
          return replaceChange('create-then-delete', at);
        case 'import':
          return importChange(at);
        case 'move':
          return movedChange({ ...at, movedFrom: addr(`${name}_old`) });
        case 'import-update':
          return importChange({ ...at, action: 'update' });
        case 'committed-delete':
          return deleteChange(committed, at);
      }
    };
    const stack = fc.array(fc.tuple(fc.constantFrom(...kinds), fc.boolean()), { maxLength: 8 });
    fc.assert(
      fc.property(fc.array(stack, { minLength: 1, maxLength: 3 }), (stacks) => {
        const plans = stacks.map((entries, s) => {
          const changes = entries.map(([kind, blocked], i) => build(kind, `pt_${i}`, blocked));
          return stackPlan(['dev', 'staging', 'prod'][s], { changes, diagnostics: changes.filter((c) => c.blocked).map(blockedBy) });
        });
        expectAgreement(plans);
      }),
      { numRuns: 150 },
    );
  });
});
