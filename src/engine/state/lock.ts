/**
 * The state lock, shared with Terraform: the fcntl lock Terraform's local backend takes on the
 * state file itself (file-lock.ts), plus Terraform's lock-info file beside it
 * (`.<state file name>.lock.info`, Terraform's LockInfo JSON and the holder's PID), so a
 * `terraform` run refused by bedrock-pt names bedrock-pt's run, and the other way round.
 *
 * The fcntl lock decides: while a live process holds it, nobody else gets it. A lock-info file
 * found while the fcntl lock is free was left by a holder that is gone — taken over, with a note,
 * when that holder ran on this host (its process has exited; a Terraform run, which records no
 * PID, must have exited too, since its fcntl lock died with it). A holder recorded on another
 * host, or a bedrock-pt PID on this host that still runs, is not taken over: its lock may live
 * where this kernel cannot see it (a shared file system), so `force-unlock` is the way out.
 */
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { VERSION } from '../../version';
import { BedrockPtError } from '../errors';
import { formatDuration } from '../duration';
import { writeFileAtomicSync } from '../fs/atomic-write';
import { wholeFileLocker } from './file-lock';
import { LockedStateFile } from './locked-file';
import { retryUntilFree } from './lock-wait';

export interface LockInfo {
  ID: string;
  Operation: string;
  Who: string;
  Version: string;
  /** ISO-8601. */
  Created: string;
  Path: string;
  /** Set by bedrock-pt (Terraform records none). */
  PID?: number;
  /** Stack name, so an error can name it (Terraform usually leaves it empty). */
  Info: string;
}

export interface StateLock {
  readonly id: string;
  readonly info: LockInfo;
  /** The lock-info file (Terraform's name for it). */
  readonly lockPath: string;
  /** The state file, read and written through the descriptor that holds the lock. */
  readonly file: LockedStateFile;
  /** Removes the lock-info file if it is still ours and lets go of the lock. */
  release(): Promise<void>;
}

export interface LockRequest {
  operation: string;
  stack: string;
  /** Recorded as Version; defaults to "bedrock-pt <version>". */
  version?: string;
  /**
   * Told when the lock of an exited process was taken over. Defaults to a line on stderr: locks
   * are taken in several layers (plan, apply, state commands) and the user must hear of it from each.
   */
  onTakeover?: (note: string) => void;
  /** How long to wait for a lock another run holds (the CLI's `--lock-timeout`); default 0: refuse at once. */
  timeoutMs?: number;
  /**
   * The caller only reads (plan, state list). A state file that does not exist is then neither
   * created nor locked: there is nothing to protect, and a refused or read-only run leaves no file behind.
   */
  readOnly?: boolean;
}

/** Where Terraform's local backend, and so bedrock-pt, records who holds the lock on `statePath`. */
export function lockPathFor(statePath: string): string {
  const base = path.basename(statePath).replace(/^\./, '');
  return path.join(path.dirname(statePath), `.${base}.lock.info`);
}

/**
 * State files this process holds, by resolved path. A classic fcntl lock (macOS) cannot refuse
 * its own process, and opening the file again to try would drop it on close.
 */
const heldHere = new Set<string>();

/** Why one attempt did not get the lock. */
type Refusal = { by: 'process'; info: LockInfo | null } | { by: 'record'; info: LockInfo };

export async function acquireLock(statePath: string, request: LockRequest): Promise<StateLock> {
  fs.mkdirSync(path.dirname(statePath), { recursive: true });
  const timeoutMs = request.timeoutMs ?? 0;
  let refusal: Refusal = { by: 'process', info: null };
  const { value: lock, waitedMs } = await retryUntilFree(async () => {
    const outcome = tryAcquire(statePath, request);
    if ('by' in outcome) {
      refusal = outcome;
      return null;
    }
    return outcome;
  }, timeoutMs);
  if (lock) return lock;
  const waited = timeoutMs > 0 ? `; waited ${formatDuration(waitedMs)} for it to be released (--lock-timeout ${formatDuration(timeoutMs)})` : '';
  throw heldError(statePath, request.stack, refusal, waited);
}

