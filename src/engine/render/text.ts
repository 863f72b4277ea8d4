/**
 * Human-readable plan in Terraform's idiom (`terraform plan` output): drift first,
 * then one block per change with before → after per attribute, then diagnostics
 * and the "Plan:" line. Reads StackPlan only.
 */
import { commitmentTotals, countChanges, summarize, type PlanCounts } from '../plan/summary';
import type { AttributeChange, ChangeAction, Diagnostic, DriftEntry, PtAttributeName, PtAttributes, ResourceChange, StackPlan } from '../model';
import { doesSomething } from '../model';
import { styleFor, type Style } from './style';
import { formatInstant, formatUnitHours } from './format';
import { renderDiagnostic } from './diagnostic';

export interface TextOptions {
  color: boolean;
  /**
   * 'apart' leaves the error diagnostics out, for the CLI to print them with renderErrors on
   * stderr (as Terraform does), so a script reading stdout gets the plan and a person still sees why it is blocked.
   */
  errors?: 'inline' | 'apart';
}

const COMPUTED: ReadonlySet<PtAttributeName> = new Set(['id', 'provisioned_model_arn']);
type Symbol = '+' | '-' | '~' | '-/+' | '+/-' | ' ';

export function renderText(plans: StackPlan[], opts: TextOptions): string {
  const style = styleFor(opts.color);
  const sections = plans.map((plan) => renderStack(plan, style, opts.errors ?? 'inline'));
  if (plans.length > 1) {
    const { total } = summarize(plans);
    sections.push(style.bold(`Total across ${plans.length} stacks: ${planLine(total)}`) + blockedSuffix(total) + '\n');
  }
  return sections.join('\n');
}

/** The error diagnostics of each stack and why its plan cannot be applied; empty when none has errors. */
export function renderErrors(plans: StackPlan[], opts: { color: boolean }): string {
  const s = styleFor(opts.color);
  return plans.map((plan) => stackErrors(plan, s, `Stack ${plan.stack}: this`).join('\n')).join('');
}

function stackErrors(plan: StackPlan, s: Style, subject = 'This'): string[] {
  const out = plan.diagnostics.filter((d) => d.severity === 'error').flatMap((d) => renderDiagnostic(d, 'box', s));
  if (!plan.applyable) out.push(s.red(s.bold(`${subject} plan cannot be applied until the errors above are resolved.`)), '');
  return out;
}

function renderStack(plan: StackPlan, s: Style, errors: 'inline' | 'apart'): string {
  const out: string[] = [s.bold(`Stack: ${plan.stack} (account ${plan.account}, region ${plan.region})`), ''];
  const visible = plan.changes.filter(doesSomething);
  if (plan.drift.length) out.push(...renderDrift(plan.drift, s));
  if (visible.length) {
    out.push('bedrock-pt will perform the following actions:', '');
    const errorsByAddress = groupErrors(plan.diagnostics);
    for (const change of visible) out.push(...renderChange(change, errorsByAddress.get(change.address) ?? [], s), '');
  }
  if (!visible.length) {
    out.push(s.green(s.bold('No changes.')) + s.bold(' Your infrastructure matches the configuration.'), '');
  } else {
    const counts = countChanges(plan);
    out.push(s.bold(`Plan: ${planLine(counts)}`) + blockedSuffix(counts));
    const { addedUnitHours, endedUnitHours } = commitmentTotals(plan);
    if (addedUnitHours || endedUnitHours) {
      out.push(`Commitment: ${formatUnitHours(addedUnitHours)} committed, ${formatUnitHours(endedUnitHours)} of commitment given up.`);
    }
    out.push('');
  }
  out.push(...plan.diagnostics.filter((d) => d.severity !== 'error').flatMap((d) => renderDiagnostic(d, 'box', s)));
  if (errors === 'inline') out.push(...stackErrors(plan, s));
  return out.join('\n');
}

/** Terraform's "Plan:" line, from the shared counting model (plan/summary.ts). */
export function planLine(c: PlanCounts): string {
  const imports = c.import ? `${c.import} to import, ` : '';
  return `${imports}${c.add} to add, ${c.change} to change, ${c.destroy} to destroy.`;
}

function blockedSuffix(c: PlanCounts): string {
  return c.blocked ? ` (${c.blocked} blocked)` : '';
}

