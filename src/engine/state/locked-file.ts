/**
 * The state file as the lock holder reads and writes it: through the one descriptor that holds
 * the lock, in place.
 *
 * In place, because that is what Terraform does and what its lock protects. A Terraform run
 * waiting with `-lock-timeout` keeps the descriptor it opened and, once the lock is free, reads
 * and writes through it: had bedrock-pt replaced the file by a rename meanwhile, that run would
 * read the old state and write its own into a file no path names any more — its changes lost.
 *
 * A crash in the middle of an in-place write would leave a torn file, so each write first puts
 * the whole new text beside the state (`<state>.writing`, written atomically), then overwrites
 * the state and drops that copy. A reader that finds a state file that is not JSON next to a
 * complete copy takes the copy: the write it belongs to had started, and everything it records
 * happened or had been decided. A state file that parses wins over any copy: that write either
 * finished or never touched it.
 */
import * as fs from 'node:fs';
import { writeFileAtomicSync } from '../fs/atomic-write';

export function writingCopyPath(statePath: string): string {
  return `${statePath}.writing`;
}

export class LockedStateFile {
  constructor(
    readonly path: string,
    private readonly fd: number,
  ) {}

  /** A state file that does not exist, for a read-only caller: it reads as no state and cannot be written. */
  static absent(path: string): LockedStateFile {
    return new LockedStateFile(path, -1);
  }

  /** The state's text, '' for an empty (new) file; a torn write is read as the copy it left. */
  read(): string {
    if (this.fd < 0) return '';
    const text = readAll(this.fd);
    if (isJson(text) || text.trim() === '') return text;
    const copy = readCopy(writingCopyPath(this.path));
    return copy !== undefined && isJson(copy) ? copy : text;
  }

  /** False once the path names another file (the state was deleted or replaced outside the lock): writes would reach no one. */
  isAtPath(): boolean {
    if (this.fd < 0) return false;
    try {
      const atPath = fs.statSync(this.path);
      const held = fs.fstatSync(this.fd);
      return atPath.ino === held.ino && atPath.dev === held.dev;
    } catch {
      return false;
    }
  }

  /** Replaces the whole text in place and makes it durable; errors are the file system's own. */
  write(text: string): void {
    const copy = writingCopyPath(this.path);
    writeFileAtomicSync(copy, text);
    const bytes = Buffer.from(text, 'utf8');
    // New bytes first, then the cut: a crash in between leaves trailing old bytes, which no JSON parser accepts.
    let offset = 0;
    while (offset < bytes.length) offset += fs.writeSync(this.fd, bytes, offset, bytes.length - offset, offset);
    fs.ftruncateSync(this.fd, bytes.length);
    fs.fsyncSync(this.fd);
    fs.rmSync(copy, { force: true });
  }
}

function readAll(fd: number): string {
  const size = fs.fstatSync(fd).size;
  const buffer = Buffer.alloc(size);
  let offset = 0;
  while (offset < size) {
    const read = fs.readSync(fd, buffer, offset, size - offset, offset);
    if (read === 0) break;
    offset += read;
  }
  return buffer.subarray(0, offset).toString('utf8');
}

function readCopy(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
