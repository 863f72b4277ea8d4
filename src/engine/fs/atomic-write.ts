/**
 * The one way bedrock-pt replaces a file it owns (state, its backup, plan files, the emulator's
 * store): a reader, or a run after a crash, sees the old file or the new one, never a torn one.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface AtomicWriteOptions {
  /** Mode for a file that does not exist yet; an existing file keeps its own mode. */
  mode?: number;
}

/**
 * Writes a temp file beside `target` (same directory, so the rename cannot cross file systems),
 * fsyncs it, renames it over `target` and fsyncs the directory. On failure the old file is
 * untouched, the temp file is removed and the file system's error is rethrown for the caller to
 * explain in its own terms.
 */
export function writeFileAtomicSync(target: string, content: string, opts: AtomicWriteOptions = {}): void {
  const dir = path.dirname(target);
  const temp = path.join(dir, `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const mode = existingMode(target) ?? opts.mode ?? 0o666;
  let fd: number | undefined;
  try {
    fd = fs.openSync(temp, 'wx', mode);
    // openSync's mode is filtered by the umask; an existing file's mode is restored exactly.
    if (existingMode(target) !== undefined) fs.fchmodSync(fd, mode);
    fs.writeFileSync(fd, content, 'utf8');
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(temp, target);
  } catch (error) {
    if (fd !== undefined) fs.closeSync(fd);
    fs.rmSync(temp, { force: true });
    throw error;
  }
  syncDirectory(dir);
}

/** The same write for async callers; the work is short and synchronous, so one copy serves both. */
export async function writeFileAtomic(target: string, content: string, opts: AtomicWriteOptions = {}): Promise<void> {
  writeFileAtomicSync(target, content, opts);
}

function existingMode(file: string): number | undefined {
  try {
    return fs.statSync(file).mode & 0o7777;
  } catch {
    return undefined;
  }
}

/** Makes the rename durable; some platforms cannot open a directory, which only weakens durability. */
function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Durability best effort only (e.g. Windows): the rename itself is still atomic.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