function groupErrors(diagnostics: Diagnostic[]): Map<string, Diagnostic[]> {
  const byAddress = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) {
    if (d.severity !== 'error' || !d.address) continue;
    byAddress.set(d.address, [...(byAddress.get(d.address) ?? []), d]);
  }
  return byAddress;
}

function renderDrift(drift: DriftEntry[], s: Style): string[] {
  const out = [
    s.bold('Note: Objects have changed outside of bedrock-pt'),
    '',
    'bedrock-pt detected the following changes made outside of bedrock-pt since the last "bedrock-pt apply":',
    '',
  ];
  for (const entry of drift) {
    const gone = entry.kind === 'gone';
    out.push(s.bold(`  # ${entry.address} ${gone ? 'has been deleted' : 'has changed'}`));
    const symbol: Symbol = gone ? '-' : '~';
    out.push(`${pad(colorSymbol(symbol, s))} ${resourceHeader(entry.address)}`);
    out.push(...attributeLines(entry.attributes, gone ? 'delete' : 'update', s), '    }', '');
  }
  out.push(
    'Unless you have made equivalent changes to your configuration, or ignored the relevant attributes using ignore_changes,',
    'the following plan may include actions to undo or respond to these changes.',
    '',
  );
  return out;
}

function renderChange(change: ResourceChange, errors: Diagnostic[], s: Style): string[] {
  const out = [s.bold(`  # ${headline(change)}`)];
  for (const explanation of change.explanations) {
    const text = `  # (${explanation})`;
    out.push(explanation.startsWith('forces replacement') ? s.red(text) : s.dim(text));
  }
  for (const e of errors) out.push(s.red(s.bold(`  # (blocked) ${e.summary}`)));
  out.push(...nameOrderNotes(change).map((note) => s.dim(note)));
  out.push(...commitmentNotes(change));
  const symbol = symbolOf(change.action);
  out.push(`${pad(colorSymbol(symbol, s))} ${resourceHeader(change.address)}`);
  out.push(...attributeLines(change.attributes, change.action, s));
  const hidden = hiddenCount(change);
  if (hidden) out.push(s.dim(`        # (${hidden} unchanged attribute${hidden === 1 ? '' : 's'} hidden)`));
  out.push('    }');
  return out;
}

function headline(c: ResourceChange): string {
  if (c.deposed) return `${c.address} (deposed object ${c.deposed}) will be destroyed`;
  switch (c.action) {
    case 'create':
      return `${c.address} will be created`;
    case 'update':
      return `${c.address} will be updated in-place`;
    case 'delete':
      return `${c.address} will be destroyed`;
    case 'delete-then-create':
    case 'create-then-delete':
      return `${c.address} must be replaced`;
    case 'no-op':
      if (c.importing) return `${c.address} will be imported`;
      return `${c.movedFrom} has moved to ${c.address}`;
  }
}

/** The order the plan gives this change so that every name is free when it is taken. */
function nameOrderNotes(c: ResourceChange): string[] {
  const notes: string[] = [];
  if (c.viaTemporaryName && c.before) {
    notes.push(`  # (renamed to the temporary name "${c.viaTemporaryName}" first, to free "${c.before.provisioned_model_name}")`);
  }
  const name = c.after?.provisioned_model_name;
  for (const freer of c.runsAfter ?? []) notes.push(`  # (takes the name "${name}" after ${freer} frees it)`);
  return notes;
}

function commitmentNotes(c: ResourceChange): string[] {
  const notes: string[] = [];
  if (c.commitment.addedUnitHours) notes.push(`  # (commits to ${formatUnitHours(c.commitment.addedUnitHours)})`);
  if (c.commitment.endedUnitHours) {
    const end = c.commitment.termEnd ? ` before the term ends on ${formatInstant(c.commitment.termEnd)}` : '';
    notes.push(`  # (gives up ${formatUnitHours(c.commitment.endedUnitHours)} of commitment${end})`);
  }
  return notes;
}

function symbolOf(action: ChangeAction): Symbol {
  const symbols: Record<ChangeAction, Symbol> = {
    create: '+',
    update: '~',
    delete: '-',
    'delete-then-create': '-/+',
    'create-then-delete': '+/-',
    'no-op': ' ',
  };
  return symbols[action];
}

