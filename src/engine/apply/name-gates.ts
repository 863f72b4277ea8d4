/**
 * The applier's side of the plan's name order (plan/names.ts): a change that takes a name
 * another change frees waits, at the moment it is about to take it, until that change has
 * freed it. A change whose freer failed or never ran does not start, and says why.
 */
import { BedrockPtError } from '../errors';
import type { ResourceChange, StackPlan } from '../model';
import type { ApplyContext } from './context';
import { waitForNameFree } from './name-free';
import { updatePt } from './steps';

export interface NameGate {
  /**
   * Called right before the change takes its new name. A rename routed through a temporary name
   * moves there first (freeing its old name for the change waiting on it); then this waits for
   * every change the plan says it runs after.
   */
  beforeTake(): Promise<void>;
  /** Called as soon as the change no longer holds its old name. */
  freed(): void;
}

/** A change that did not start because a change it waits on did not free the name. */
export class NameNotFreed extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NameNotFreed';
  }
}

interface Signal {
  settled: Promise<string | undefined>;
  settle(why: string | undefined): void;
}

function signal(): Signal {
  let settle!: (why: string | undefined) => void;
  const settled = new Promise<string | undefined>((resolve) => (settle = resolve));
  return { settled, settle };
}

export class NameGates {
  /** Per address: settles with undefined once its old name is free, or with why it never will be. */
  private readonly signals = new Map<string, Signal>();

  constructor(
    private readonly ctx: ApplyContext,
    plan: StackPlan,
  ) {
    assertNameOrder(plan);
  }

  /** Changes the plan orders by name; every other change keeps the applier's fixed phases. */
  static isOrdered(change: ResourceChange): boolean {
    return !!change.runsAfter?.length || !!change.viaTemporaryName;
  }

  for(change: ResourceChange): NameGate {
    return {
      beforeTake: async () => {
        if (change.viaTemporaryName) {
          await this.renameToTemporary(change, change.viaTemporaryName);
          this.freed(change.address);
        }
        const name = change.after?.provisioned_model_name;
        for (const freer of change.runsAfter ?? []) {
          const why = await this.signalOf(freer).settled;
          if (why !== undefined) {
            throw new NameNotFreed(
              `${this.ctx.stack}/${change.address}: not started: it takes the name "${name}" that ${freer} frees first, and ${freer} ${why}`,
            );
          }
        }
        if (change.runsAfter?.length && name) await waitForNameFree(this.ctx, change.address, name);
      },
      freed: () => this.freed(change.address),
    };
  }

  /** The change is done: its old name is free (if it was not already). */
  freed(address: string): void {
    this.signalOf(address).settle(undefined);
  }

  /** The change ended without freeing its name: `why` completes "… and ADDRESS <why>". */
  notFreed(address: string, why: string): void {
    this.signalOf(address).settle(why);
  }

  private signalOf(address: string): Signal {
    let s = this.signals.get(address);
    if (!s) this.signals.set(address, (s = signal()));
    return s;
  }

  /** Only the name changes; the state records the temporary name at once, so it stays true if the run ends here. */
  private async renameToTemporary(change: ResourceChange, temporary: string): Promise<void> {
    const before = change.before!;
    const step: ResourceChange = { ...change, after: { ...before, provisioned_model_name: temporary } };
    await updatePt(this.ctx, step, change.arn!, { rename: temporary, tagsToSet: {}, tagKeysToRemove: [] });
  }
}

/** Refuses, before anything is sent, a name order that would wait forever: a missing address or a cycle. */
export function assertNameOrder(plan: StackPlan): void {
  const byAddress = new Map(plan.changes.map((c) => [c.address, c]));
  for (const change of plan.changes) {
    for (const freer of change.runsAfter ?? []) {
      if (!byAddress.has(freer)) throw unorderable(plan, change, `it runs after ${freer}, which is not in the plan`);
    }
    const loop = waitLoop(change, byAddress);
    if (loop) throw unorderable(plan, change, `its wait for a name loops back to itself (${loop.join(' → ')})`);
  }
}

/** A change frees its old name before it waits when it deletes first or moves to a temporary name. */
function freesBeforeWaiting(change: ResourceChange): boolean {
  return change.action === 'delete-then-create' || !!change.viaTemporaryName;
}

/** The chain of waits from `start` when it comes back to `start`. */
function waitLoop(start: ResourceChange, byAddress: Map<string, ResourceChange>): string[] | undefined {
  const seen = new Set<string>();
  const walk = (change: ResourceChange, path: string[]): string[] | undefined => {
    for (const address of change.runsAfter ?? []) {
      const freer = byAddress.get(address);
      if (!freer) continue;
      if (freer === start) return [...path, address];
      if (seen.has(address) || freesBeforeWaiting(freer)) continue;
      seen.add(address);
      const loop = walk(freer, [...path, address]);
      if (loop) return loop;
    }
    return undefined;
  };
  return freesBeforeWaiting(start) ? undefined : walk(start, [start.address]);
}

function unorderable(plan: StackPlan, change: ResourceChange, why: string): BedrockPtError {
  return new BedrockPtError(
    'plan-file',
    `stack ${plan.stack}: ${change.address} cannot be applied in the plan's name order: ${why}; plan again with this version of bedrock-pt`,
    { stack: plan.stack, address: change.address },
  );
}
