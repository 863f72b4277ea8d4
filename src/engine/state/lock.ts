/**
 * A state lock beside the state file (`<statePath>.lock.info`), created atomically so two
 * runs can never both hold it. Its JSON follows Terraform's LockInfo, plus the holder's PID.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { VERSION } from '../../version';
import { BedrockPtError } from '../errors';
import { formatDuration } from '../duration';
import { lockTimeout, retryUntilFree } from './lock-wait';

export interface LockInfo {
  ID: string;
  Operation: string;
  Who: string;
  Version: string;
  /** ISO-8601. */
  Created: string;
  Path: string;
  PID: number;
  /** Stack name, so an error can name it. */
  Info: string;
}

export interface StateLock {
  readonly id: string;
  readonly info: LockInfo;
  readonly lockPath: string;
  /** Removes the lock if it is still ours; a no-op after force-unlock. */
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
  /** How long to wait for a lock another run holds; default the process's `--lock-timeout` (0: refuse at once). */
  timeoutMs?: number;
}

export function lockPathFor(statePath: string): string {
  return `${statePath}.lock.info`;
}

/** Where Terraform's local backend records its own lock while it runs on this state file. */
export function terraformLockInfoPath(statePath: string): string {
  const base = path.basename(statePath).replace(/^\./, '');
  return path.join(path.dirname(statePath), `.${base}.lock.info`);
}

export async function acquireLock(statePath: string, request: LockRequest): Promise<StateLock> {
  const lockPath = lockPathFor(statePath);
  await fs.mkdir(path.dirname(statePath), { recursive: true });
  const timeoutMs = request.timeoutMs ?? lockTimeout();
  const { value: lock, waitedMs } = await retryUntilFree(() => tryAcquire(statePath, request), timeoutMs);
  if (lock) return lock;
  const waited = timeoutMs > 0 ? `; waited ${formatDuration(waitedMs)} for it to be released (--lock-timeout ${formatDuration(timeoutMs)})` : '';
  throw (await terraformLockError(statePath, request.stack, waited)) ?? (await heldLockError(lockPath, request.stack, waited));
}

/** Our lock, or null while another run (bedrock-pt or Terraform) holds one. */
async function tryAcquire(statePath: string, request: LockRequest): Promise<StateLock | null> {
  const lockPath = lockPathFor(statePath);
  if (await readLockInfo(terraformLockInfoPath(statePath))) return null;
  const info: LockInfo = {
    ID: randomUUID(),
    Operation: request.operation,
    Who: `${os.userInfo().username}@${os.hostname()}`,
    Version: request.version ?? `bedrock-pt ${VERSION}`,
    Created: new Date().toISOString(),
    Path: statePath,
    PID: process.pid,
    Info: request.stack,
  };
  const content = `${JSON.stringify(info, null, 2)}\n`;
  if (!(await createExclusive(lockPath, content))) {
    const dead = await exitedLocalHolder(lockPath);
    if (!dead || !(await takeOver(lockPath, dead, content))) return null;
    const note = `Note: took over the lock of stack ${request.stack} (lock ID ${dead.ID}, operation ${dead.Operation} since ${dead.Created}) held by process ${dead.PID}, which has exited`;
    (request.onTakeover ?? ((line: string) => process.stderr.write(`${line}\n`)))(note);
  }
  return {
    id: info.ID,
    info,
    lockPath,
    release: async () => {
      const current = await readLockInfo(lockPath);
      if (current?.ID === info.ID) await fs.rm(lockPath, { force: true });
    },
  };
}

/** Removes the lock only when `id` matches the holder's, so a mistyped ID cannot break someone else's run. */
export async function forceUnlock(statePath: string, id: string): Promise<void> {
  const lockPath = lockPathFor(statePath);
  const current = await readLockInfo(lockPath);
  if (current === null) {
    let exists = true;
    await fs.access(lockPath).catch(() => (exists = false));
    if (!exists) throw new BedrockPtError('lock', `state ${statePath} is not locked; nothing to unlock`);
    throw new BedrockPtError('lock', `lock file ${lockPath} is unreadable; if no run is active, delete it by hand`);
  }
  if (current.ID !== id) {
    throw new BedrockPtError(
      'lock',
      `lock ID mismatch: the lock on ${statePath} has ID ${current.ID} (held by ${current.Who}), not ${id}; nothing was unlocked`,
    );
  }
  await fs.rm(lockPath, { force: true });
  await fs.rm(takeoverPath(lockPath, id), { force: true });
}