/** The state file's real path, through its directory (which exists before the file does). */
function keyOf(statePath: string): string {
  const resolved = path.resolve(statePath);
  try {
    return path.join(fs.realpathSync(path.dirname(resolved)), path.basename(resolved));
  } catch {
    return resolved;
  }
}

function tryAcquire(statePath: string, request: LockRequest): StateLock | Refusal {
  const key = keyOf(statePath);
  const lockPath = lockPathFor(statePath);
  if (heldHere.has(key)) return { by: 'process', info: readLockInfoSync(lockPath) };
  const left = readLockInfoSync(lockPath);
  // Decided before the state file is opened, so a refused run creates nothing.
  if (left && !exitedHolder(left)) return { by: heldByProcess(statePath) ? 'process' : 'record', info: left };
  const exists = fs.existsSync(statePath);
  if (request.readOnly && !exists && !left) return unlockedNoState(statePath, request);
  const locker = wholeFileLocker();
  // As Terraform does: the state file is created (empty, which reads as no state) to have something to lock.
  const fd = fs.openSync(statePath, fs.constants.O_RDWR | fs.constants.O_CREAT, 0o666);
  if (!locker.tryLock(fd)) {
    fs.closeSync(fd);
    return { by: 'process', info: readLockInfoSync(lockPath) };
  }
  const info: LockInfo = {
    ID: randomUUID(),
    Operation: request.operation,
    Info: request.stack,
    Who: `${os.userInfo().username}@${os.hostname()}`,
    Version: request.version ?? `bedrock-pt ${VERSION}`,
    Created: new Date().toISOString(),
    Path: statePath,
    PID: process.pid,
  };
  writeFileAtomicSync(lockPath, `${JSON.stringify(info, null, 2)}\n`);
  heldHere.add(key);
  if (left) (request.onTakeover ?? ((line: string) => process.stderr.write(`${line}\n`)))(takeoverNote(request.stack, left));
  let released = false;
  return {
    id: info.ID,
    info,
    lockPath,
    file: new LockedStateFile(statePath, fd),
    release: async () => {
      if (released) return;
      released = true;
      // Terraform's order: the record goes first, then the lock, so a record is never left without its lock by a live run.
      if (readLockInfoSync(lockPath)?.ID === info.ID) fs.rmSync(lockPath, { force: true });
      locker.unlock(fd);
      fs.closeSync(fd);
      heldHere.delete(key);
    },
  };
}

/** Whether a live process holds the fcntl lock on an existing state file (checked without creating it). */
function heldByProcess(statePath: string): boolean {
  let held = false;
  withStateLockedIfExists(
    statePath,
    () => undefined,
    () => (held = true),
  );
  return held;
}

/** Runs `work` holding the lock on the state file, or without one when there is no file; `onHeld` when another holds it. */
function withStateLockedIfExists(statePath: string, work: () => void, onHeld: () => unknown): void {
  let fd: number;
  try {
    fd = fs.openSync(statePath, fs.constants.O_RDWR);
  } catch {
    work();
    return;
  }
  try {
    const locker = wholeFileLocker();
    if (!locker.tryLock(fd)) {
      const outcome = onHeld();
      if (outcome instanceof Error) throw outcome;
      return;
    }
    try {
      work();
    } finally {
      locker.unlock(fd);
    }
  } finally {
    fs.closeSync(fd);
  }
}

/** A read-only session on a stack that has no state file: it reads no state and holds nothing. */
function unlockedNoState(statePath: string, request: LockRequest): StateLock {
  const info: LockInfo = {
    ID: '',
    Operation: request.operation,
    Info: request.stack,
    Who: '',
    Version: '',
    Created: new Date().toISOString(),
    Path: statePath,
  };
  return { id: '', info, lockPath: lockPathFor(statePath), file: LockedStateFile.absent(statePath), release: async () => undefined };
}

