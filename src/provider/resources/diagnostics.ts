/**
 * The planner's diagnostics as Terraform shows them: on the attribute they are about, and with
 * the way out spelled in Terraform's commands (the planner's own text names bedrock-pt's).
 * Terraform prints the resource's address above each diagnostic; the text says "this resource".
 */
import type { PathStep, ProviderDiagnostic } from '../contract';
import type { Diagnostic, LiveView } from '../../engine/model';
import { BedrockPtError, messageWithoutLocation } from '../../engine/errors';
import { diagnosticOf } from '../../engine/diagnostics';
import { BEDROCKPT_PT_ATTRIBUTES } from '../../engine/pt/attributes';
import { PT_TYPE_NAME } from './pt-schema';

/** What the provider knows beyond the diagnostic when it words it for Terraform. */
export interface WordingContext {
  /** Whether another resource of this run holds `arn` in Terraform's state. */
  tracked(arn: string): boolean;
  live: LiveView;
  /** The Terraform workspace, for messages about the purchase journal. */
  workspace: string;
}

const UNMANAGE =
  "To stop managing it without deleting it, use `terraform state rm <this resource's address>` (or a `removed` block with `lifecycle { destroy = false }`), " +
  'and delete it yourself after the term ends.';

/** The way out of a destroy or replace a commitment forbids, in the terms of the configuration Terraform reads. */
function commitmentDetail(d: Diagnostic): string {
  const failed = /\(status Failed\)/.test(d.summary)
    ? ' Its status is Failed, which does not end the commitment; ask AWS Support about the failed PT rather than deleting it.'
    : '';
  const head = `A committed Provisioned Throughput cannot be deleted before its term ends, and you keep paying for it until then.${failed} Nothing was changed. `;
  const blocked = d.blocked ?? { action: 'destroy' };
  if (blocked.action === 'destroy') {
    return `${head}To keep it, keep the resource in the configuration, or leave it out of this destroy (\`terraform destroy -target=...\` for the others). ${UNMANAGE}`;
  }
  const forced = blocked.forcedBy;
  if (!forced) return `${head}Keep it as it is (no -replace for it), or make this change after the term ends. ${UNMANAGE}`;
  const keep = `keep \`${forced.attribute} = ${JSON.stringify(forced.current)}\` on this resource`;
  const second = `add a second ${PT_TYPE_NAME} (with its own provisioned_model_name)`;
  const instead =
    forced.attribute === 'model_units'
      ? `To add capacity now, ${keep} and ${second} for the extra units`
      : forced.attribute === 'commitment_duration'
        ? `To buy the new term now, ${keep} and ${second} with that term`
        : `To serve the new model now, ${keep} and ${second} for that model`;
  return `${head}${forced.attribute} cannot change on an existing Provisioned Throughput, so this change would delete it and buy another. ${instead}; or make this change after the term ends. ${UNMANAGE}`;
}

const OUT_OF_SCOPE =
  'The PT cannot be seen with this provider configuration, so it is neither taken for deleted nor created again. ' +
  'Point the provider back at the account and region where the PT lives (region, credentials, assume_role), ' +
  "or stop managing it from this configuration with `terraform state rm <this resource's address>` (the PT keeps running and billing where it is).";

/** The journal intent's PT, when the diagnostic names one: the import command can then be given in full. */
function importLine(d: Diagnostic): string {
  const arn = /arn:[a-z-]+:bedrock:[^\s,;:]+:\d+:provisioned-model\/[a-z0-9]+/.exec(d.summary)?.[0];
  return arn ? `To adopt it into the resource it belongs to: terraform import <that resource's address> ${arn}\n\n` : '';
}

function nameTakenDetail(d: Diagnostic, context: WordingContext): string {
  const holder = Object.values(context.live.pts).find((pt) => d.summary.includes(pt.arn));
  if (holder && context.tracked(holder.arn)) {
    return (
      `Another resource of this configuration holds ${holder.arn} in Terraform's state, and names are unique per account and region. ` +
      'Terraform cannot order a rename or delete of that PT before this create, so the create could fail at apply: apply that change first, then this one, ' +
      "or give this resource another name. If the PT is this resource's own object, tainted after an earlier apply failed, keep it with " +
      "`terraform untaint <this resource's address>` (to replace it instead, use `terraform apply -replace=<this resource's address>`)."
    );
  }
  const arn = holder?.arn ?? 'ARN';
  return (
    'Names are unique per account and region, and no resource this run read holds that PT: it may belong to another workspace or configuration, or to nobody. ' +
    `If it is the PT this resource means, adopt it with \`terraform import <this resource's address> ${arn}\` (or an import block); otherwise choose another name. ` +
    'If this resource is replacing that PT under create_before_destroy, the replacement needs a name of its own while both exist: change the name, or drop create_before_destroy. Nothing was bought.'
  );
}

