/**
 * The PR comment for Terraform's own plans (`bedrock-pt review`): the same Markdown as
 * `bedrock-pt plan --markdown` for the PT changes, plus one section that lists every other
 * resource of the app by action, so a whole cdktf app is reviewed in one comment.
 */
import type { ChangeAction } from '../model';
import { renderMarkdown, type MarkdownOptions } from './markdown';
import type { OtherResourceChange, ReviewedStack } from '../terraform-plan/show-json';

/** Beyond this many addresses per stack the list is cut; the counts stay exact. */
export const OTHER_RESOURCES_LISTED = 200;

const ACTION_WORDS: Record<ChangeAction | 'read', string> = {
  create: 'create',
  update: 'update in place',
  'delete-then-create': 'replace (destroy, then create)',
  'create-then-delete': 'replace (create, then destroy)',
  delete: 'destroy',
  'no-op': 'no change',
  read: 'read (data source)',
};

/** Most consequential first, so a destroy is never below the fold. */
const ORDER: (ChangeAction | 'read')[] = ['delete', 'delete-then-create', 'create-then-delete', 'update', 'create', 'read'];

function otherResourcesSection(stacks: ReviewedStack[]): string | undefined {
  const withOthers = stacks.filter((s) => s.others.length);
  if (!withOthers.length) return undefined;
  const lines = ['### Other resources', '', '| Stack | Action | Count |', '|---|---|--:|'];
  const details: string[] = [];
  for (const { plan, others } of withOthers) {
    const byAction = (a: ChangeAction | 'read') => others.filter((o) => o.action === a);
    for (const action of ORDER) {
      const n = byAction(action).length;
      if (n) lines.push(`| \`${plan.stack}\` | ${ACTION_WORDS[action]} | ${n} |`);
    }
    const sorted: OtherResourceChange[] = ORDER.flatMap(byAction);
    const listed = sorted.slice(0, OTHER_RESOURCES_LISTED).map((o) => `- ${ACTION_WORDS[o.action]}: \`${o.address}\``);
    if (sorted.length > OTHER_RESOURCES_LISTED) listed.push(`- … and ${sorted.length - OTHER_RESOURCES_LISTED} more (see the Terraform plan)`);
    details.push(`<details><summary>${others.length} other resource change(s) in <code>${plan.stack}</code></summary>`, '', ...listed, '', '</details>');
  }
  return [...lines, '', ...details].join('\n');
}

/** Renders the PR comment for one or more Terraform plans (one per stack). */
export function renderReview(stacks: ReviewedStack[], opts: MarkdownOptions = {}): string {
  const others = otherResourcesSection(stacks);
  return renderMarkdown(
    stacks.map((s) => s.plan),
    {
      fullPlanHint: 'run `terraform show PLANFILE` for each stack',
      ...opts,
      extraSections: [...(others ? [others] : []), ...(opts.extraSections ?? [])],
    },
  );
}
