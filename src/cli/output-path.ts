/**
 * Files a command will write (`--out`, `--markdown`) are checked before the refresh: a path
 * that cannot be written is a usage error found before any AWS call, not after the plan was
 * made and its file lost.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BedrockPtError } from '../engine/errors';

export function assertWritablePath(file: string, flag: string): void {
  const refuse = (why: string) =>
    new BedrockPtError('usage', `${flag} ${file}: ${why}; nothing was read or sent — choose a file in a directory you can write to`, { field: flag });
  const full = path.resolve(file);
  const dir = path.dirname(full);
  const dirStat = fs.statSync(dir, { throwIfNoEntry: false });
  if (!dirStat) throw refuse(`the directory ${dir} does not exist`);
  if (!dirStat.isDirectory()) throw refuse(`${dir} is not a directory`);
  const stat = fs.statSync(full, { throwIfNoEntry: false });
  if (stat?.isDirectory()) throw refuse('it is a directory');
  try {
    fs.accessSync(stat ? full : dir, fs.constants.W_OK);
  } catch {
    throw refuse(stat ? 'the file is not writable' : `the directory ${dir} is not writable`);
  }
}
