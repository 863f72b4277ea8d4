/** The engine's diagnostics and attribute paths in tfplugin6's shape: the provider's one converter. */
import type { PathStep, ProviderDiagnostic } from '../contract';
import { CtyCodecError } from './cty';

export type ProtoStep = { attribute_name: string } | { element_key_string: string } | { element_key_int: number };

export interface ProtoAttributePath {
  steps: ProtoStep[];
}

export interface ProtoDiagnostic {
  severity: 'ERROR' | 'WARNING';
  summary: string;
  detail: string;
  attribute?: ProtoAttributePath;
}

export function toProtoPath(path: PathStep[]): ProtoAttributePath {
  return {
    steps: path.map((step): ProtoStep => {
      if ('attribute' in step) return { attribute_name: step.attribute };
      if ('key' in step) return { element_key_string: step.key };
      return { element_key_int: step.index };
    }),
  };
}

/** Terraform knows errors and warnings; a note is shown as a warning. */
export function toProtoDiagnostic(diagnostic: ProviderDiagnostic): ProtoDiagnostic {
  return {
    severity: diagnostic.severity === 'error' ? 'ERROR' : 'WARNING',
    summary: diagnostic.summary,
    detail: diagnostic.detail ?? '',
    ...(diagnostic.path?.length ? { attribute: toProtoPath(diagnostic.path) } : {}),
  };
}

export function toProtoDiagnostics(diagnostics: ProviderDiagnostic[]): ProtoDiagnostic[] {
  return diagnostics.map(toProtoDiagnostic);
}

/** An error the server itself raises (no resource to ask), converted at once. */
export function errorDiagnostic(summary: string, detail: string, path?: PathStep[]): ProtoDiagnostic {
  return toProtoDiagnostic({ severity: 'error', summary, detail, ...(path ? { path } : {}) });
}

/** A failure inside the provider, as the error Terraform shows (a codec fault names its attribute). */
export function failureDiagnostic(rpc: string, err: unknown): ProtoDiagnostic {
  if (err instanceof CtyCodecError) {
    return errorDiagnostic(
      `bedrockpt provider: ${rpc} got a value it cannot read`,
      `${err.message}. This is a bug in the provider or a Terraform version it does not support.`,
      err.path,
    );
  }
  const message = err instanceof Error ? err.message : String(err);
  return errorDiagnostic(`bedrockpt provider: ${rpc} failed`, message);
}
