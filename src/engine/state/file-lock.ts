/**
 * The lock Terraform's local backend takes on a state file (statemgr.Filesystem on Unix): a
 * POSIX write lock over the whole file — fcntl with l_whence SEEK_SET, l_start 0, l_len 0 — on a
 * descriptor open for writing. Taking the same lock is what makes `terraform` and bedrock-pt wait
 * for or refuse each other; a lock of this kind dies with its process, so a run killed with -9
 * never leaves it behind.
 *
 * Node has no fcntl, so libc's is called through koffi (prebuilt for each platform, no compiler,
 * no install script), loaded here only, on the first lock: commands that never lock a state do
 * not pay for it.
 *
 * - Linux (64-bit): open-file-description locks (F_OFD_SETLK). They conflict with Terraform's
 *   classic locks exactly as a classic lock would, but belong to the descriptor: closing another
 *   descriptor of the same file (a read of the state by path) does not drop them, and two
 *   descriptors in one process exclude each other.
 * - macOS: classic F_SETLK with Darwin's own `struct flock` layout and constants. A classic lock
 *   belongs to the process and is dropped when any descriptor of the file is closed, so the state
 *   session reads and writes the file only through the locked descriptor, and one process never
 *   opens a state file it already holds (see lock.ts).
 * - Anything else is refused with the reason: a wrong layout would pass garbage to the kernel.
 */
import { BedrockPtError } from '../errors';

/** Whole-file write locks on an open descriptor. */
export interface WholeFileLocker {
  /** True when the lock was taken; false when another holder has it. */
  tryLock(fd: number): boolean;
  unlock(fd: number): void;
}

interface Layout {
  /** The fcntl command that sets a lock without waiting. */
  setLock: number;
  writeLock: number;
  unlock: number;
  /** koffi struct fields in the platform's order; koffi lays them out with C alignment. */
  fields: Record<string, string>;
}

const SEEK_SET = 0;

/** <asm-generic/fcntl.h>: F_OFD_SETLK 37, F_WRLCK 1, F_UNLCK 2; struct flock { short l_type, l_whence; off_t l_start, l_len; pid_t l_pid }. */
const LINUX_64: Layout = {
  setLock: 37,
  writeLock: 1,
  unlock: 2,
  fields: { l_type: 'int16', l_whence: 'int16', l_start: 'int64', l_len: 'int64', l_pid: 'int32' },
};

/** <sys/fcntl.h> on Darwin: F_SETLK 8, F_WRLCK 3, F_UNLCK 2; struct flock { off_t l_start, l_len; pid_t l_pid; short l_type, l_whence }. */
const DARWIN: Layout = {
  setLock: 8,
  writeLock: 3,
  unlock: 2,
  fields: { l_start: 'int64', l_len: 'int64', l_pid: 'int32', l_type: 'int16', l_whence: 'int16' },
};

const LINUX_64_ARCHES = new Set(['x64', 'arm64', 'ppc64', 'riscv64', 'loong64']);

function layoutFor(platform: NodeJS.Platform, arch: string): Layout | undefined {
  if (platform === 'linux' && LINUX_64_ARCHES.has(arch)) return LINUX_64;
  if (platform === 'darwin' && (arch === 'x64' || arch === 'arm64')) return DARWIN;
  return undefined;
}

let locker: WholeFileLocker | undefined;

/** The locker for this platform, built once; refuses a platform whose `struct flock` it does not know. */
export function wholeFileLocker(): WholeFileLocker {
  locker ??= buildLocker(process.platform, process.arch);
  return locker;
}

function buildLocker(platform: NodeJS.Platform, arch: string): WholeFileLocker {
  const layout = layoutFor(platform, arch);
  if (!layout) {
    throw new BedrockPtError(
      'lock',
      `bedrock-pt cannot take Terraform's state lock on ${platform}/${arch}: it knows the fcntl lock layout of 64-bit Linux and macOS only, ` +
        'and running without that lock would let terraform rewrite the state under a running apply; use the Terraform path (the bedrockpt provider) on this platform',
    );
  }
  let koffi: typeof import('koffi');
  try {
    // Loaded here, not at the top: only commands that lock a state need it.
    koffi = require('koffi') as typeof import('koffi');
  } catch (error) {
    throw new BedrockPtError(
      'lock',
      `cannot load koffi, which bedrock-pt uses to take Terraform's state lock (${(error as Error).message}); reinstall bedrock-pt`,
      {},
      { cause: error },
    );
  }
  // Anonymous: koffi's type names are per process, and a module may be loaded more than once in it (test runners).
  const flock = koffi.struct(layout.fields);
  // fcntl is variadic: declared as such, so arm64 macOS passes the pointer where libc reads it (on the stack).
  const fcntl = koffi.load(null).func('int fcntl(int fd, int cmd, ...)');
  const call = (fd: number, type: number): number => {
    koffi.errno(0);
    return fcntl(fd, layout.setLock, koffi.pointer(flock), { l_type: type, l_whence: SEEK_SET, l_start: 0, l_len: 0, l_pid: 0 }) as number;
  };
  const { EAGAIN, EACCES } = koffi.os.errno;
  return {
    tryLock(fd) {
      if (call(fd, layout.writeLock) === 0) return true;
      const errno = koffi.errno();
      // POSIX lets a refused F_SETLK answer either.
      if (errno === EAGAIN || errno === EACCES) return false;
      throw new BedrockPtError(
        'lock',
        `fcntl could not lock the state file (errno ${errno}${errnoName(koffi.os.errno, errno)}); the file system may not support locks`,
      );
    },
    unlock(fd) {
      call(fd, layout.unlock);
    },
  };
}

function errnoName(table: Record<string, number>, errno: number): string {
  const name = Object.keys(table).find((key) => table[key] === errno);
  return name ? ` ${name}` : '';
}
