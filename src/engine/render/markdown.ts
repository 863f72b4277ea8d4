/**
 * Markdown for a pull-request comment. What can cost money or cannot be undone
 * (destroys, replacements, blocked changes, commitments) comes first and is
 * never trimmed; per-resource details are trimmed to stay under GitHub's
 * comment limit. Reads StackPlan only.
 */
import { diffLines } from 'diff';
import type { ChangeAction, DriftEntry, ResourceChange, StackPlan } from '../model';
import { doesSomething, isReplace } from '../model';
import { HOURS_PER_MONTH, monthlyCostDelta, type Pricing } from './pricing';
import { countChanges, summarize, type PlanCounts, type PlanSummary } from '../plan/summary';
import { formatCount as int, formatInstant, formatUnitHours } from './format';

export { HOURS_PER_MONTH, loadPricing, monthlyCostDelta, parsePricing, type Pricing, type PricedCommitment } from './pricing';

/** First line of every comment, so CI can find and update its own comment. */
export const PLAN_COMMENT_MARKER = '<!-- bedrock-pt-plan -->';
/** GitHub rejects issue and PR comments longer than this. */
export const GITHUB_COMMENT_LIMIT = 65536;
export interface MarkdownOptions {
  pricing?: Pricing;
  /** Shown as where the saved plan lives. */
  planFileName?: string;
  /** Where readers find the full plan when details are trimmed, e.g. "run `bedrock-pt show plan.json`". */
  fullPlanHint?: string;
  /** Default GITHUB_COMMENT_LIMIT; applies to both JS length and UTF-8 bytes. */
  maxChars?: number;
  /** Further Markdown sections placed after the call-outs (e.g. `review`'s other resources). */
  extraSections?: string[];
}

// ---- formatting helpers ---------------------------------------------------

function usd(n: number): string {
  const [whole, cents] = Math.abs(n).toFixed(2).split('.');
  return `${n < 0 ? '-' : '+'}$${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}`;
}

