import { Command } from 'commander';
import { BedrockPtError } from '../../engine/errors';
import { readPlanFile, planKeyFromEnv } from '../../engine/planfile';
import { loadPricing } from '../../engine/render/markdown';
import { stackOption } from '../io';
import { showPlan } from '../views/show-view';

interface ShowFlags {
  json?: boolean;
  markdown?: boolean;
  stack?: string[];
  pricing?: string;
  color?: boolean;
}

export function registerShow(program: Command): void {
  program
    .command('show <planfile>')
    .description(
      'Render a saved plan: Terraform-style text (default), --markdown for a PR comment, or ' +
        "--json in Terraform's machine-readable plan format (`terraform show -json`) for policy tools.",
    )
    .option('--json', "Terraform's JSON plan format")
    .option('--markdown', 'GitHub-flavoured Markdown')
    .addOption(stackOption('only this stack; repeat for more'))
    .option('--pricing <file>', 'hourly rates for the Markdown cost delta')
    .option('--no-color', 'plain output')
    .action((file: string, flags: ShowFlags) => {
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
    });
}
