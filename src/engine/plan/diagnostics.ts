import type { Diagnostic, DiagnosticCode } from '../model';

type Details = Pick<Diagnostic, 'address' | 'field' | 'detail' | 'blocked'>;

export function errorDiagnostic(code: DiagnosticCode, summary: string, details: Details = {}): Diagnostic {
  return { severity: 'error', code, summary, ...details };
}

export function warningDiagnostic(code: DiagnosticCode, summary: string, details: Details = {}): Diagnostic {
  return { severity: 'warning', code, summary, ...details };
}

export function noteDiagnostic(code: DiagnosticCode, summary: string, details: Details = {}): Diagnostic {
  return { severity: 'note', code, summary, ...details };
}

const SEVERITY_RANK: Record<Diagnostic['severity'], number> = { error: 0, warning: 1, note: 2 };

/** Errors first, then by address, code and text, so equal inputs print equal plans. */
export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      compare(a.address ?? '', b.address ?? '') ||
      compare(a.code, b.code) ||
      compare(a.summary, b.summary),
  );
}

export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** "2025-09-01 00:00 UTC": readable, and taken from the input so plans stay deterministic. */
export function formatTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
