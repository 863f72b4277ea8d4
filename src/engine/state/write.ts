/** Atomic state writes: a reader sees the old file or the new one, never a torn one. */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { BedrockPtError } from '../errors';
import { carrySource, stateText } from './as-written';
import type { TfStateDocument } from './format';

/**
 * Writes `doc` with serial + 1 (lineage unchanged) and returns what was written. What did not
 * change since the file was read is written back exactly as it was read.
 */
export async function writeState(statePath: string, doc: TfStateDocument): Promise<TfStateDocument> {
  const written = carrySource(doc, { ...doc, serial: doc.serial + 1 });
  // Terraform's layout: two-space indent, no trailing newline.
  await writeFileAtomic(statePath, stateText(written));
  return written;
}

/** Temp file in the same directory, fsync, rename over the target, fsync the directory. */
export async function writeFileAtomic(target: string, content: string): Promise<void> {
  const dir = path.dirname(target);
  const temp = path.join(dir, `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await fs.mkdir(dir, { recursive: true });
    const handle = await fs.open(temp, 'wx');
    try {
      await handle.writeFile(content, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, target);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw new BedrockPtError(
      'state',
      `cannot write state file ${target}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
      {},
      { cause: error },
    );
  }
  await syncDirectory(dir);
}

/** Makes the rename durable; some platforms cannot open a directory, which only weakens durability. */
async function syncDirectory(dir: string): Promise<void> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch {
    // Durability best effort only (e.g. Windows): the rename itself is still atomic.
  } finally {
    await handle?.close();
  }
}
