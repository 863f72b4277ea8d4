/**
 * A locked read-modify-write session on one stack's state, for the applier: every
 * `update` is written at once (in place under the lock Terraform honours, serial + 1) so a
 * crash loses at most the step in flight. Updates run one at a time even when callers issue
 * them concurrently. A read-only session (plan, state list) refuses every update.
 */
import { canonicalJson } from '../canonical';
import { BedrockPtError } from '../errors';
import type { ManagedPt, ManagedState } from '../model/managed';
import { documentWithManaged, managedFromDocument, type WriteDefaults } from './convert';
import { keepReplacedAsDeposed } from './deposition';
import type { TfStateDocument } from './format';
import { parseStateDocument, stateFromText } from './load';
import { acquireLock, type StateLock } from './lock';
import { writeFileAtomic, writeState } from './write';
import { stateWrites } from './write-gate';

export interface SessionOptions extends WriteDefaults {
  stack: string;
  operation: string;
  /** Plan and state list: the state is read under the lock and never written. */
  readOnly?: boolean;
  /** How long to wait for a lock another run holds (`--lock-timeout`); default 0: refuse at once. */
  lockTimeoutMs?: number;
}

export interface StateSession {
  readonly statePath: string;
  readonly lockId: string;
  readonly lineage: string;
  readonly serial: number;
  /** False until the state file exists on disk (a stack never applied before). */
  readonly exists: boolean;
  /** A copy of the state as last written (or read); change it through `update`. */
  readonly managed: ManagedState;
  /** Applies `mutate` to a copy of the managed state and writes the result; no write when nothing changed. */
  update(mutate: (managed: ManagedState) => void): Promise<void>;
  /** Why writes of this session were refused or failed (each leaves the state short of what was done). */
  readonly writeErrors: readonly string[];
  release(): Promise<void>;
}

export async function openStateSession(statePath: string, options: SessionOptions): Promise<StateSession> {
  const lock = await acquireLock(statePath, {
    operation: options.operation,
    stack: options.stack,
    readOnly: options.readOnly,
    timeoutMs: options.lockTimeoutMs,
  });
  try {
    const loaded = stateFromText(lock.file.read(), statePath);
    return new LockedSession(statePath, lock, loaded.doc, loaded.exists, options);
  } catch (error) {
    await lock.release();
    throw error;
  }
}

class LockedSession implements StateSession {
  private queue: Promise<unknown> = Promise.resolve();
  private released = false;
  private backedUp = false;
  private current: ManagedState;
  readonly writeErrors: string[] = [];

  constructor(
    readonly statePath: string,
    private readonly lock: StateLock,
    private doc: TfStateDocument,
    private onDisk: boolean,
    private readonly options: SessionOptions,
  ) {
    this.current = managedFromDocument(doc);
  }

  get lockId(): string {
    return this.lock.id;
  }
  get lineage(): string {
    return this.doc.lineage;
  }
  get serial(): number {
    return this.doc.serial;
  }
  get exists(): boolean {
    return this.onDisk;
  }
  get managed(): ManagedState {
    // A copy: changes must go through update() to reach the file.
    return structuredClone(this.current);
  }

  update(mutate: (managed: ManagedState) => void): Promise<void> {
    if (this.options.readOnly) {
      return Promise.reject(
        new BedrockPtError('state', `the ${this.options.operation} of stack ${this.options.stack} reads the state and never writes it`, {
          stack: this.options.stack,
        }),
      );
    }
    const run = this.queue.then(() => stateWrites.run(() => this.applyUpdate(mutate)));
    // A failed update must not block the ones queued after it.
    this.queue = run.catch(() => undefined);
    return run;
  }

  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    await this.queue;
    await this.lock.release();
  }

  private async applyUpdate(mutate: (managed: ManagedState) => void): Promise<void> {
    if (this.released) {
      throw new BedrockPtError('state', `state session for stack ${this.options.stack} was released; cannot write`, { stack: this.options.stack });
    }
    const draft = structuredClone(this.current);
    mutate(draft);
    keepReplacedAsDeposed(this.current, draft);
    const next = documentWithManaged(this.doc, draft, this.options);
    if (canonicalJson(next) === canonicalJson(this.doc)) return;
    try {
      this.assertUnchangedOnDisk();
      await this.backupOnce();
      this.doc = await writeState(this.statePath, next, (text) => this.lock.file.write(text));
    } catch (error) {
      this.writeErrors.push((error as Error).message);
      throw error;
    }
    this.onDisk = true;
    this.current = managedFromDocument(this.doc);
  }

  /** The lock keeps bedrock-pt and terraform runs out; this catches what ignores it (`terraform -lock=false`, a hand edit, a delete). */
  private assertUnchangedOnDisk(): void {
    const ours = `lineage ${this.doc.lineage} serial ${this.doc.serial}`;
    if (!this.lock.file.isAtPath()) throw this.changedError(`the file was deleted or replaced by another one (expected ${ours})`);
    const text = this.lock.file.read();
    if (text.trim() === '') {
      if (!this.onDisk) return;
      throw this.changedError(`the file disappeared (expected ${ours})`);
    }
    const disk = parseStateDocument(text, this.statePath);
    if (disk.lineage !== this.doc.lineage || disk.serial !== this.doc.serial) {
      throw this.changedError(`found lineage ${disk.lineage} serial ${disk.serial}, expected ${ours}`);
    }
  }

  private changedError(detail: string): BedrockPtError {
    return new BedrockPtError('state', `state file ${this.statePath} changed outside this run (${detail}); nothing was written — re-run plan`, {
      stack: this.options.stack,
    });
  }

  /** Like Terraform's local backend: keep the state as it was before this run changed it. */
  private async backupOnce(): Promise<void> {
    if (this.backedUp) return;
    this.backedUp = true;
    const previous = this.lock.file.read();
    if (previous.trim() !== '') await writeFileAtomic(`${this.statePath}.backup`, previous);
  }
}

/** `state rm ADDRESS`: forget a PT without touching it in AWS. */
export async function removeFromState(session: StateSession, address: string): Promise<ManagedPt> {
  let removed: ManagedPt | undefined;
  await session.update((managed) => {
    removed = managed.pts[address];
    if (!removed) {
      const known = Object.keys(managed.pts).sort().join(', ') || 'none';
      throw new BedrockPtError('usage', `${address} is not in the state (managed: ${known})`, { address });
    }
    delete managed.pts[address];
  });
  return removed!;
}

/** Records an imported PT at its address; refuses to overwrite one already managed there. */
export async function recordImport(session: StateSession, pt: ManagedPt): Promise<void> {
  await session.update((managed) => {
    const existing = managed.pts[pt.address];
    if (existing && existing.arn !== pt.arn) {
      throw new BedrockPtError('state', `${pt.address} already manages ${existing.arn}; run state rm first to import ${pt.arn}`, {
        address: pt.address,
      });
    }
    managed.pts[pt.address] = pt;
  });
}
