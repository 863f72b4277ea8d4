/** Reads cdktf's synth output directory (manifest.json + stacks/<name>/cdk.tf.json). */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { StackConfig } from '../model/desired';
import { configError, isPlainObject, requiredString, RESYNTH } from './fail';
import { readStackConfig } from './stack';

export interface ReadSynthOptions {
  /** Stack names to read; undefined reads all. */
  stacks?: string[];
  /** Supplies TF_VAR_* and AWS_REGION; defaults to process.env. */
  env?: NodeJS.ProcessEnv;
}

interface ManifestStack {
  name: string;
  synthesizedStackPath: string;
  workingDirectory: string;
}

export function readSynthDir(dir: string, opts: ReadSynthOptions = {}): StackConfig[] {
  const env = opts.env ?? process.env;
  const manifest = readManifest(dir);
  const known = manifest.map((s) => s.name);
  const wanted = opts.stacks ?? known;
  for (const name of wanted) {
    if (!known.includes(name)) {
      configError({ stack: name }, `unknown stack; the synthesized app has: ${known.join(', ') || '(no stacks)'}`);
    }
  }
  return manifest
    .filter((s) => wanted.includes(s.name))
    .map((s) => {
      const file = path.resolve(dir, s.synthesizedStackPath);
      return readStackConfig({ name: s.name, document: readJson(file, s.name), workingDirectory: path.resolve(dir, s.workingDirectory) }, env);
    });
}

function readManifest(dir: string): ManifestStack[] {
  const file = path.join(dir, 'manifest.json');
  if (!fs.existsSync(file)) {
    configError({ file }, 'not found; run cdktf synth first, or drop --synth-dir so bedrock-pt synthesizes the app from cdktf.json');
  }
  const manifest = readJson(file);
  if (!isPlainObject(manifest) || manifest.stacks === undefined) configError({ file }, `has no "stacks" section; ${RESYNTH}`);
  // cdktf 0.21 writes an object keyed by stack name; very old versions wrote a list.
  const entries = Array.isArray(manifest.stacks) ? manifest.stacks : isPlainObject(manifest.stacks) ? Object.values(manifest.stacks) : null;
  if (!entries) configError({ file }, `"stacks" must be an object keyed by stack name; ${RESYNTH}`);
  return entries.map((entry, i) => {
    if (!isPlainObject(entry)) configError({ file }, `stacks entry ${i} is not an object; ${RESYNTH}`);
    const name = requiredString(entry.name, { file: `${file} stacks[${i}].name` });
    const at = (field: string) => ({ file: `${file} stacks.${name}.${field}` });
    return {
      name,
      synthesizedStackPath: requiredString(entry.synthesizedStackPath, at('synthesizedStackPath')),
      workingDirectory: requiredString(entry.workingDirectory, at('workingDirectory')),
    };
  });
}

function readJson(file: string, stack?: string): unknown {
  const subject = stack ? { stack, field: path.basename(file) } : { file };
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const problem = code === 'ENOENT' ? `${file} is missing` : `cannot read ${file}: ${code ?? String(error)}`;
    return configError(subject, `${problem}; ${RESYNTH}`, error);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    return configError(subject, `${file} is not valid JSON (${(error as Error).message}); ${RESYNTH}`, error);
  }
}
