/** Views chosen once per command, as Terraform's NewPlan/NewApply do: human text or JSON lines. */
import { HumanApplyView, JsonApplyView, type ApplyView } from './apply-view';
import { HumanPlanView, JsonPlanView, type PlanView } from './plan-view';
import { processStreams, type ViewStreams } from './streams';

export interface ViewFlags {
  json?: boolean;
  color?: boolean;
}

export function planView(flags: ViewFlags, streams: ViewStreams = processStreams()): PlanView {
  return flags.json ? new JsonPlanView(streams) : new HumanPlanView(streams, flags);
}

export function applyView(flags: ViewFlags, streams: ViewStreams = processStreams()): ApplyView {
  return flags.json ? new JsonApplyView(streams) : new HumanApplyView(streams, flags);
}

export type { ApplyView, PlanView, ViewStreams };
export { summaryLine } from './apply-view';
