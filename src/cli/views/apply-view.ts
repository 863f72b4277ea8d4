/**
 * The apply view: the plan view, plus the apply's progress and outcome. Human: the live
 * progress of ProgressReporter and Terraform's "Apply complete! Resources: …" lines. JSON: the
 * engine's progress events as `apply_start` / `apply_progress` / `apply_complete` /
 * `apply_errored` lines and a closing `change_summary` with `operation: "apply"`. Both take
 * their numbers from the applier's one count (countApplied).
 */
import type { ProgressEvent } from '../../engine/apply/context';
import type { StackApplyResult } from '../../engine/apply/apply-stack';
import { countApplied } from '../../engine/apply/outcome';
import { HumanPlanView, JsonPlanView, type PlanView } from './plan-view';
import { engineAction, resourceOf } from './json-lines';
import { DISCARD, type ViewStreams } from './streams';

export interface ApplyView extends PlanView {
  /** The stream ProgressReporter draws on; the JSON view prints its own progress lines instead. */
  readonly progressOut: ViewStreams['out'];
  /**
   * The report callback for the applier: ProgressReporter's (which also tracks what is in
   * flight for the interrupt handler), plus the view's own lines when it prints them.
   */
  withProgress(reporter: (e: ProgressEvent) => void): (e: ProgressEvent) => void;
  noChanges(): void;
  cancelled(): void;
  /** Renders the outcome; true when everything finished. */
  applied(results: StackApplyResult[]): boolean;
}

/** Terraform's "Resources: N added, N changed, N destroyed." plus what did not finish, from the engine's counts. */
export function summaryLine(results: StackApplyResult[]): string {
  const c = countApplied(results);
  const creating = c.stillCreating ? ` (${c.stillCreating} still Creating)` : '';
  const unfinished = [c.failed ? `${c.failed} failed` : '', c.notStarted ? `${c.notStarted} not started` : ''].filter(Boolean);
  const tail = unfinished.length ? `; ${unfinished.join(', ')}` : '';
  return `Resources: ${c.added} added${creating}, ${c.changed} changed, ${c.destroyed} destroyed${tail}.`;
}

/**
 * Whether the state can be trusted to hold what was done: true only when no state write of
 * the run was refused or failed. Otherwise a PT may be bought and recorded nowhere, and the
 * user is told which stacks and why, rather than that all is recorded.
 */
export function stateVerdict(results: StackApplyResult[]): string {
  const refused = results.filter((r) => r.stateWriteErrors?.length);
  if (!refused.length) return 'The state records everything that was done; run plan again to see what is left.';
  const why = refused.map((r) => `  ${r.stack}: ${r.stateWriteErrors![0]}`).join('\n');
  return (
    `The state does NOT record everything that was done: a state write was refused or failed in ${refused.map((r) => r.stack).join(', ')}:\n${why}\n` +
    'A step whose result could not be written (a PT bought, renamed or deleted) is missing from the state; its pending create, where one was written, finds it again. ' +
    'Fix the cause, then run plan: it shows what the state lacks before anything is sent.'
  );
}

const finished = (results: StackApplyResult[]) => results.every((r) => !r.failed.length && !r.notStarted.length && !r.stillCreating.length);

export class HumanApplyView extends HumanPlanView implements ApplyView {
  get progressOut(): ViewStreams['out'] {
    return this.streams.out;
  }

  withProgress(reporter: (e: ProgressEvent) => void): (e: ProgressEvent) => void {
    return reporter;
  }

  noChanges(): void {
    this.streams.out.write('\nNo changes. Nothing to apply.\n');
  }

  cancelled(): void {
    this.streams.out.write('\nApply cancelled.\n');
  }

  applied(results: StackApplyResult[]): boolean {
    const out = this.streams.out;
    if (finished(results)) {
      out.write(`\nApply complete! ${summaryLine(results)}\n`);
      return true;
    }
    // Each stack's addresses in address order, as Terraform lists them: the applier records
    // them in the order their steps ended, which concurrent steps make different on every run.
    const failed = results.flatMap((r) =>
      [...r.failed].sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0)).map((f) => `  ${r.stack}/${f.address}: ${f.error}`),
    );
    const left = results.flatMap((r) => [...r.notStarted].sort().map((a) => `  ${r.stack}/${a}`));
    const creating = results.flatMap((r) => [...r.stillCreating].sort().map((a) => `  ${r.stack}/${a}`));
    out.write(`\nApply incomplete! ${summaryLine(results)}\n`);
    if (creating.length)
      out.write(`Still creating (bought and recorded in state; the next plan waits for them, nothing is bought again):\n${creating.join('\n')}\n`);
    if (failed.length) out.write(`Failed:\n${failed.join('\n')}\n`);
    if (left.length) out.write(`Stopped before finishing:\n${left.join('\n')}\n`);
    out.write(`${stateVerdict(results)}\n`);
    return false;
  }
}

