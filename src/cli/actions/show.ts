/** What `bedrock-pt show` does once its arguments are parsed; loaded only when show runs. */
import { BedrockPtError } from '../../engine/errors';
import { readPlanFile, planKeyFromEnv } from '../../engine/planfile';
import { loadPricing } from '../../engine/render/markdown';
import { showPlan } from '../views/show-view';

export interface ShowFlags {
  json?: boolean;
  markdown?: boolean;
  stack?: string[];
  pricing?: string;
  color?: boolean;
}

export function show(file: string, flags: ShowFlags): void {
  if (flags.json && flags.markdown) throw new BedrockPtError('usage', 'choose one of --json and --markdown');
  const pf = readPlanFile(file, { key: planKeyFromEnv() });
  let plans = pf.stacks;
  if (flags.stack?.length) {
    const unknown = flags.stack.filter((s) => !plans.some((p) => p.stack === s));
    if (unknown.length) throw new BedrockPtError('usage', `the plan has no stack ${unknown.join(', ')}; it covers: ${plans.map((p) => p.stack).join(', ')}`);
    plans = plans.filter((p) => flags.stack!.includes(p.stack));
  }
  const format = flags.json ? 'terraform-json' : flags.markdown ? 'markdown' : 'text';
  showPlan(plans, { format, color: flags.color, pricing: flags.pricing ? loadPricing(flags.pricing) : undefined, planFileName: file });
}
