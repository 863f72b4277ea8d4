import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BedrockPtError } from '../../src/engine/errors';
import type { StackPlan } from '../../src/engine/model';
import { GITHUB_COMMENT_LIMIT, PLAN_COMMENT_MARKER, loadPricing, parsePricing, renderMarkdown, type Pricing } from '../../src/engine/render/markdown';
import {
  CUSTOM_ARN_1,
  HAIKU_ARN,
  attrs,
  createChange,
  deleteChange,
  deposedDeleteChange,
  diag,
  everyActionPlans,
  noOpChange,
  plannedAttrs,
  replaceChange,
  stackPlan,
  tagUpdateChange,
} from './plan-builders';

const addr = (name: string) => `aws_bedrock_provisioned_model_throughput.${name}`;

/** The cells of the summary-table row for one stack: [stack, account, region, add, change, replace, destroy, blocked, cost?]. */
function summaryRow(md: string, stack: string): string[] {
  const line = md.split('\n').find((l) => l.startsWith(`| \`${stack}\` |`));
  if (!line) throw new Error(`no summary row for ${stack}`);
  return line
    .split('|')
    .slice(1, -1)
    .map((c) => c.trim().replace(/\*/g, ''));
}

/** Everything before the per-resource details: the part that is never trimmed. */
const headOf = (md: string) => md.split('### Resource changes')[0];
const titleOf = (md: string) => md.split('\n').find((l) => l.startsWith('## '));

describe('Markdown PR comment: name order', () => {
  it("says in a change's details which change it waits for and which temporary name it goes through", () => {
    const swap = tagUpdateChange({
      address: addr('a'),
      runsAfter: [addr('b')],
      viaTemporaryName: 'alpha-tmp-0123abcd',
      before: attrs({ provisioned_model_name: 'alpha' }),
    });
    const md = renderMarkdown([stackPlan('prod', { changes: [swap] })], { planFileName: 'plan.json' });
    expect(md).toContain('- renamed to the temporary name `alpha-tmp-0123abcd` first, to free `alpha`');
    expect(md).toContain(`- takes its name after \`${addr('b')}\` frees it`);
  });
});

