/**
 * One ARN, one address. If two addresses track the same PT, a delete or replace planned for
 * one of them destroys the PT the other still manages, so the planner refuses until the
 * wrong record is removed.
 */
import type { Diagnostic, ManagedPt } from '../model';
import { compare, errorDiagnostic } from './diagnostics';

/** `records` are the state records after moves and imports, plus the deposed PTs. */
export function sharedArnDiagnostics(stackName: string, records: ManagedPt[]): Diagnostic[] {
  const owners = new Map<string, Set<string>>();
  for (const pt of records) {
    const set = owners.get(pt.arn) ?? new Set<string>();
    set.add(pt.address);
    owners.set(pt.arn, set);
  }
  const out: Diagnostic[] = [];
  for (const [arn, set] of owners) {
    if (set.size < 2) continue;
    const addresses = [...set].sort(compare);
    for (const address of addresses) {
      const others = addresses.filter((a) => a !== address).join(', ');
      out.push(
        errorDiagnostic('arn-tracked-twice', `${arn} is tracked by ${address} and also by ${others}`, {
          address,
          detail:
            'One Provisioned Throughput must have one address: a delete or replace of one would destroy the PT the other manages. ' +
            `Remove the record that should not own it with \`bedrock-pt state rm --stack ${stackName} ADDRESS\`.`,
        }),
      );
    }
  }
  return out;
}