function takeoverNote(stack: string, left: LockInfo): string {
  const holder = left.PID !== undefined ? `held by process ${left.PID}, which has exited` : `left by Terraform (${left.Who}), which has exited`;
  return `Note: took over the lock of stack ${stack} (lock ID ${left.ID}, operation ${left.Operation} since ${left.Created}) ${holder}`;
}

/** Removes a lock record left by a run that is gone; a lock a live process holds cannot be broken this way. */
export async function forceUnlock(statePath: string, id: string): Promise<void> {
  const lockPath = lockPathFor(statePath);
  const current = readLockInfoSync(lockPath);
  if (current === null) {
    if (!fs.existsSync(lockPath)) throw new BedrockPtError('lock', `state ${statePath} is not locked; nothing to unlock`);
    throw new BedrockPtError('lock', `lock file ${lockPath} is unreadable; if no run is active, delete it by hand`);
  }
  if (current.ID !== id) {
    throw new BedrockPtError(
      'lock',
      `lock ID mismatch: the lock on ${statePath} has ID ${current.ID} (held by ${current.Who}), not ${id}; nothing was unlocked`,
    );
  }
  const live = () =>
    new BedrockPtError(
      'lock',
      `the lock ${id} on ${statePath} is held by a running process (${holderName(current)}); force-unlock cannot break a live lock and nothing was unlocked — wait for that run to finish or stop it`,
    );
  if (heldHere.has(keyOf(statePath))) throw live();
  // Removed while holding the lock (when there is a state file to hold), so no run can take it meanwhile.
  withStateLockedIfExists(
    statePath,
    () => {
      if (readLockInfoSync(lockPath)?.ID === id) fs.rmSync(lockPath, { force: true });
    },
    live,
  );
}

export async function readLockInfo(lockPath: string): Promise<LockInfo | null> {
  return readLockInfoSync(lockPath);
}

function readLockInfoSync(lockPath: string): LockInfo | null {
  try {
    const parsed = JSON.parse(fs.readFileSync(lockPath, 'utf8')) as LockInfo;
    return typeof parsed?.ID === 'string' ? parsed : null;
  } catch {
    return null;
  }
}

function isTerraform(info: LockInfo): boolean {
  return info.PID === undefined;
}

function holderName(info: LockInfo): string {
  return isTerraform(info) ? `Terraform (${info.Who})` : info.Who;
}

/** With the fcntl lock free: a holder on this host whose process is gone. */
function exitedHolder(left: LockInfo): boolean {
  if (!isThisHost(left)) return false;
  return isTerraform(left) || !processAlive(left.PID!);
}

function isThisHost(held: LockInfo): boolean {
  return typeof held.Who === 'string' && held.Who.endsWith(`@${os.hostname()}`);
}

function heldError(statePath: string, stack: string, refusal: Refusal, waited: string): BedrockPtError {
  const held = refusal.info;
  const subject = { stack };
  if (!held) {
    return new BedrockPtError(
      'lock',
      `state for stack ${stack} is locked by another process (it holds the lock on ${statePath} and has not recorded itself in ${lockPathFor(statePath)})${waited}; ` +
        'wait for it to finish (--lock-timeout waits for it)',
      subject,
    );
  }
  const since = isTerraform(held)
    ? `by Terraform (${held.Who}, operation ${held.Operation}, since ${held.Created}, lock ID ${held.ID})`
    : `by ${held.Who} since ${held.Created} (operation ${held.Operation}, lock ID ${held.ID})`;
  if (refusal.by === 'process') {
    return new BedrockPtError(
      'lock',
      `state for stack ${stack} is locked ${since}${waited}; that run is still going (it holds the lock on the state file): wait for it to finish (--lock-timeout waits for it)`,
      subject,
    );
  }
  const gone = !isTerraform(held) && isThisHost(held) ? `; its process ${held.PID} on this host still runs` : '';
  return new BedrockPtError(
    'lock',
    `state for stack ${stack} is locked ${since}${gone}${waited}; if that run is gone, run: bedrock-pt force-unlock --stack ${stack} ${held.ID}`,
    subject,
  );
}

function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
