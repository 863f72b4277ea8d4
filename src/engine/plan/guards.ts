/**
 * The money-safety rules: which destroys and creates must not happen. Each
 * returns error diagnostics; an error on an address blocks its change.
 */
import type { DesiredPt, Diagnostic, LivePt } from '../model';
import { commitmentVerdict, DAY_MS } from './commitment';
import { errorDiagnostic, formatTime } from './diagnostics';
import { formatDuration } from '../duration';

export interface GuardContext {
  stack: string;
  now: Date;
  /** A live PT with this name that this stack does not manage. */
  unmanagedPtNamed(name: string): LivePt | undefined;
}

/** Destroying `pt`, alone or as the delete half of a replace. */
export function destroyGuards(ctx: GuardContext, address: string, pt: LivePt, desired: DesiredPt | undefined, verb: 'destroyed' | 'replaced'): Diagnostic[] {
  const out: Diagnostic[] = [];
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
          detail:
            'A committed Provisioned Throughput cannot be deleted before its term ends, and you keep paying for it until then.' +
            `${failed} Either keep it as it is (revert this change in the configuration), or stop managing it with ` +
            `\`bedrock-pt state rm --stack ${ctx.stack} ${address}\` and delete it yourself after the term ends.`,
        },
      ),
    );
  }
  if (desired?.lifecycle.preventDestroy) {
    out.push(
      errorDiagnostic('prevent-destroy', `Cannot be ${verb}: lifecycle.prevent_destroy is set`, {
        address,
        detail: `Keep the PT as it is, or remove prevent_destroy from ${address} if destroying it is intended.`,
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
      detail: 'Names are unique per account and region, so the new PT needs a new name; change the name, or drop create_before_destroy to replace delete-first.',
    }),
  ];
}

