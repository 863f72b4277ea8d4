/**
 * The summary of an apply that did not finish lists each stack's addresses in address order,
 * whatever order the applier's concurrent steps ended in, so the same run reads the same way
 * every time (and a CI log can be compared with the last one).
 */
import type { StackApplyResult } from '../../src/engine/apply/apply-stack';
import { HumanApplyView } from '../../src/cli/views/apply-view';

function render(results: StackApplyResult[]): string {
  let out = '';
  const stream = { write: (s: string) => ((out += s), true) };
  new HumanApplyView({ out: stream, err: stream }, { color: false }).applied(results);
  return out;
}

const PT = 'aws_bedrock_provisioned_model_throughput';

describe('the summary of an unfinished apply', () => {
  it('lists PTs still Creating, failed and not started in address order within each stack, in stack order', () => {
    const output = render([
      {
        stack: 'prod',
        added: 2,
        changed: 0,
        destroyed: 0,
        stillCreating: [`${PT}.support_chat`, `${PT}.batch`],
        failed: [
          { address: `${PT}.zeta`, error: 'refused' },
          { address: `${PT}.alpha`, error: 'refused' },
        ],
        notStarted: [`${PT}.later`, `${PT}.early`],
      },
      { stack: 'dev', added: 1, changed: 0, destroyed: 0, stillCreating: [`${PT}.one`], failed: [], notStarted: [] },
    ]);
    expect(output).toContain(`:\n  prod/${PT}.batch\n  prod/${PT}.support_chat\n  dev/${PT}.one\n`);
    expect(output).toContain(`Failed:\n  prod/${PT}.alpha: refused\n  prod/${PT}.zeta: refused\n`);
    expect(output).toContain(`Stopped before finishing:\n  prod/${PT}.early\n  prod/${PT}.later\n`);
  });
});