const TERRAFORM_DETAIL: Partial<Record<Diagnostic['code'], (d: Diagnostic, context: WordingContext) => string>> = {
  'commitment-not-expired': commitmentDetail,
  'name-taken': nameTakenDetail,
  'name-conflict': () =>
    'Another resource of this configuration plans to create a Provisioned Throughput of that name in this account and region, and names are unique: ' +
    'only one of the creates could succeed. Give each resource its own name (with count or for_each, put count.index or each.key in the name); ' +
    'if the resource was renamed in the configuration, a `moved` block carries its PT over instead of creating another.',
  'state-out-of-scope': () => OUT_OF_SCOPE,
  'arn-tracked-twice': () =>
    'One Provisioned Throughput must belong to one resource: a destroy or replace of one would delete the PT the other still manages. ' +
    'Remove the record that should not own it with `terraform state rm <its address>`.',
  'pending-create-unresolved': (d, context) =>
    `${importLine(d)}A Terraform run in this working directory (workspace "${context.workspace}") was interrupted after sending that create, so its PT is in no Terraform state. ` +
    (d.severity === 'error'
      ? 'No other PT is bought until it is settled, because it may be the one this resource is meant to be. '
      : 'It keeps billing while no state records it. ') +
    "If it belongs to a resource of this configuration, adopt it with `terraform import <that resource's address> <its ARN>`; or put that resource's arguments " +
    'back to what the create asked for (name, model, units, commitment, tags): apply then resumes it with the same token, which cannot buy twice. ' +
    'If no PT of that name appears, the create never took effect and is forgotten 30 minutes after it started.',
};

/** The planner speaks of stacks; on this door a PT belongs to a resource. */
function terraformSummary(d: Diagnostic): string {
  return d.summary
    .replace(', which this stack does not manage', ", which is not this resource's")
    .replace('but this run refreshed', 'but this provider is configured for');
}

export function attributePath(name: string): PathStep[] {
  return [{ attribute: name }];
}

export function fromPlanner(d: Diagnostic, fallbackPath?: PathStep[], context?: WordingContext): ProviderDiagnostic {
  const path = d.field ? attributePath(d.field) : fallbackPath;
  const reword = context ? TERRAFORM_DETAIL[d.code] : undefined;
  // Refusals name the way out; a warning's own detail (e.g. a resumed create) says what apply will do.
  const detail = reword && (d.severity === 'error' || d.code === 'pending-create-unresolved') ? reword(d, context!) : d.detail;
  return {
    severity: d.severity === 'error' ? 'error' : 'warning',
    summary: context ? terraformSummary(d) : d.summary,
    ...(detail ? { detail } : {}),
    ...(path ? { path } : {}),
  };
}

export function errorDiagnostic(summary: string, detail?: string, path?: PathStep[]): ProviderDiagnostic {
  return { severity: 'error', summary, ...(detail ? { detail } : {}), ...(path ? { path } : {}) };
}

export function warningDiagnostic(summary: string, detail?: string, path?: PathStep[]): ProviderDiagnostic {
  return { severity: 'warning', summary, ...(detail ? { detail } : {}), ...(path ? { path } : {}) };
}

/**
 * Errors thrown by the engine (typed BedrockPtError or an SDK error) as one error diagnostic.
 * The engine puts its stack and address in front of a message; on this door both are stand-ins
 * (Terraform names the resource above the diagnostic), so they are left out. A field that is
 * one of the resource's attributes becomes the path Terraform points at.
 */
export function fromError(err: unknown, summary: string): ProviderDiagnostic {
  const { field } = diagnosticOf(err);
  const onAttribute = field && (BEDROCKPT_PT_ATTRIBUTES as readonly string[]).includes(field);
  return errorDiagnostic(summary, errorText(err), onAttribute ? attributePath(field) : undefined);
}

export function errorText(err: unknown): string {
  return err instanceof BedrockPtError ? messageWithoutLocation(err, err.subject) : err instanceof Error ? err.message : String(err);
}
