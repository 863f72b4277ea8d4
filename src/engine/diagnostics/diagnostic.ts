/**
 * The one diagnostic, as Terraform's tfdiags has it: every layer reports what it cannot do, or
 * warns of, as this plain value; only views turn it into text (render/diagnostic), JSON lines
 * (cli/views/json-lines) or tfplugin6 diagnostics (provider/protocol/diagnostics). A planner's
 * diagnostic carries its code and what it blocks; an error the run stops on carries its kind.
 */
import { BedrockPtError, type ErrorKind, type ErrorSubject } from '../errors';

export type DiagnosticCode =
  | 'commitment-not-expired'
  | 'prevent-destroy'
  | 'name-taken'
  | 'name-conflict'
  | 'name-cycle'
  | 'create-before-destroy-same-name'
  | 'model-not-found'
  | 'model-not-active'
  | 'model-not-provisionable'
  | 'import-not-found'
  | 'moved-invalid'
  | 'pending-create-unresolved'
  | 'pending-create-conflict'
  | 'pending-create-resumed'
  | 'state-out-of-scope'
  | 'arn-tracked-twice'
  | 'model-legacy'
  | 'pt-in-transition'
  | 'deposed-is-current'
  | 'deposed-gone'
  | 'deposed-waits-for-replacement'
  | 'quota-exceeded'
  | 'quota-unchecked'
  | 'terraform-diagnostic' // read from `terraform plan -json`, not placed among the codes above
  | 'other-resources';

/** A destroy, or a replace and the attribute that forces it (with the value it has now), that a rule refused. */
export type BlockedChange =
  { action: 'destroy' } | { action: 'replace'; forcedBy?: { attribute: 'model_units' | 'commitment_duration' | 'model_arn'; current: string | number } };

/** A step of an attribute path: an attribute name, or a map key / list index below it. */
export type PathStep = { attribute: string } | { key: string } | { index: number };

export type Severity = 'error' | 'warning' | 'note';

export interface Diagnostic extends ErrorSubject {
  severity: Severity;
  /** One line. */
  summary: string;
  /** What the user can do about it; for a failing program's report, its output as written. */
  detail?: string;
  /** On the Terraform door: the attribute it is about, so Terraform points at the config line. */
  path?: PathStep[];
  /** The planner's rule that raised it. */
  code?: DiagnosticCode;
  /** On a refused destroy or replace: which, so each door can word the way out in its own terms. */
  blocked?: BlockedChange;
  /** The kind of error a run stopped on. */
  kind?: ErrorKind;
}

/** What the planner reports: always under a code. */
export type PlanDiagnostic = Diagnostic & { code: DiagnosticCode };

/** Any thrown value as the error diagnostic it stands for: a BedrockPtError keeps its kind, subject and body. */
export function diagnosticOf(err: unknown): Diagnostic {
  const summary = oneLine(err instanceof Error ? err.message : String(err));
  if (!(err instanceof BedrockPtError)) return { severity: 'error', summary };
  const { stack, address, field } = err.subject;
  return {
    severity: 'error',
    summary,
    ...(err.body ? { detail: err.body } : {}),
    ...(stack ? { stack } : {}),
    ...(address ? { address } : {}),
    ...(field ? { field } : {}),
    kind: err.kind,
  };
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
