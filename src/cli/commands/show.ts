import { Command } from 'commander';
import { stackOption } from '../io';
import type { ShowFlags } from '../actions/show';

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
    .action(async (file: string, flags: ShowFlags) => (await import('../actions/show')).show(file, flags));
}
