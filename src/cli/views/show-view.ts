/**
 * The show view: a saved plan as Terraform-style text, as the PR comment's Markdown, or — the
 * machine view — Terraform's JSON plan format, which is what `terraform show -json` prints.
 */
import type { StackPlan } from '../../engine/model';
import { renderText } from '../../engine/render/text';
import { renderMarkdown, type Pricing } from '../../engine/render/markdown';
import { renderTerraformJson } from '../../engine/render/terraform-json';
import { canonicalJson } from '../../engine/canonical';
import { useColor } from '../io';
import { processStreams, type ViewStreams } from './streams';

export interface ShowOptions {
  format: 'text' | 'markdown' | 'terraform-json';
  color?: boolean;
  pricing?: Pricing;
  planFileName: string;
}

export function showPlan(plans: StackPlan[], options: ShowOptions, streams: ViewStreams = processStreams()): void {
  const out = streams.out;
  if (options.format === 'terraform-json') out.write(`${canonicalJson(renderTerraformJson(plans), 2)}\n`);
  else if (options.format === 'markdown') out.write(renderMarkdown(plans, { pricing: options.pricing, planFileName: options.planFileName }));
  else out.write(renderText(plans, { color: useColor({ color: options.color }, out as NodeJS.WriteStream) }));
}
