/**
 * Checks `bedrock-pt emulator` flags before it listens: a typo in --port or --state-file must
 * stop it with the flag named, not bind a surprising port or silently create directories.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { InvalidArgumentError } from 'commander';
import { BedrockPtError } from '../engine/errors';

/** 0 asks the OS for any free port. */
export function parsePort(value: string): number {
  const n = /^\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('expected an integer from 0 to 65535 (0 picks a free port)');
  return n;
}

/**
 * The file may be missing (the emulator creates it) but its directory must exist, and the file
 * must be a regular file the emulator can write. Returns the absolute path.
 */
export function checkStateFile(file: string): string {
  const target = path.resolve(file);
  const dir = path.dirname(target);
  const refuse = (problem: string): never => {
    throw new BedrockPtError('usage', `--state-file ${file}: ${problem}`, { field: '--state-file' });
  };
  const dirStat = statOrUndefined(dir);
  if (!dirStat) refuse(`directory ${dir} does not exist; create it first (the emulator does not create directories)`);
  if (!dirStat!.isDirectory()) refuse(`${dir} is not a directory`);
  const fileStat = statOrUndefined(target);
  if (fileStat?.isDirectory()) refuse('is a directory; pass a file path such as cloud.json inside it');
  if (fileStat && !fileStat.isFile()) refuse('is not a regular file');
  // The save goes through a temp file in the same directory, so the directory must be writable too.
  for (const [what, p] of [['directory', dir], ...(fileStat ? [['file', target]] : [])] as const) {
    try {
      fs.accessSync(p, fs.constants.W_OK);
    } catch {
      refuse(`the ${what} ${p} is not writable`);
    }
  }
  return target;
}

function statOrUndefined(p: string): fs.Stats | undefined {
  try {
    return fs.statSync(p);
  } catch {
    return undefined;
  }
}
