/** Model facts as the planner needs them: canonical ARNs, kinds, base models and usability. */
import type { Diagnostic, ModelFacts } from '../model';
import { errorDiagnostic, formatTime, warningDiagnostic } from './diagnostics';

export class ModelCatalog {
  constructor(private readonly models: Record<string, ModelFacts>) {}

  facts(identifier: string): ModelFacts | undefined {
    const facts = this.models[identifier];
    return facts?.exists ? facts : undefined;
  }

  /** By canonical ARN, whichever way the model was written when it was looked up. */
  factsByArn(arn: string): ModelFacts | undefined {
    return this.facts(arn) ?? Object.values(this.models).find((f) => f.exists && f.arn === arn);
  }

  /** Models compare by canonical ARN: the same model may be written as an ID or as an ARN. */
  canonical(identifier: string): string {
    return this.facts(identifier)?.arn ?? identifier;
  }

  kind(identifier: string): 'foundation' | 'custom' {
    return this.facts(identifier)?.kind ?? (identifier.includes(':custom-model/') ? 'custom' : 'foundation');
  }

  /** The foundation model a model derives from (itself for a foundation model). */
  baseModel(identifier: string, fallback?: string): string | undefined {
    const facts = this.facts(identifier);
    if (facts?.baseModelArn) return facts.baseModelArn;
    return this.kind(identifier) === 'foundation' ? this.canonical(identifier) : fallback;
  }

  /** Why a model cannot be used for a new PT or a model swap, if it cannot. */
  unusable(identifier: string, address: string): Diagnostic | undefined {
    const facts = this.models[identifier];
    const field = 'model_arn';
    if (!facts?.exists) {
      return errorDiagnostic('model-not-found', `Model "${identifier}" does not exist in this account and region`, {
        address,
        field,
        detail: "Check the model ID or ARN (and the provider's region); `aws bedrock list-foundation-models` and `list-custom-models` show what is available.",
      });
    }
    if (facts.lifecycle === 'INACTIVE') {
      return errorDiagnostic('model-not-active', `Model "${identifier}" is not active and cannot back a Provisioned Throughput`, {
        address,
        field,
        detail:
          facts.kind === 'custom' ? "Wait until the custom model's training finishes (status Active), or choose another model." : 'Choose an ACTIVE model.',
      });
    }
    if (facts.supportsProvisioned === false) {
      return errorDiagnostic('model-not-provisionable', `Model "${identifier}" does not support Provisioned Throughput`, {
        address,
        field,
        detail: 'Choose a model whose inferenceTypesSupported includes PROVISIONED (often a context-length variant such as ":0:200k").',
      });
    }
    return undefined;
  }

  legacyWarning(identifier: string, address: string, role: 'desired' | 'current'): Diagnostic | undefined {
    const facts = this.facts(identifier);
    if (facts?.lifecycle !== 'LEGACY') return undefined;
    const eol = facts.endOfLifeTime ? ` and reaches end of life on ${formatTime(facts.endOfLifeTime)}` : '';
    const which = role === 'desired' ? 'The configured model' : "The PT's current model";
    return warningDiagnostic('model-legacy', `${which} "${identifier}" is LEGACY${eol}`, {
      address,
      field: 'model_arn',
      detail: 'Plan a move to an ACTIVE model before the end-of-life date; after it the PT stops serving.',
    });
  }
}
