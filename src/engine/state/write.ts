/** State writes: a reader, or a run after a crash, sees the old state or the new one, never a torn one. */
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { BedrockPtError } from '../errors';
import { writeFileAtomicSync as writeAtomicallySync } from '../fs/atomic-write';
import { carrySource, stateText } from './as-written';
import type { TfStateDocument } from './format';

/**
 * Writes `doc` with serial + 1 (lineage unchanged) and returns what was written. What did not
 * change since the file was read is written back exactly as it was read. `write` puts the text
 * in place: under the state lock, the locked file (locked-file.ts); by default a whole-file
 * replace, for a state nobody else can be using.
 */
export async function writeState(statePath: string, doc: TfStateDocument, write?: (text: string) => void): Promise<TfStateDocument> {
  const written = carrySource(doc, { ...doc, serial: doc.serial + 1 });
  // Terraform's layout: two-space indent, no trailing newline.
  const text = stateText(written);
  if (write) writeExplained(statePath, () => write(text));
  else await writeFileAtomic(statePath, text);
  return written;
}

/** State and its backup, written through the one atomic-write helper; errors name the state file. */
export async function writeFileAtomic(target: string, content: string): Promise<void> {
  await fs.mkdir(path.dirname(target), { recursive: true }).catch(() => undefined);
  writeExplained(target, () => writeAtomicallySync(target, content));
}

function writeExplained(target: string, write: () => void): void {
  try {
    write();
  } catch (error) {
    throw new BedrockPtError('state', `cannot write state file ${target}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, {}, { cause: error });
  }
}