describe('Markdown PR comment', () => {
  const plans = everyActionPlans();
  const md = renderMarkdown(plans, { planFileName: 'plan.json' });

  it('starts with the hidden marker so CI can update its own comment', () => {
    expect(md.split('\n')[0]).toBe(PLAN_COMMENT_MARKER);
    expect(PLAN_COMMENT_MARKER).toBe('<!-- bedrock-pt-plan -->');
  });

  it('leads with a blocked verdict when any change is blocked', () => {
    expect(titleOf(md)).toMatch(/^## ⛔ Plan blocked: 1 change\(s\) blocked, 1 error\(s\)/);
    expect(md).toContain('Plan: 4 to add, 1 to change, 2 to replace, 4 to destroy, 1 to import, 1 to move.');
  });

  it('counts each stack as Terraform does in the summary table: a replace adds and destroys, a blocked change counts under its action and under Blocked', () => {
    expect(summaryRow(md, 'dev')).toEqual(['`dev`', '111111111111', 'us-east-1', '1', '1', '0', '0', '0']);
    expect(summaryRow(md, 'staging')).toEqual(['`staging`', '222222222222', 'us-west-2', '2', '0', '2', '3', '0']);
    expect(summaryRow(md, 'prod')).toEqual(['`prod`', '333333333333', 'us-east-1', '1', '0', '0', '1', '1']);
  });

  it('calls out destroys, replacements and blocked changes with their reasons above the details', () => {
    const head = headOf(md);
    const callouts = head.split('### ⚠️ Destroys, replacements and blocked changes')[1].split('###')[0];
    expect(callouts).toMatch(/⛔ \*\*blocked\*\* 🗑️ destroy: `prod` `aws_bedrock_provisioned_model_throughput.support_chat`/);
    expect(callouts).toContain('cannot delete: SixMonths commitment runs until 2025-06-30T00:00:00Z: keep the resource in configuration until the term ends');
    expect(callouts).toMatch(/🗑️ destroy: `staging` `aws_bedrock_provisioned_model_throughput.old_chat`/);
    expect(callouts).toMatch(/replace \(destroy, then create\): `staging` `aws_bedrock_provisioned_model_throughput.replaced_dtc`/);
    expect(callouts).toMatch(/replace \(create, then destroy\): `staging` `aws_bedrock_provisioned_model_throughput.replaced_ctd`/);
    expect(callouts).toContain('model units cannot be changed on an existing Provisioned Throughput');
    expect(callouts).not.toContain('new_chat');
  });

  it('lists warnings and notes with their stack and address', () => {
    expect(headOf(md)).toContain(
      '⚠️ `staging` `aws_bedrock_provisioned_model_throughput.replaced_dtc`: model anthropic.claude-3-haiku is LEGACY, end of life 2026-01-01: move to a newer model before then',
    );
    expect(headOf(md)).toContain('ℹ️ `dev`: 3 other resources are left to Terraform');
  });

  it('states commitments in model-unit-hours with when each term ends', () => {
    const head = headOf(md);
    expect(head).toContain('Adds 8,760 and ends 9,490 model-unit-hours');
    expect(head).toContain(
      '`prod` `aws_bedrock_provisioned_model_throughput.committed_new`: commits **8,760 model-unit-hours** (2 unit(s) × SixMonths); term starts at apply, ends six months later',
    );
    expect(head).toContain('ends **730 model-unit-hours** of commitment; term ends `2025-01-31 00:00 UTC`');
    expect(head).toMatch(/support_chat`: ends \*\*8,760 model-unit-hours\*\* .*2025-06-30 00:00 UTC` \(blocked\)/);
  });

  it('puts each change in a collapsible block with a before/after table and tag diffs', () => {
    const details = md.split('### Resource changes')[1].split('### Drift details')[0];
    const blocks = details.split('<details>').slice(1);
    // Every change except the plain no-op; imports and moves stay visible.
    expect(blocks).toHaveLength(9);
    expect(details).not.toContain(addr('steady'));
    expect(details).toMatch(/📥 import: <code>staging<\/code>/);
    expect(details).toMatch(/🔀 move: <code>staging<\/code> <code>aws_bedrock_provisioned_model_throughput.chat<\/code>/);
    expect(details).toContain('| `model_units` | `1` | `3` 🔁 forces replacement |');
    expect(details).toContain('| `provisioned_model_arn` | — | (known after apply) |');
    expect(details).toContain('```diff\n-CostCenter = cc-1234\n+CostCenter = cc-9999\n Environment = prod\n');
    expect(md).toContain('Saved plan: `plan.json`');
    expect(md).not.toMatch(/trimmed/);
  });

  it('shows drift in a summary line and in details', () => {
    expect(headOf(md)).toContain('`dev` `aws_bedrock_provisioned_model_throughput.support_chat`: changed outside bedrock-pt (tags)');
    expect(headOf(md)).toMatch(/`staging` `aws_bedrock_provisioned_model_throughput.vanished`: deleted outside bedrock-pt/);
    expect(md.split('### Drift details')[1]).toContain('```diff\n CostCenter = cc-1234\n+Owner = someone\n```');
  });

  it('says there is nothing to do when nothing changes', () => {
    const out = renderMarkdown([stackPlan('dev', { changes: [noOpChange()] })]);
    expect(titleOf(out)).toBe('## ✅ No changes: live Provisioned Throughputs match the configuration.');
    expect(out).not.toContain('<details>');
    expect(titleOf(renderMarkdown([]))).toMatch(/^## ✅ No changes/);
  });

  it('titles an applyable plan with its counts', () => {
    const out = renderMarkdown([stackPlan('dev', { changes: [createChange(), tagUpdateChange({ address: addr('b') })] })]);
    expect(titleOf(out)).toBe('## Plan: 1 to add, 1 to change, 0 to replace, 0 to destroy');
  });

  it('calls out destroying a deposed object as such', () => {
    const out = renderMarkdown([stackPlan('prod', { changes: [deposedDeleteChange()] })]);
    expect(headOf(out)).toMatch(/🗑️ destroy of the deposed object: `prod` `aws_bedrock_provisioned_model_throughput.support_chat` \(`arn:.*old999`\)/);
  });

  it('keeps user values from breaking the table or escaping the diff fence', () => {
    const nasty = attrs({ provisioned_model_name: 'a|b', tags: { Note: 'x ```\n<script>' }, tags_all: {} });
    const out = renderMarkdown([stackPlan('dev', { changes: [deleteChange(nasty)] })]);
    expect(out).toContain('| `provisioned_model_name` | `a\\|b` | — |');
    expect(out).toContain('````diff\n-Note = x ``` <script>\n````');
  });
});

describe('Markdown cost delta', () => {
  const pricing: Pricing = {
    rates: [
      { model: 'anthropic.claude-3-haiku-20240307-v1:0:200k', commitment: 'None', hourlyPerUnit: 20 },
      { model: HAIKU_ARN, commitment: 'SixMonths', hourlyPerUnit: 10 },
    ],
  };

  it('computes the monthly delta per stack and in total from the given rates (730 h/month)', () => {
    const dev = stackPlan('dev', { changes: [createChange(plannedAttrs({ model_units: 1 }))] }); // +20*1*730
    const prod = stackPlan('prod', {
      changes: [
        replaceChange('delete-then-create'), // 1 -> 3 units at $20: +29,200
        deleteChange(attrs({ commitment_duration: 'SixMonths', model_units: 2 }), { address: addr('old') }), // -10*2*730
        tagUpdateChange({ address: addr('tagged') }), // same billing, no rate needed
        deleteChange(attrs({ model_arn: CUSTOM_ARN_1 }), { address: addr('blocked'), blocked: true }), // not counted
      ],
      diagnostics: [diag('error', 'prevent-destroy', { address: addr('blocked') })],
    });
    const out = renderMarkdown([dev, prod], { pricing });
    expect(summaryRow(out, 'dev')[8]).toBe('+$14,600.00');
    expect(summaryRow(out, 'prod')[8]).toBe('+$14,600.00');
    expect(out).toContain('**Monthly cost Δ:** +$29,200.00 (730 h/month');
  });

  it('says "no rate given" for a model without a rate instead of inventing a price', () => {
    const dev = stackPlan('dev', { changes: [createChange(plannedAttrs({ model_arn: CUSTOM_ARN_1, model_units: 1 }))] });
    const prod = stackPlan('prod', { changes: [createChange(plannedAttrs({ model_units: 1 }))] });
    const out = renderMarkdown([dev, prod], { pricing });
    expect(summaryRow(out, 'dev')[8]).toBe('no rate given');
    expect(summaryRow(out, 'prod')[8]).toBe('+$14,600.00');
    expect(out).toContain(`unknown: no rate given for \`${CUSTOM_ARN_1} (None)\``);
    expect(out).not.toMatch(/\*\*Monthly cost Δ:\*\* [+-]\$/);
  });

  it('leaves cost out entirely without a pricing file', () => {
    const out = renderMarkdown([stackPlan('dev', { changes: [createChange()] })]);
    expect(out).not.toContain('Monthly cost');
    expect(summaryRow(out, 'dev')).toHaveLength(8);
  });

  it('loads and validates a pricing file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bedrock-pt-pricing-'));
    try {
      const path = join(dir, 'pricing.json');
      writeFileSync(path, JSON.stringify(pricing));
      expect(loadPricing(path)).toEqual(pricing);
      writeFileSync(path, '{');
      expect(() => loadPricing(path)).toThrow(/cannot read pricing file/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const bad = (raw: unknown) => () => parsePricing(raw, 'pricing.json');
    expect(bad({})).toThrow(BedrockPtError);
    expect(bad({ rates: [{ model: 'm', commitment: 'TwoYears', hourlyPerUnit: 1 }] })).toThrow(/rates\[0\]\.commitment/);
    expect(bad({ rates: [{ model: 'm', commitment: 'None', hourlyPerUnit: -1 }] })).toThrow(/hourlyPerUnit/);
    expect(bad({ rates: [{ model: '', commitment: 'None', hourlyPerUnit: 1 }] })).toThrow(/rates\[0\]\.model/);
    const dup = { model: 'm', commitment: 'None', hourlyPerUnit: 1 };
    expect(bad({ rates: [dup, dup] })).toThrow(/duplicate rate for m \(None\)/);
  });
});

describe('Markdown size cap', () => {
  /** 2,000 resources with long tag maps: 1,940 creates, 40 destroys, 20 blocked destroys. */
  function bigPlan(): StackPlan[] {
    const tags = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`Key${i}`, `value-${i}-${'x'.repeat(20)}`]));
    const changes = Array.from({ length: 2000 }, (_, i) => {
      const name = `pt_${String(i).padStart(4, '0')}`;
      if (i % 50 === 7) return deleteChange(attrs({ provisioned_model_name: name }), { address: addr(name) });
      if (i % 100 === 13) return deleteChange(attrs({ provisioned_model_name: name }), { address: addr(name), blocked: true });
      return createChange(plannedAttrs({ provisioned_model_name: name, tags, tags_all: tags }), { address: addr(name) });
    });
    const diagnostics = changes
      .filter((c) => c.blocked)
      .map((c) => diag('error', 'prevent-destroy', { address: c.address, summary: `prevent_destroy is set on ${c.address}` }));
    return [stackPlan('prod', { changes, diagnostics })];
  }

  it('stays under 65,536 characters and bytes yet keeps the summary and every destroy and blocked call-out', () => {
    const plans = bigPlan();
    const out = renderMarkdown(plans, { fullPlanHint: 'run `bedrock-pt show plan.json`', planFileName: 'plan.json' });
    expect(out.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(Buffer.byteLength(out, 'utf8')).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(out.startsWith(`${PLAN_COMMENT_MARKER}\n`)).toBe(true);
    expect(summaryRow(out, 'prod')).toEqual(['`prod`', '333333333333', 'us-east-1', '1940', '0', '0', '60', '20']);
    const head = headOf(out);
    for (const c of plans[0].changes.filter((x) => x.action === 'delete')) {
      expect(head).toContain(`${c.blocked ? '⛔ **blocked** ' : ''}🗑️ destroy: \`prod\` \`${c.address}\``);
      if (c.blocked) expect(head).toContain(`prevent_destroy is set on ${c.address}`);
    }
    expect(out).toContain("> ✂️ Details were trimmed to fit GitHub's comment size limit. Full plan: run `bedrock-pt show plan.json`.");
    expect(out.trimEnd().endsWith('Saved plan: `plan.json`')).toBe(true);
    // Details are dropped from the end: the first resources keep theirs, the last lose them.
    expect(out).toContain('<code>aws_bedrock_provisioned_model_throughput.pt_0000</code>');
    expect(out).not.toContain('<code>aws_bedrock_provisioned_model_throughput.pt_1999</code>');
    expect(out.match(/<details>/g)!.length).toBeGreaterThan(10);
    expect(out.match(/<details>/g)!.length).toBe(out.match(/<\/details>/g)!.length);
  });

  it('counts UTF-8 bytes, not just characters, against a small cap', () => {
    const plans = everyActionPlans();
    const max = 3000;
    const out = renderMarkdown(plans, { maxChars: max });
    expect(Buffer.byteLength(out, 'utf8')).toBeLessThanOrEqual(max);
    expect(out).toContain('Details were trimmed');
    expect(out).toContain('run `bedrock-pt plan` locally');
  });

  it('drops resource details before drift details', () => {
    const plans = everyActionPlans();
    const full = renderMarkdown(plans);
    const driftSize = full.length - full.indexOf('### Drift details');
    const out = renderMarkdown(plans, { maxChars: full.indexOf('### Resource changes') + driftSize + 300 });
    expect(out).toContain('drift (changed): <code>dev</code>');
    expect(out).toContain('drift (gone): <code>staging</code>');
    expect(out.split('### Drift details')[0]).not.toContain('committed_new</code></summary>');
  });
});
