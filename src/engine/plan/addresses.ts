/**
 * Which existing PT each address stands for: state as recorded, then `moved`
 * blocks (rename the record, no API call), then `import` blocks (adopt a live PT).
 */
import { PT_RESOURCE_TYPE, type Diagnostic, type LivePt, type ManagedPt, type StackConfig, type Tags } from '../model';
import { managedFromLive, type RecordTags } from '../pt/records';
import { ownTags, sortedTags } from './attributes';
import { movedProblems } from '../config/moved';
import { errorDiagnostic } from './diagnostics';

export interface TrackedPt {
  pt: ManagedPt;
  /** False for a PT adopted by an import block in this plan. */
  fromState: boolean;
  movedFrom?: string;
  importing?: { id: string };
}

export function isPtAddress(address: string): boolean {
  return address.startsWith(`${PT_RESOURCE_TYPE}.`);
}

export function resolveAddresses(
  stack: StackConfig,
  statePts: Record<string, ManagedPt>,
  livePtNamed: (name: string) => LivePt | undefined,
  livePts: Record<string, LivePt>,
  diagnostics: Diagnostic[],
): Map<string, TrackedPt> {
  const tracked = new Map<string, TrackedPt>();
  for (const address of Object.keys(statePts).sort()) tracked.set(address, { pt: statePts[address], fromState: true });
  applyMoves(stack, tracked, diagnostics);
  applyImports(stack, tracked, livePtNamed, livePts, diagnostics);
  return tracked;
}

function applyMoves(stack: StackConfig, tracked: Map<string, TrackedPt>, diagnostics: Diagnostic[]): void {
  const blocks = stack.moved.filter((block) => isPtAddress(block.from) || isPtAddress(block.to));
  for (const block of blocks) {
    if (!isPtAddress(block.from) || !isPtAddress(block.to)) {
      diagnostics.push(
        errorDiagnostic('moved-invalid', `moved block from ${block.from} to ${block.to} changes the resource type`, {
          address: block.to,
          detail: `A Provisioned Throughput can only move to another ${PT_RESOURCE_TYPE} address.`,
        }),
      );
    }
  }
  const ptMoves = blocks.filter((block) => isPtAddress(block.from) && isPtAddress(block.to));
  const problems = movedProblems(ptMoves, new Set(stack.resources.map((r) => r.address)));
  const broken = new Set(problems.map((p) => p.block));
  // A broken block moves nothing, and blocks whatever is planned at both of its addresses.
  for (const { block, message } of problems) {
    for (const address of new Set([block.from, block.to])) {
      diagnostics.push(
        errorDiagnostic('moved-invalid', message, { address, detail: 'Fix the moved block; nothing is planned for either address until then.' }),
      );
    }
  }
  const valid = ptMoves.filter((block) => !broken.has(block));
  // Chains (a→b, b→c) may be written in any order: apply until nothing moves.
  for (let pass = 0, progress = true; progress && pass <= valid.length; pass++) {
    progress = false;
    for (const { from, to } of valid) {
      const source = tracked.get(from);
      if (!source || tracked.has(to) || source.movedFrom === to) continue;
      tracked.delete(from);
      tracked.set(to, { ...source, pt: { ...source.pt, address: to }, movedFrom: source.movedFrom ?? from });
      progress = true;
    }
  }
  for (const { from, to } of valid) {
    if (tracked.has(from) && tracked.has(to)) {
      diagnostics.push(
        errorDiagnostic('moved-invalid', `moved block from ${from} to ${to}: both addresses are in state`, {
          address: to,
          detail: `Remove the moved block, or remove one of the two records with \`bedrock-pt state rm --stack ${stack.name} ADDRESS\`.`,
        }),
      );
    }
  }
}

function applyImports(
  stack: StackConfig,
  tracked: Map<string, TrackedPt>,
  livePtNamed: (name: string) => LivePt | undefined,
  livePts: Record<string, LivePt>,
  diagnostics: Diagnostic[],
): void {
  const desired = new Set(stack.resources.map((r) => r.address));
  const owners = new Map<string, string>();
  for (const [address, entry] of tracked) owners.set(entry.pt.arn, address);
  for (const block of stack.imports) {
    // Once imported, the record is in state and the block has nothing left to do.
    if (!isPtAddress(block.to) || tracked.has(block.to)) continue;
    const fail = (summary: string, detail: string) => diagnostics.push(errorDiagnostic('import-not-found', summary, { address: block.to, detail }));
    if (!desired.has(block.to)) {
      fail(
        `Cannot import "${block.id}": there is no resource ${block.to} in the configuration`,
        "Add the resource to the stack, or fix the import block's `to`.",
      );
      continue;
    }
    const pt = livePts[block.id] ?? livePtNamed(block.id);
    if (!pt) {
      fail(
        `Cannot import "${block.id}": no Provisioned Throughput with that ARN or name exists in this account and region`,
        "Check the ARN or name, and the stack's account and region.",
      );
      continue;
    }
    const owner = owners.get(pt.arn);
    if (owner) {
      fail(`Cannot import "${block.id}": it is already managed as ${owner}`, 'One PT must have one address; use a moved block to change its address.');
      continue;
    }
    owners.set(pt.arn, block.to);
    tracked.set(block.to, { pt: managedFromLive(block.to, pt, untrackedTags(pt, stack.provider.defaultTags)), fromState: false, importing: { id: block.id } });
  }
}

/** The tags of a PT that is not in state yet (imported, or replaced by a provider create): own tags are those default_tags do not give. */
export function untrackedTags(pt: LivePt, defaultTags: Tags): RecordTags {
  const tagsAll = sortedTags(pt.tags ?? {});
  return { tags: ownTags(tagsAll, defaultTags), tagsAll };
}
