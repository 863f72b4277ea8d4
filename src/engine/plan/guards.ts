/**
 * The money-safety rules: which destroys and creates must not happen. Each
 * returns error diagnostics; an error on an address blocks its change.
 */
import type { BlockedChange, DesiredPt, Diagnostic, LivePt, PtAttributeName, PtAttributes } from '../model';
import { commitmentVerdict, DAY_MS } from './commitment';
import { errorDiagnostic, formatTime } from './diagnostics';
import { formatDuration } from '../duration';

export interface GuardContext {
  stack: string;
  now: Date;
  /** A live PT with this name that this stack does not manage. */
  unmanagedPtNamed(name: string): LivePt | undefined;
}

/** The construct's property for each attribute that can force a replace: the CLI speaks to cdktf users. */
const CONSTRUCT_PROP = { model_units: 'modelUnits', commitment_duration: 'commitment', model_arn: 'model' } as const;

/** What a cdktf user can do instead of a destroy or replace a commitment forbids. */
function commitmentWayOut(ctx: GuardContext, address: string, blocked: BlockedChange): string {
  const unmanage = `To stop managing it without deleting it, run \`bedrock-pt state rm --stack ${ctx.stack} ${address}\` and delete it yourself after the term ends.`;
  if (blocked.action === 'destroy') return `To keep it, keep its ProvisionedThroughput in the app. ${unmanage}`;
  const forced = blocked.forcedBy;
  if (!forced) return `Keep it as it is, or make this change after the term ends. ${unmanage}`;
  const prop = CONSTRUCT_PROP[forced.attribute];
  const keep = `keep \`${prop}: ${JSON.stringify(forced.current)}\` on its ProvisionedThroughput`;
  const instead =
    forced.attribute === 'model_units'
      ? `To add capacity now, ${keep} and add a second ProvisionedThroughput (with a name of its own) for the extra units`
      : forced.attribute === 'commitment_duration'
        ? `To buy the new term now, ${keep} and add a second ProvisionedThroughput (with a name of its own) with that term`
        : `To serve the new model now, ${keep} and add a second ProvisionedThroughput (with a name of its own) for that model`;
  return `${prop} cannot change on an existing Provisioned Throughput, so this change would delete it and buy another. ${instead}; or make this change after the term ends. ${unmanage}`;
}

type ReplaceForcedBy = Extract<BlockedChange, { action: 'replace' }>['forcedBy'];

/** The attribute that forces a replace (units first, then the term, then the model) and its value now; none for a Failed PT or a requested replace. */
export function forcedBy(forcing: ReadonlySet<PtAttributeName>, before: PtAttributes): { forcedBy?: ReplaceForcedBy } {
  const attribute = (['model_units', 'commitment_duration', 'model_arn'] as const).find((a) => forcing.has(a));
  return attribute ? { forcedBy: { attribute, current: before[attribute] ?? 'none' } } : {};
}

/** Destroying `pt`, alone or as the delete half of a replace. */
export function destroyGuards(ctx: GuardContext, address: string, pt: LivePt, desired: DesiredPt | undefined, blocked: BlockedChange): Diagnostic[] {
  const out: Diagnostic[] = [];
  const verb = blocked.action === 'destroy' ? 'destroyed' : 'replaced';
  const field = blocked.action === 'replace' ? blocked.forcedBy?.attribute : undefined;
  const verdict = commitmentVerdict(pt, ctx.now);
  if (!verdict.allowed) {
    const end = pt.commitmentExpirationTime;
    const daysLeft = end ? Math.ceil((Date.parse(end) - ctx.now.getTime()) / DAY_MS) : undefined;
    const until =
      verdict.safeFromMs !== undefined
        ? `ended at ${formatTime(end!)} by this machine's clock, but Bedrock's clock may not be there yet: the delete is planned from ${formatTime(new Date(verdict.safeFromMs).toISOString())} (${formatDuration(Math.ceil((verdict.safeFromMs - ctx.now.getTime()) / 1000) * 1000)} left; 5 minutes after the end, the clock skew SigV4 allows)`
        : end
          ? `runs until ${formatTime(end)} (${daysLeft} day${daysLeft === 1 ? '' : 's'} left)`
          : 'has no end date reported by Bedrock yet';
    const failed = verdict.failed
      ? ` Its status is Failed, which does not end the commitment; ask AWS Support about the failed PT rather than deleting it.`
      : '';
    out.push(
      errorDiagnostic(
        'commitment-not-expired',
        `Cannot be ${verb}: the ${pt.commitment} commitment of "${pt.name}"${verdict.failed ? ' (status Failed)' : ''} ${until}`,
        {
          address,
          ...(field ? { field } : {}),
          blocked,
          detail: `A committed Provisioned Throughput cannot be deleted before its term ends, and you keep paying for it until then.${failed} ${commitmentWayOut(ctx, address, blocked)}`,
        },
      ),
    );
  }
  if (desired?.lifecycle.preventDestroy) {
    out.push(
      errorDiagnostic('prevent-destroy', `Cannot be ${verb}: lifecycle.prevent_destroy is set`, {
        address,
        blocked,
        detail:
          'Keep the PT as it is; or, if destroying it is intended, set `preventDestroy: false` on its ProvisionedThroughput ' +
          '(on by default when the PT is committed; in other cdktf code, lifecycle.preventDestroy) and plan again.',
      }),
    );
  }
  return out;
}

/** Creating a PT named `name`: Provisioned Throughput names are unique per account and region. */
export function nameGuards(ctx: GuardContext, address: string, name: string, purpose: 'create' | 'rename'): Diagnostic[] {
  const holder = ctx.unmanagedPtNamed(name);
  if (!holder) return [];
  const detail =
    purpose === 'create'
      ? `If it is the PT you mean, adopt it with \`bedrock-pt import --stack ${ctx.stack} ${address} ${holder.arn}\` (or an import block); otherwise choose another name.`
      : 'Choose another name, or adopt that PT into this stack instead.';
  return [
    errorDiagnostic('name-taken', `The name "${name}" is already used by ${holder.arn}, which this stack does not manage`, {
      address,
      field: 'provisioned_model_name',
      detail,
    }),
  ];
}

/** create_before_destroy needs the new PT to coexist with the old one, so the names must differ. */
export function createBeforeDestroyGuard(address: string, desired: DesiredPt, pt: LivePt): Diagnostic[] {
  if (!desired.lifecycle.createBeforeDestroy || desired.name !== pt.name) return [];
  return [
    errorDiagnostic('create-before-destroy-same-name', `create_before_destroy cannot replace "${pt.name}" under the same name`, {
      address,
      field: 'provisioned_model_name',
      detail:
        'Names are unique per account and region, so the new PT needs a new name; change the name, or drop `createBeforeDestroy` from its ProvisionedThroughput (lifecycle.create_before_destroy) to replace delete-first.',
    }),
  ];
}
