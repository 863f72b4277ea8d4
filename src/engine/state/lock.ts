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
  await refuseIfTerraformHoldsLock(statePath, request.stack);
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
  const created = await createExclusive(lockPath, `${JSON.stringify(info, null, 2)}\n`);
  if (!created) throw await heldLockError(lockPath, request.stack);
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

async function heldLockError(lockPath: string, stack: string): Promise<BedrockPtError> {
  const held = await readLockInfo(lockPath);
  if (!held) {
    return new BedrockPtError(
      'lock',
      `state for stack ${stack} is locked, but ${lockPath} is unreadable; if no run is active, delete that file`,
      { stack },
    );
  }
  const gone = held.Who.endsWith(`@${os.hostname()}`) && !processAlive(held.PID) ? `; its process ${held.PID} on this host has exited` : '';
  return new BedrockPtError(
    'lock',
    `state for stack ${stack} is locked by ${held.Who} since ${held.Created} (operation ${held.Operation}, lock ID ${held.ID}${gone}); ` +
      `if that run is gone, run: bedrock-pt force-unlock --stack ${stack} ${held.ID}`,
    { stack },
  );
}

async function refuseIfTerraformHoldsLock(statePath: string, stack: string): Promise<void> {
  const tfLock = terraformLockInfoPath(statePath);
  const held = await readLockInfo(tfLock);
  if (!held) return;
  throw new BedrockPtError(
    'lock',
    `state for stack ${stack} is locked by Terraform (${held.Who}, operation ${held.Operation}, since ${held.Created}); ` +
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