const html = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** An inline code span safe for any value, inside or outside a table. */
function code(value: unknown, inTable = false): string {
  let s = String(value).replace(/\r?\n/g, ' ');
  if (inTable) s = s.replace(/\|/g, '\\|');
  const ticks = '`'.repeat(Math.max(0, ...(s.match(/`+/g) ?? []).map((t) => t.length)) + 1);
  return ticks.length > 1 || s.startsWith(' ') || s.endsWith(' ') ? `${ticks} ${s} ${ticks}` : `\`${s}\``;
}

const TERM_WORDS: Record<string, string> = { OneMonth: 'one month', SixMonths: 'six months' };

const ACTION_LABEL: Record<ChangeAction, string> = {
  create: '🟢 create',
  update: '🟡 update in place',
  'delete-then-create': '♻️ replace (destroy, then create)',
  'create-then-delete': '♻️ replace (create, then destroy)',
  delete: '🗑️ destroy',
  'no-op': '⚪ no change',
};

/** Imports and moves that change nothing else are named for what they do. */
function actionText(c: ResourceChange): string {
  if (c.action === 'no-op' && c.importing) return '📥 import';
  if (c.action === 'no-op' && c.movedFrom) return '🔀 move';
  const extra = (c.importing ? ' + import' : '') + (c.movedFrom ? ' + move' : '') + (c.deposed ? ' of the deposed object' : '');
  return ACTION_LABEL[c.action] + extra;
}

// ---- sections ---------------------------------------------------------------

function title(summary: PlanSummary): string {
  const total = summary.total;
  const parts = [`${total.add} to add`, `${total.change} to change`, `${total.replace} to replace`, `${total.destroy} to destroy`];
  if (total.import) parts.push(`${total.import} to import`);
  if (total.move) parts.push(`${total.move} to move`);
  if (total.blocked || summary.errors || !summary.applyable) {
    return `## ⛔ Plan blocked: ${total.blocked} change(s) blocked, ${summary.errors} error(s)\n\nNothing can be applied until the errors below are resolved. Plan: ${parts.join(', ')}.`;
  }
  if (Object.values(total).every((v) => v === 0)) return '## ✅ No changes: live Provisioned Throughputs match the configuration.';
  return `## Plan: ${parts.join(', ')}`;
}

function summaryTable(plans: StackPlan[], pricing?: Pricing): string[] {
  const costCol = pricing ? ' Monthly cost Δ |' : '';
  const lines = [
    `| Stack | Account | Region | Add | Change | Replace | Destroy | Blocked |${costCol}`,
    `|---|---|---|--:|--:|--:|--:|--:|${pricing ? '--:|' : ''}`,
  ];
  let totalUsd = 0;
  const missing: string[] = [];
  for (const p of plans) {
    const n: PlanCounts = countChanges(p);
    let cost = '';
    if (pricing) {
      const d = monthlyCostDelta(p, pricing);
      totalUsd += d.monthlyUsd;
      missing.push(...d.missing);
      cost = ` ${d.missing.length ? 'no rate given' : usd(d.monthlyUsd)} |`;
    }
    lines.push(
      `| ${code(p.stack, true)} | ${p.account} | ${p.region} | ${n.add} | ${n.change} | ${n.replace} | ${n.destroy} | ${n.blocked ? `**${n.blocked}**` : 0} |${cost}`,
    );
  }
  if (pricing) {
    lines.push('');
    lines.push(
      missing.length
        ? `**Monthly cost Δ:** unknown: no rate given for ${[...new Set(missing)].map((m) => code(m)).join(', ')}; add it to the pricing file.`
        : `**Monthly cost Δ:** ${usd(totalUsd)} (${HOURS_PER_MONTH} h/month at the pricing file's rates; blocked changes not counted).`,
    );
  }
  return lines;
}

function attentionItems(plans: StackPlan[]): string[] {
  const out: string[] = [];
  for (const p of plans) {
    const errors = p.diagnostics.filter((d) => d.severity === 'error');
    const addresses = new Set(p.changes.map((c) => c.address));
    for (const c of p.changes) {
      if (!c.blocked && c.action !== 'delete' && !isReplace(c.action)) continue;
      const head = c.blocked ? `⛔ **blocked** ${actionText(c)}` : actionText(c);
      out.push(`- ${head}: ${code(p.stack)} ${code(c.address)}${c.arn ? ` (${code(c.arn)})` : ''}`);
      for (const e of c.explanations) out.push(`  - ${html(e)}`);
      for (const d of errors.filter((e) => e.address === c.address)) {
        out.push(`  - ⛔ ${html(d.summary)}${d.detail ? `: ${html(d.detail)}` : ''}`);
      }
    }
    for (const d of errors.filter((e) => !e.address || !addresses.has(e.address))) {
      const at = d.address ? ` ${code(d.address)}` : '';
      out.push(`- ⛔ **error** ${code(p.stack)}${at}: ${html(d.summary)}${d.detail ? `: ${html(d.detail)}` : ''}`);
    }
  }
  return out.length ? ['### ⚠️ Destroys, replacements and blocked changes', '', ...out] : [];
}

function diagnosticItems(plans: StackPlan[]): string[] {
  const out: string[] = [];
  for (const severity of ['warning', 'note'] as const) {
    for (const p of plans) {
      for (const d of p.diagnostics.filter((x) => x.severity === severity)) {
        const icon = severity === 'warning' ? '⚠️' : 'ℹ️';
        const at = d.address ? ` ${code(d.address)}` : '';
        out.push(`- ${icon} ${code(p.stack)}${at}: ${html(d.summary)}${d.detail ? `: ${html(d.detail)}` : ''}`);
      }
    }
  }
  return out.length ? ['### Warnings and notes', '', ...out] : [];
}

function commitmentItems(plans: StackPlan[]): string[] {
  const out: string[] = [];
  for (const p of plans) {
    for (const c of p.changes) {
      const { addedUnitHours, endedUnitHours, termEnd } = c.commitment;
      const where = `${code(p.stack)} ${code(c.address)}`;
      if (addedUnitHours > 0 && c.after) {
        const term = c.after.commitment_duration ?? '';
        out.push(
          `- ➕ ${where}: commits **${formatUnitHours(addedUnitHours)}** (${c.after.model_units} unit(s) × ${term}); term starts at apply, ends ${TERM_WORDS[term] ?? 'one term'} later${c.blocked ? ' (blocked)' : ''}`,
        );
      }
      if (endedUnitHours > 0) {
        out.push(
          `- ➖ ${where}: ends **${formatUnitHours(endedUnitHours)}** of commitment; term ends ${termEnd ? code(formatInstant(termEnd)) : 'at an unknown time'}${c.blocked ? ' (blocked)' : ''}`,
        );
      }
    }
  }
  if (!out.length) return [];
  const { addedUnitHours, endedUnitHours } = summarize(plans).commitment;
  return ['### Commitments', '', `Adds ${int(addedUnitHours)} and ends ${formatUnitHours(endedUnitHours)} (730 h per month of term).`, '', ...out];
}

function driftItems(plans: StackPlan[]): string[] {
  const out = plans.flatMap((p) =>
    p.drift.map((d) =>
      d.kind === 'gone'
        ? `- ${code(p.stack)} ${code(d.address)}: deleted outside bedrock-pt (${code(d.arn)})`
        : `- ${code(p.stack)} ${code(d.address)}: changed outside bedrock-pt (${d.attributes.map((a) => a.attribute).join(', ')})`,
    ),
  );
  return out.length ? ['### Drift', '', ...out] : [];
}

// ---- per-resource details (trimmable) -----------------------------------------

const MAP_ATTRIBUTES = new Set(['tags', 'tags_all']);

function shown(attribute: string, value: unknown, creating: boolean): string {
  if (value === null || value === undefined) {
    return creating && (attribute === 'id' || attribute === 'provisioned_model_arn') ? '(known after apply)' : '(none)';
  }
  if (typeof value === 'object') return `${Object.keys(value as object).length} tag(s)`;
  return code(value, true);
}

const mapLines = (m: unknown) =>
  Object.entries((m ?? {}) as Record<string, unknown>)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k} = ${String(v).replace(/\r?\n/g, ' ')}\n`)
    .join('');

/** A ```diff block of `key = value` lines, fenced longer than any backtick run inside it. */
function mapDiff(name: string, before: unknown, after: unknown): string[] {
  const body = diffLines(mapLines(before), mapLines(after)).flatMap((part) => {
    const sign = part.added ? '+' : part.removed ? '-' : ' ';
    return part.value
      .split('\n')
      .filter(Boolean)
      .map((l) => sign + l);
  });
  const fence = '`'.repeat(Math.max(2, ...(body.join('\n').match(/`+/g) ?? []).map((t) => t.length)) + 1);
  return [`${code(name)}:`, '', `${fence}diff`, ...body, fence];
}

/** For create/delete every attribute is shown; otherwise only those that change. */
function rowsOf(c: ResourceChange): { attribute: string; before: unknown; after: unknown; forces: boolean }[] {
  const whole = c.action === 'create' ? c.after : c.action === 'delete' ? c.before : null;
  if (whole) {
    return Object.entries(whole).map(([attribute, v]) => ({
      attribute,
      before: c.action === 'delete' ? v : null,
      after: c.action === 'create' ? v : null,
      forces: false,
    }));
  }
  return c.attributes.map((a) => ({ attribute: a.attribute, before: a.before, after: a.after, forces: a.forcesReplacement }));
}

function changeDetails(p: StackPlan, c: ResourceChange): string {
  const creating = c.action !== 'update' && c.action !== 'no-op';
  const rows = rowsOf(c);
  const lines = [
    `<details><summary>${html(actionText(c))}${c.blocked ? ' ⛔ blocked' : ''}: <code>${html(p.stack)}</code> <code>${html(c.address)}</code></summary>`,
    '',
    ...c.explanations.map((e) => `- ${html(e)}`),
  ];
  if (c.importing) lines.push(`- import id ${code(c.importing.id)}`);
  if (c.movedFrom) lines.push(`- moved from ${code(c.movedFrom)}`);
  if (c.viaTemporaryName && c.before)
    lines.push(`- renamed to the temporary name ${code(c.viaTemporaryName)} first, to free ${code(c.before.provisioned_model_name)}`);
  for (const freer of c.runsAfter ?? []) lines.push(`- takes its name after ${code(freer)} frees it`);
  const scalars = rows.filter((r) => !MAP_ATTRIBUTES.has(r.attribute));
  if (scalars.length) {
    lines.push('', '| Attribute | Before | After |', '|---|---|---|');
    for (const r of scalars) {
      const forces = r.forces ? ' 🔁 forces replacement' : '';
      const before = c.action === 'create' ? '—' : shown(r.attribute, r.before, false);
      const after = c.action === 'delete' ? '—' : shown(r.attribute, r.after, creating);
      lines.push(`| ${code(r.attribute, true)} | ${before} | ${after}${forces} |`);
    }
  }
  for (const r of rows.filter((x) => MAP_ATTRIBUTES.has(x.attribute))) lines.push('', ...mapDiff(r.attribute, r.before, r.after));
  lines.push('', '</details>');
  return lines.join('\n');
}

function driftDetails(p: StackPlan, d: DriftEntry): string {
  const lines = [
    `<details><summary>drift (${d.kind}): <code>${html(p.stack)}</code> <code>${html(d.address)}</code></summary>`,
    '',
    `- ${d.kind === 'gone' ? 'deleted' : 'changed'} outside bedrock-pt: ${code(d.arn)}`,
  ];
  const scalars = d.attributes.filter((a) => !MAP_ATTRIBUTES.has(a.attribute));
  if (scalars.length) {
    lines.push('', '| Attribute | In state | Live |', '|---|---|---|');
    for (const a of scalars) lines.push(`| ${code(a.attribute, true)} | ${shown(a.attribute, a.before, false)} | ${shown(a.attribute, a.after, false)} |`);
  }
  for (const a of d.attributes.filter((x) => MAP_ATTRIBUTES.has(x.attribute))) lines.push('', ...mapDiff(a.attribute, a.before, a.after));
  lines.push('', '</details>');
  return lines.join('\n');
}

// ---- assembly under the cap ------------------------------------------------------

const fits = (size: number, max: number) => size <= max;
const sizeOf = (s: string) => Math.max(s.length, Buffer.byteLength(s, 'utf8'));

/** Renders the PR comment; never longer than `maxChars` in characters or UTF-8 bytes. */
export function renderMarkdown(plans: StackPlan[], opts: MarkdownOptions = {}): string {
  const max = opts.maxChars ?? GITHUB_COMMENT_LIMIT;
  const head = [
    PLAN_COMMENT_MARKER,
    title(summarize(plans)),
    summaryTable(plans, opts.pricing).join('\n'),
    ...[attentionItems(plans), diagnosticItems(plans), commitmentItems(plans), driftItems(plans)].filter((s) => s.length).map((s) => s.join('\n')),
    ...(opts.extraSections ?? []),
  ].join('\n\n');
  const footer = opts.planFileName ? `\n\n---\nSaved plan: ${code(opts.planFileName)}` : '';

  const changeBlocks = plans.flatMap((p) => p.changes.filter(doesSomething).map((c) => changeDetails(p, c)));
  const driftBlocks = plans.flatMap((p) => p.drift.map((d) => driftDetails(p, d)));
  const assemble = (changes: string[], drift: string[], trimmedNote: string) =>
    [
      head,
      changes.length ? ['### Resource changes', ...changes].join('\n\n') : '',
      drift.length ? ['### Drift details', ...drift].join('\n\n') : '',
      trimmedNote,
    ]
      .filter(Boolean)
      .join('\n\n') +
    footer +
    '\n';

  const full = assemble(changeBlocks, driftBlocks, '');
  if (fits(sizeOf(full), max)) return full;

  const where = opts.fullPlanHint ?? (opts.planFileName ? `run \`bedrock-pt show ${opts.planFileName}\`` : 'run `bedrock-pt plan` locally');
  const note = `> ✂️ Details were trimmed to fit GitHub's comment size limit. Full plan: ${where}.`;
  // Measure once and drop whole blocks from the end: resource details first, then drift details.
  const base = sizeOf(assemble([], [], note)) + sizeOf('### Resource changes\n\n### Drift details\n\n');
  const sizes = (blocks: string[]) => blocks.map((b) => sizeOf(b) + 2);
  const keep = (blocks: string[], budget: number) => {
    let used = 0;
    let n = 0;
    for (const s of sizes(blocks)) {
      if (used + s > budget) break;
      used += s;
      n++;
    }
    return { n, used };
  };
  const drift = keep(driftBlocks, max - base);
  const changes = keep(changeBlocks, max - base - drift.used);
  const trimmed = assemble(changeBlocks.slice(0, changes.n), driftBlocks.slice(0, drift.n), note);
  if (fits(sizeOf(trimmed), max)) return trimmed;
  return hardTruncate(head, note, footer, max);
}

/** Last resort when even the call-outs exceed the limit: cut at a line boundary, keep the note. */
function hardTruncate(head: string, note: string, footer: string, max: number): string {
  const tail = `\n\n${note}${footer}\n`;
  const budget = max - sizeOf(tail);
  if (budget <= sizeOf(PLAN_COMMENT_MARKER)) return `${PLAN_COMMENT_MARKER}\n`.slice(0, max);
  let cut = head;
  while (sizeOf(cut) > budget) {
    const over = sizeOf(cut) - budget;
    const end = cut.lastIndexOf('\n', Math.max(0, cut.length - Math.max(1, Math.ceil(over / 4))));
    cut = end > 0 ? cut.slice(0, end) : '';
  }
  return cut + tail;
}