function colorSymbol(symbol: Symbol, s: Style): string {
  switch (symbol) {
    case '+':
      return s.green('+');
    case '-':
      return s.red('-');
    case '~':
      return s.yellow('~');
    case '-/+':
      return `${s.red('-')}/${s.green('+')}`;
    case '+/-':
      return `${s.green('+')}/${s.red('-')}`;
    case ' ':
      return ' ';
  }
}

/** Right-aligns the action symbol in a three-column gutter, as Terraform does. */
function pad(colored: string): string {
  const visibleWidth = colored.replace(/\u001b\[[0-9;]*m/g, '').length;
  return ' '.repeat(Math.max(0, 3 - visibleWidth)) + colored;
}

function resourceHeader(address: string): string {
  const dot = address.indexOf('.');
  return `resource "${address.slice(0, dot)}" "${address.slice(dot + 1)}" {`;
}

function hiddenCount(c: ResourceChange): number {
  if (c.action === 'create' || c.action === 'delete' || !c.before) return 0;
  const shown = new Set(c.attributes.map((a) => a.attribute));
  return (Object.keys(c.before) as (keyof PtAttributes)[]).filter((k) => !shown.has(k) && c.before![k] !== null).length;
}

function attributeLines(attributes: AttributeChange[], action: ChangeAction, s: Style): string[] {
  const width = Math.max(0, ...attributes.map((a) => a.attribute.length));
  return attributes.flatMap((a) => {
    const name = a.attribute.padEnd(width);
    const forces = a.forcesReplacement ? s.red(' # forces replacement') : '';
    const isMap = isTags(a.before) || isTags(a.after);
    if (action === 'create' || (a.before === null && a.after !== null)) {
      return isMap
        ? mapLines('+', name, {}, a.after as Record<string, string>, s, forces)
        : [`      ${s.green('+')} ${name} = ${value(a.after, a.attribute)}${forces}`];
    }
    if (action === 'delete' || (a.after === null && !COMPUTED.has(a.attribute))) {
      return isMap
        ? mapLines('-', name, a.before as Record<string, string>, {}, s, forces, ' -> null')
        : [`      ${s.red('-')} ${name} = ${value(a.before, a.attribute)} -> null${forces}`];
    }
    if (isMap) return mapLines('~', name, (a.before ?? {}) as Record<string, string>, (a.after ?? {}) as Record<string, string>, s, forces);
    return [`      ${s.yellow('~')} ${name} = ${value(a.before, a.attribute)} -> ${value(a.after, a.attribute)}${forces}`];
  });
}

function mapLines(
  symbol: '+' | '-' | '~',
  name: string,
  before: Record<string, string>,
  after: Record<string, string>,
  s: Style,
  forces: string,
  suffix = '',
): string[] {
  const head = { '+': s.green('+'), '-': s.red('-'), '~': s.yellow('~') }[symbol];
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  if (!keys.length) return [`      ${head} ${name} = {}${suffix}${forces}`];
  const width = Math.max(...keys.map((k) => JSON.stringify(k).length));
  const lines = [`      ${head} ${name} = {${forces}`];
  let unchanged = 0;
  for (const key of keys) {
    const k = JSON.stringify(key).padEnd(width);
    if (!(key in before)) lines.push(`          ${s.green('+')} ${k} = ${JSON.stringify(after[key])}`);
    else if (!(key in after)) lines.push(`          ${s.red('-')} ${k} = ${JSON.stringify(before[key])}${symbol === '~' ? ' -> null' : ''}`);
    else if (before[key] !== after[key]) lines.push(`          ${s.yellow('~')} ${k} = ${JSON.stringify(before[key])} -> ${JSON.stringify(after[key])}`);
    else unchanged++;
  }
  if (unchanged) lines.push(s.dim(`            # (${unchanged} unchanged element${unchanged === 1 ? '' : 's'} hidden)`));
  lines.push(`        }${suffix}`);
  return lines;
}

function isTags(v: unknown): boolean {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

function value(v: unknown, attribute: PtAttributeName): string {
  if (v === null || v === undefined) return COMPUTED.has(attribute) ? '(known after apply)' : 'null';
  return JSON.stringify(v);
}