export async function readLockInfo(lockPath: string): Promise<LockInfo | null> {
  try {
    const parsed = JSON.parse(await fs.readFile(lockPath, 'utf8')) as LockInfo;
    return typeof parsed?.ID === 'string' ? parsed : null;
  } catch {
    return null;
  }
}

/**
 * Writes the content to a private temp file, then hard-links it into place: link() fails
 * if the name exists, and a reader never sees a half-written lock. Filesystems without
 * hard links fall back to open(O_CREAT|O_EXCL).
 */
async function createExclusive(target: string, content: string): Promise<boolean> {
  const temp = `${target}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await fs.writeFile(temp, content, { flag: 'wx' });
  try {
    await fs.link(temp, target);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw error;
    return createWithOpenExclusive(target, content);
  } finally {
    await fs.rm(temp, { force: true });
  }
}

async function createWithOpenExclusive(target: string, content: string): Promise<boolean> {
  try {
    await fs.writeFile(target, content, { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/**
 * Terraform's local lock dies with its process; ours is a file, so a run killed with -9 leaves
 * it behind. A holder on this host whose PID no longer runs can be replaced without a person.
 */
async function exitedLocalHolder(lockPath: string): Promise<LockInfo | null> {
  const held = await readLockInfo(lockPath);
  return held && isThisHost(held) && !processAlive(held.PID) ? held : null;
}

function isThisHost(held: LockInfo): boolean {
  return typeof held.Who === 'string' && held.Who.endsWith(`@${os.hostname()}`);
}

/** Named after the dead lock's ID: only runs taking over that same lock contend for it. */
function takeoverPath(lockPath: string, deadId: string): string {
  return `${lockPath}.takeover-${deadId.replace(/[^A-Za-z0-9-]/g, '_')}`;
}

/**
 * Replaces the dead holder's lock with ours. Two runs may find the same dead lock at once, so
 * the removal happens only inside an exclusive takeover file for that lock ID, after checking the
 * lock is still the dead one: a run that comes second finds the new holder and is refused.
 */
async function takeOver(lockPath: string, dead: LockInfo, content: string): Promise<boolean> {
  const guard = takeoverPath(lockPath, dead.ID);
  if (!(await createExclusive(guard, `${process.pid}\n`))) return false;
  try {
    if ((await readLockInfo(lockPath))?.ID !== dead.ID) return false;
    await fs.rm(lockPath, { force: true });
    return await createExclusive(lockPath, content);
  } finally {
    await fs.rm(guard, { force: true });
  }
}

async function heldLockError(lockPath: string, stack: string, waited: string): Promise<BedrockPtError> {
  const held = await readLockInfo(lockPath);
  if (!held) {
    return new BedrockPtError(
      'lock',
      `state for stack ${stack} is locked, but ${lockPath} is unreadable${waited}; if no run is active, delete that file`,
      { stack },
    );
  }
  const gone = isThisHost(held) && !processAlive(held.PID) ? `; its process ${held.PID} on this host has exited` : '';
  return new BedrockPtError(
    'lock',
    `state for stack ${stack} is locked by ${held.Who} since ${held.Created} (operation ${held.Operation}, lock ID ${held.ID}${gone})${waited}; ` +
      `if that run is gone, run: bedrock-pt force-unlock --stack ${stack} ${held.ID}`,
    { stack },
  );
}

async function terraformLockError(statePath: string, stack: string, waited: string): Promise<BedrockPtError | null> {
  const held = await readLockInfo(terraformLockInfoPath(statePath));
  if (!held) return null;
  return new BedrockPtError(
    'lock',
    `state for stack ${stack} is locked by Terraform (${held.Who}, operation ${held.Operation}, since ${held.Created})${waited}; ` +
      `wait for it to finish, or if no terraform run is active, run: terraform force-unlock ${held.ID}`,
    { stack },
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
