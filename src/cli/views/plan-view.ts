/**
 * The plan view of `plan` and `apply`, as Terraform's views/plan.go has it: the command hands
 * over what the engine decided; the view chooses the words. Human: the Terraform-style text on
 * stdout and the errors that block it on stderr. JSON: one line per drift, planned change and
 * diagnostic, then the change summary — every count from plan/summary.ts.
 */
import type { StackPlan } from '../../engine/model';
import type { StackPlanResult } from '../../engine/run/plan-stacks';
import { renderErrors, renderText, planLine } from '../../engine/render/text';
import { summarize, type PlanSummary } from '../../engine/plan/summary';
import { inAutomation, useColor } from '../io';
import { JsonLines, jsonAction, resourceOf } from './json-lines';
import type { ViewStreams } from './streams';

export interface PlanView {
  plan(results: StackPlanResult[]): void;
  /** `plans` say whether the saved plan can be applied, and if not, why. */
  savedPlan(file: string, plans: StackPlan[]): void;
  wroteMarkdown(file: string): void;
}

/** The errors that keep a plan from being applied, as `stack/address: summary`. */
export function blockingErrors(plans: StackPlan[]): string[] {
  return plans.flatMap((p) => p.diagnostics.filter((d) => d.severity === 'error').map((d) => `${p.stack}${d.address ? `/${d.address}` : ''}: ${d.summary}`));
}

export function recoveryNotes(results: StackPlanResult[]): string[] {
  return results.flatMap(({ plan, recovery }) =>
    recovery.recorded.map(
      (a) =>
        `${plan.stack}/${a}: an interrupted create had succeeded; ${recovery.written ? 'the PT is now recorded in state' : 'apply records its PT in state (a plan writes nothing)'}.`,
    ),
  );
}

export class HumanPlanView implements PlanView {
  constructor(
    protected readonly streams: ViewStreams,
    protected readonly flags: { color?: boolean },
  ) {}

  protected color(stream: ViewStreams['out']): boolean {
    return useColor(this.flags, stream as NodeJS.WriteStream);
  }

  plan(results: StackPlanResult[]): void {
    const plans = results.map((r) => r.plan);
    const notes = recoveryNotes(results).map((n) => `Note: ${n}`);
    if (notes.length) this.streams.out.write(`${notes.join('\n')}\n\n`);
    this.streams.out.write(renderText(plans, { color: this.color(this.streams.out), errors: 'apart' }));
    this.streams.err.write(renderErrors(plans, { color: this.color(this.streams.err) }));
  }

  savedPlan(file: string, plans: StackPlan[]): void {
    const blocking = blockingErrors(plans);
    if (blocking.length) {
      const more = blocking.length > 1 ? ` (and ${blocking.length - 1} more error(s) above)` : '';
      this.streams.out.write(`\nSaved the plan to ${file}. It cannot be applied: ${blocking[0]}${more}. Resolve the errors and plan again.\n`);
      return;
    }
    // In automation (TF_IN_AUTOMATION, as Terraform reads it) the pipeline, not a person, runs the next step.
    const next = inAutomation() ? '' : ` To apply exactly this plan, run: bedrock-pt apply ${file}`;
    this.streams.out.write(`\nSaved the plan to ${file}.${next}\n`);
  }

  wroteMarkdown(file: string): void {
    this.streams.out.write(`Wrote the pull-request comment to ${file}.\n`);
  }
}

/** bedrock-pt's counts beside Terraform's: what Terraform's `changes` object has no field for. */
export function extraCounts(summary: PlanSummary): Record<string, unknown> {
  return {
    replace: summary.total.replace,
    move: summary.total.move,
    blocked: summary.total.blocked,
    errors: summary.errors,
    applyable: summary.applyable,
    committed_unit_hours: summary.commitment.addedUnitHours,
    ended_unit_hours: summary.commitment.endedUnitHours,
    stacks: summary.stacks.map((s) => ({
      stack: s.stack,
      ...s.counts,
      committed_unit_hours: s.commitment.addedUnitHours,
      ended_unit_hours: s.commitment.endedUnitHours,
    })),
  };
}

export class JsonPlanView implements PlanView {
  protected readonly lines: JsonLines;

  constructor(
    protected readonly streams: ViewStreams,
    now?: () => Date,
  ) {
    this.lines = new JsonLines(streams.out, now);
    this.lines.version();
  }

  plan(results: StackPlanResult[]): void {
    for (const note of recoveryNotes(results)) this.lines.emit('log', 'info', note);
    const plans = results.map((r) => r.plan);
    for (const plan of plans) this.stack(plan);
    const summary = summarize(plans);
    const { total } = summary;
    this.lines.emit('change_summary', 'info', `Plan: ${planLine(total)}${total.blocked ? ` (${total.blocked} blocked)` : ''}`, {
      changes: { add: total.add, change: total.change, import: total.import, remove: total.destroy, operation: 'plan' },
      bedrock_pt: extraCounts(summary),
    });
  }

  private stack(plan: StackPlan): void {
    for (const d of plan.drift) {
      const action = d.kind === 'gone' ? 'delete' : 'update';
      this.lines.emit('resource_drift', 'info', `${d.address}: Drift detected (${action})`, {
        change: { resource: resourceOf(d.address), action },
        bedrock_pt: { stack: plan.stack, arn: d.arn },
      });
    }
    for (const c of plan.changes) {
      const action = jsonAction(c);
      if (action === 'noop') continue;
      const blockedBy = plan.diagnostics.filter((d) => d.severity === 'error' && d.address === c.address).map((d) => ({ code: d.code, summary: d.summary }));
      this.lines.emit('planned_change', 'info', `${c.address}: Plan to ${action}${c.blocked ? ' (blocked)' : ''}`, {
        change: {
          resource: resourceOf(c.address),
          action,
          ...(c.movedFrom ? { previous_resource: resourceOf(c.movedFrom) } : {}),
          ...(c.importing ? { importing: { id: c.importing.id } } : {}),
        },
        bedrock_pt: {
          stack: plan.stack,
          engine_action: c.action,
          reasons: c.reasons,
          blocked: c.blocked,
          ...(blockedBy.length ? { blocked_by: blockedBy } : {}),
          committed_unit_hours: c.commitment.addedUnitHours,
          ended_unit_hours: c.commitment.endedUnitHours,
          ...(c.commitment.termEnd ? { term_end: c.commitment.termEnd } : {}),
        },
      });
    }
    for (const d of plan.diagnostics) this.lines.diagnostic({ ...d, stack: plan.stack });
  }

  savedPlan(file: string, plans: StackPlan[]): void {
    const blocking = blockingErrors(plans);
    const message = blocking.length ? `Saved the plan to ${file}. It cannot be applied: ${blocking[0]}.` : `Saved the plan to ${file}.`;
    this.lines.emit('log', 'info', message, {
      bedrock_pt: { plan_file: file, applyable: blocking.length === 0, ...(blocking.length ? { blocked_by: blocking } : {}) },
    });
  }

  wroteMarkdown(file: string): void {
    this.lines.emit('log', 'info', `Wrote the pull-request comment to ${file}.`, { bedrock_pt: { markdown_file: file } });
  }
}
