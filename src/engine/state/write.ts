/** Atomic state writes: a reader sees the old file or the new one, never a torn one. */
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { BedrockPtError } from '../errors';
import { writeFileAtomic as writeAtomically } from '../fs/atomic-write';
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

/** State and its backup, written through the one atomic-write helper; errors name the state file. */
export async function writeFileAtomic(target: string, content: string): Promise<void> {
  try {
    await fs.mkdir(path.dirname(target), { recursive: true });
    await writeAtomically(target, content);
  } catch (error) {
    throw new BedrockPtError(
      'state',
      `cannot write state file ${target}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
      {},
      { cause: error },
    );
  }
}
