/**
 * Terraform's rules for `moved` blocks between resources (internal/refactoring/move_validate.go),
 * as one pure function: the config reader turns a problem into a config error, and the planner
 * (for configs that did not come through the reader) blocks both addresses with it.
 */
import type { MovedBlock } from '../model/desired';

export interface MovedProblem {
  block: MovedBlock;
  /** Terraform's summary, so a user can search for it. */
  rule: 'Moved object still exists' | 'Redundant move statement' | 'Ambiguous move statements' | 'Cyclic dependency in move statements';
  message: string;
}

/** Every broken rule, in block order; `declared` holds the addresses the configuration declares. */
export function movedProblems(blocks: readonly MovedBlock[], declared: ReadonlySet<string>): MovedProblem[] {
  const problems: MovedProblem[] = [];
  const toByFrom = new Map<string, string>();
  const fromByTo = new Map<string, string>();
  for (const block of blocks) {
    const { from, to } = block;
    const add = (rule: MovedProblem['rule'], text: string) =>
      problems.push({ block, rule, message: `moved block from ${from} to ${to}: ${text} (Terraform: "${rule}")` });
    if (from === to) {
      add('Redundant move statement', 'both addresses are the same; remove the moved block');
      continue;
    }
    // A move from an address that is still declared would leave the old resource to be created again.
    if (declared.has(from)) {
      add('Moved object still exists', `${from} is still declared in the configuration; remove the moved block or the resource at ${from}`);
    }
    const otherTo = toByFrom.get(from);
    if (otherTo !== undefined && otherTo !== to) {
      add('Ambiguous move statements', `another moved block moves ${from} to ${otherTo}; each address can move to only one destination`);
    } else toByFrom.set(from, to);
    const otherFrom = fromByTo.get(to);
    if (otherFrom !== undefined && otherFrom !== from) {
      add('Ambiguous move statements', `another moved block moves ${otherFrom} to ${to}; each address can be moved to from only one source`);
    } else fromByTo.set(to, from);
  }
  // Terraform reports a cycle only when nothing else is wrong: other mistakes explain it better.
  if (problems.length === 0) problems.push(...cycles(blocks, toByFrom));
  return problems;
}

/** A chain of moves that comes back to where it started has no final address to move to. */
function cycles(blocks: readonly MovedBlock[], toByFrom: ReadonlyMap<string, string>): MovedProblem[] {
  const out: MovedProblem[] = [];
  for (const block of blocks) {
    const chain = [block.from];
    for (let next = toByFrom.get(block.from); next !== undefined && chain.length <= toByFrom.size; next = toByFrom.get(next)) {
      if (next === block.from) {
        const rule = 'Cyclic dependency in move statements';
        out.push({
          block,
          rule,
          message: `moved blocks ${[...chain, next].join(' → ')} form a cycle, so there is no final address to move to; remove one of them (Terraform: "${rule}")`,
        });
        break;
      }
      chain.push(next);
    }
  }
  return out;
}