const VERB: Record<string, string> = { create: 'Creating', update: 'Modifying', delete: 'Destroying', replace: 'Replacing', noop: 'Recording' };

export class JsonApplyView extends JsonPlanView implements ApplyView {
  readonly progressOut = DISCARD;
  private readonly started = new Map<string, number>();

  constructor(
    streams: ViewStreams,
    private readonly clock: () => Date = () => new Date(),
  ) {
    super(streams, clock);
  }

  withProgress(reporter: (e: ProgressEvent) => void): (e: ProgressEvent) => void {
    return (e) => {
      reporter(e);
      this.report(e);
    };
  }

  readonly report = (e: ProgressEvent): void => {
    const key = `${e.stack}/${e.address}`;
    if (e.kind === 'start') this.started.set(key, this.clock().getTime());
    const elapsed = Math.round((this.clock().getTime() - (this.started.get(key) ?? this.clock().getTime())) / 1000);
    const action = 'action' in e ? engineAction(e.action) : undefined;
    const hook = (extra: Record<string, unknown> = {}) => ({
      hook: { resource: resourceOf(e.address), ...(action ? { action } : {}), ...extra },
      bedrock_pt: { stack: e.stack },
    });
    switch (e.kind) {
      case 'start':
        this.lines.emit('apply_start', 'info', `${e.address}: ${VERB[action!] ?? 'Applying'}...`, hook());
        break;
      case 'call':
        this.lines.emit('apply_progress', 'info', `${e.address}: calling ${e.operation} [${elapsed}s elapsed]`, {
          ...hook({ elapsed_seconds: elapsed }),
          bedrock_pt: { stack: e.stack, operation: e.operation },
        });
        break;
      case 'waiting':
        this.lines.emit('apply_progress', 'info', `${e.address}: Still ${e.status.toLowerCase()}... [${elapsed}s elapsed]`, {
          ...hook({ elapsed_seconds: elapsed }),
          bedrock_pt: { stack: e.stack, status: e.status },
        });
        break;
      case 'done':
        this.lines.emit(
          'apply_complete',
          'info',
          `${e.address}: ${action} complete after ${elapsed}s${e.detail ? ` (${e.detail})` : ''}`,
          hook({ elapsed_seconds: elapsed }),
        );
        break;
      case 'failed':
        this.lines.emit('apply_errored', 'error', `${e.address}: ${action} errored after ${elapsed}s: ${e.error}`, {
          ...hook({ elapsed_seconds: elapsed }),
          bedrock_pt: { stack: e.stack, error: e.error },
        });
        break;
    }
  };

  noChanges(): void {
    this.lines.emit('change_summary', 'info', 'Apply complete! Resources: 0 added, 0 changed, 0 destroyed.', {
      changes: { add: 0, change: 0, import: 0, remove: 0, operation: 'apply' },
    });
  }

  cancelled(): void {
    this.lines.emit('log', 'info', 'Apply cancelled.');
  }

  applied(results: StackApplyResult[]): boolean {
    const c = countApplied(results);
    const ok = finished(results);
    for (const r of results) {
      for (const f of r.failed) this.lines.diagnostic({ severity: 'error', kind: 'apply', summary: f.error, stack: r.stack, address: f.address });
    }
    this.lines.emit('change_summary', ok ? 'info' : 'error', `Apply ${ok ? 'complete' : 'incomplete'}! ${summaryLine(results)}`, {
      changes: { add: c.added, change: c.changed, import: 0, remove: c.destroyed, operation: 'apply' },
      bedrock_pt: {
        complete: ok,
        still_creating: c.stillCreating,
        failed: c.failed,
        not_started: c.notStarted,
        state_complete: !results.some((r) => r.stateWriteErrors?.length),
      },
    });
    return ok;
  }
}
