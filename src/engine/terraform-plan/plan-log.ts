/**
 * Reads what `terraform plan -json` prints (Terraform's machine-readable UI: one JSON object per
 * line) into the plan model the PR comment renders. A plan the bedrockpt provider refuses makes
 * `terraform plan` fail, and its reasons exist only there: each refusal becomes a blocked change,
 * rendered as a blocked change of `bedrock-pt plan` is (the commitment end date and the ways out
 * are in its summary and detail); warnings stay warnings. The ARNs Terraform refreshed give the
 * account and region. Beside a `terraform show -json` plan of the same stack it adds what that
 * plan lacks; alone it makes the comment from the planned changes it lists.
 */
import { BedrockPtError } from '../errors';
import type { ChangeAction, Diagnostic, DiagnosticCode, ResourceChange, StackPlan } from '../model';
import { COULD_NOT_FINISH, isPtType, scopeOfPtArn, type OtherResourceChange, type ReviewedStack } from './show-json';

interface UiResource {
  addr?: string;
  resource_type?: string;
}

interface UiLine {
  type?: string;
  '@level'?: string;
  hook?: { resource?: UiResource; id_value?: string };
  change?: { resource?: UiResource; action?: string };
  diagnostic?: { severity?: string; summary?: string; detail?: string; address?: string };
}

/** `terraform plan -json` output starts with its version line; a JSON plan is one document. */
export function isPlanLog(text: string): boolean {
  const first = text.split('\n').find((line) => line.trim() !== '');
  if (!first) return false;
  try {
    const line = JSON.parse(first) as UiLine;
    return !!line && typeof line === 'object' && typeof line['@level'] === 'string' && typeof line.type === 'string';
  } catch {
    return false;
  }
}

/**
 * The provider's refusals, by the words the engine's rules start them with (plan/guards.ts,
 * plan/quotas.ts): what each one blocks. A test feeds the planner's own diagnostics through it.
 */
const REFUSALS: { pattern: RegExp; code: DiagnosticCode; action?: ChangeAction }[] = [
  { pattern: /^Cannot be replaced: .*commitment/, code: 'commitment-not-expired', action: 'delete-then-create' },
  { pattern: /^Cannot be destroyed: .*commitment/, code: 'commitment-not-expired', action: 'delete' },
  { pattern: /^Needs \d+ model unit\(s\) of the quota /, code: 'quota-exceeded', action: 'create' },
  { pattern: /^(Model-unit quotas could not be read|No quota named )/, code: 'quota-unchecked' },
];

export function placeRefusal(summary: string): { code: DiagnosticCode; action?: ChangeAction } {
  const found = REFUSALS.find((r) => r.pattern.test(summary));
  if (!found) return { code: 'terraform-diagnostic' };
  return { code: found.code, ...(found.action ? { action: found.action } : {}) };
}

/** Terraform's UI actions; a replace's order is not in the log. */
const UI_ACTIONS: Record<string, ChangeAction | 'read'> = {
  create: 'create',
  update: 'update',
  delete: 'delete',
  replace: 'delete-then-create',
  read: 'read',
  noop: 'no-op',
};

function change(address: string, action: ChangeAction, arn: string | undefined, blocked: boolean): ResourceChange {
  return {
    address,
    action,
    reasons: [],
    explanations: [],
    before: null,
    after: null,
    attributes: [],
    ...(arn ? { arn } : {}),
    blocked,
    commitment: { addedUnitHours: 0, endedUnitHours: 0 },
    timeouts: {},
  };
}

function parseLines(file: string, text: string): UiLine[] {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((line, i) => {
      try {
        return JSON.parse(line) as UiLine;
      } catch (err) {
        throw new BedrockPtError(
          'usage',
          `bedrock-pt review ${file}: line ${i + 1} is not JSON (${(err as Error).message}). Pass what \`terraform plan -json\` printed, unchanged.`,
          { field: 'PLAN' },
        );
      }
    });
}

export function readPlanLog(stack: string, file: string, text: string): ReviewedStack {
  const lines = parseLines(file, text);
  const arns = new Map<string, string>();
  const changes: ResourceChange[] = [];
  const others: OtherResourceChange[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const line of lines) {
    const refreshed = line.hook?.resource?.addr;
    if (refreshed && scopeOfPtArn(line.hook?.id_value)) arns.set(refreshed, line.hook!.id_value!);
    const planned = line.type === 'planned_change' ? line.change : undefined;
    const action = planned ? UI_ACTIONS[planned.action ?? ''] : undefined;
    if (planned?.resource?.addr && action && action !== 'no-op') {
      if (isPtType(planned.resource.resource_type) && action !== 'read') changes.push(change(planned.resource.addr, action, undefined, false));
      else others.push({ address: planned.resource.addr, action });
    }
    const d = line.type === 'diagnostic' ? line.diagnostic : undefined;
    if (d?.summary && (d.severity === 'error' || d.severity === 'warning')) {
      diagnostics.push({
        severity: d.severity,
        code: placeRefusal(d.summary).code,
        summary: d.summary,
        ...(d.address ? { address: d.address } : {}),
        ...(d.detail ? { detail: d.detail } : {}),
      });
    }
  }
  for (const c of changes) if (arns.has(c.address)) c.arn = arns.get(c.address);
  markRefused(changes, diagnostics, arns);
  const scope = [...arns.values()].map(scopeOfPtArn).find(Boolean);
  const plan: StackPlan = {
    stack,
    account: scope?.account ?? '—',
    region: scope?.region ?? '—',
    state: { lineage: '', serial: 0 },
    configFingerprint: '',
    ptFingerprints: {},
    changes,
    drift: [],
    diagnostics,
    commitment: { addedUnitHours: 0, endedUnitHours: 0 },
    applyable: !diagnostics.some((d) => d.severity === 'error'),
  };
  return { plan, others };
}

/** Each refusal on a resource blocks its change, adding the change where Terraform listed none. */
function markRefused(changes: ResourceChange[], diagnostics: Diagnostic[], arns: Map<string, string>): void {
  for (const d of diagnostics) {
    if (d.severity !== 'error' || !d.address) continue;
    const existing = changes.find((c) => c.address === d.address);
    if (existing) {
      existing.blocked = true;
      continue;
    }
    const action = placeRefusal(d.summary).action;
    if (action) changes.push(change(d.address, action, arns.get(d.address), true));
  }
}

/**
 * A stack given both ways: the JSON plan's changes and attributes, the log's refusals and
 * warnings; the account and region from whichever knows them.
 */
export function withPlanLog(shown: ReviewedStack, log: ReviewedStack): ReviewedStack {
  const logErrors = log.plan.diagnostics.some((d) => d.severity === 'error');
  const changes = shown.plan.changes.map((c) => ({ ...c }));
  for (const c of log.plan.changes.filter((x) => x.blocked)) {
    const same = changes.find((x) => x.address === c.address);
    if (same) same.blocked = true;
    else changes.push(c);
  }
  const diagnostics = [...shown.plan.diagnostics.filter((d) => !(logErrors && d === COULD_NOT_FINISH)), ...log.plan.diagnostics];
  const known = (a: string, b: string) => (a !== '—' ? a : b);
  return {
    plan: {
      ...shown.plan,
      account: known(shown.plan.account, log.plan.account),
      region: known(shown.plan.region, log.plan.region),
      changes,
      diagnostics,
      applyable: shown.plan.applyable && log.plan.applyable,
    },
    others: shown.others,
  };
}
