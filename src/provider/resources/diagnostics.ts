/**
 * The planner's diagnostics as Terraform shows them: on the attribute they are about, and with
 * the way out spelled in Terraform's commands (the planner's own text names bedrock-pt's).
 */
import type { PathStep, ProviderDiagnostic } from '../contract';
import type { Diagnostic } from '../../engine/model';
import { BedrockPtError } from '../../engine/errors';

const TERRAFORM_DETAIL: Partial<Record<Diagnostic['code'], string>> = {
  'commitment-not-expired':
    'A committed Provisioned Throughput cannot be deleted before its term ends, and you keep paying for it until then. ' +
    'Keep it as it is (revert this change in the configuration), or stop managing it with `terraform state rm` ' +
    '(or a `removed` block) and delete it yourself after the term ends. Nothing was changed.',
  'name-taken':
    'Names are unique per account and region. If it is the PT you mean, adopt it with `terraform import` (or an import block); otherwise choose another name.',
};

export function attributePath(name: string): PathStep[] {
  return [{ attribute: name }];
}

export function fromPlanner(d: Diagnostic, fallbackPath?: PathStep[]): ProviderDiagnostic {
  const path = d.field ? attributePath(d.field) : fallbackPath;
  // Only refusals name the way out; a warning's own detail (e.g. an interrupted create) says what apply will do.
  const detail = (d.severity === 'error' ? TERRAFORM_DETAIL[d.code] : undefined) ?? d.detail;
  return {
    severity: d.severity === 'error' ? 'error' : 'warning',
    summary: d.summary,
    ...(detail ? { detail } : {}),
    ...(path ? { path } : {}),
  };
}

export function errorDiagnostic(summary: string, detail?: string, path?: PathStep[]): ProviderDiagnostic {
  return { severity: 'error', summary, ...(detail ? { detail } : {}), ...(path ? { path } : {}) };
}

/** Errors thrown by the engine (typed BedrockPtError or an SDK error) as one error diagnostic. */
export function fromError(err: unknown, summary: string): ProviderDiagnostic {
  const message = err instanceof BedrockPtError || err instanceof Error ? err.message : String(err);
  return errorDiagnostic(summary, message);
}

export function hasErrors(diagnostics: ProviderDiagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}
