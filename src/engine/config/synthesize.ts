/** Runs the user's cdktf app the way `cdktf synth` does, so its output is what cdktf would produce. */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { appErrorReport, StderrHead } from './app-stderr';
import { configError, isPlainObject } from './fail';

export interface SynthesizeOptions {
  /** Output directory; defaults to cdktf.json's `output`, else "cdktf.out", relative to the project. */
  outdir?: string;
  env?: NodeJS.ProcessEnv;
}

/** Returns the absolute outdir holding manifest.json. */
export async function synthesizeApp(projectDir: string, opts: SynthesizeOptions = {}): Promise<string> {
  const configFile = path.join(projectDir, 'cdktf.json');
  const config = readCdktfJson(configFile);
  if (typeof config.app !== 'string' || !config.app.trim()) configError({ file: configFile }, 'has no "app" command');
  const output = opts.outdir ?? (typeof config.output === 'string' ? config.output : 'cdktf.out');
  const outdir = path.resolve(projectDir, output);

  const result = await runShell(config.app, projectDir, synthEnv(opts.env ?? process.env, outdir, config.context));
  if (result.code !== 0) {
    const how = result.signal ? `was ended by signal ${result.signal}` : `failed with exit code ${result.code}`;
    const report = appErrorReport(result.stderr, result.stderrLinesNotKept);
    const cause = report ? '. Its error output:' : ' and wrote nothing on stderr.';
    configError({ file: configFile }, `app command "${config.app}" ${how}${cause}`, undefined, report || undefined);
  }
  if (!fs.existsSync(path.join(outdir, 'manifest.json'))) {
    configError({ file: configFile }, `app command "${config.app}" did not write ${path.join(outdir, 'manifest.json')}; does the app call app.synth()?`);
  }
  return outdir;
}

/**
 * The environment cdktf-cli gives the app: CDKTF_OUTDIR, the cdktf.json context as
 * CDKTF_CONTEXT_JSON, more heap for large provider bindings, and no TF_VAR_* (those are
 * for Terraform at plan time, not for synthesis). CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS
 * is deliberately not set, so an app with error annotations fails here with its message.
 */
function synthEnv(base: NodeJS.ProcessEnv, outdir: string, context: unknown): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(base).filter(([key]) => !key.startsWith('TF_VAR_')));
  env.CDKTF_OUTDIR = outdir;
  if (isPlainObject(context)) env.CDKTF_CONTEXT_JSON = JSON.stringify(context);
  const heap = '--max-old-space-size';
  if (!env.NODE_OPTIONS?.includes(heap)) env.NODE_OPTIONS = `${env.NODE_OPTIONS ?? ''} ${heap}=4096`.trim();
  return env;
}

export function readCdktfJson(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return configError({ file }, 'not found; run bedrock-pt from the cdktf project directory (or pass --project)');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return configError({ file }, `is not valid JSON: ${(error as Error).message}`);
  }
  if (!isPlainObject(parsed)) configError({ file }, 'must hold a JSON object');
  return parsed;
}

interface ShellResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  stderrLinesNotKept: number;
}

function runShell(command: string, cwd: string, env: NodeJS.ProcessEnv): Promise<ShellResult> {
  return new Promise((resolve) => {
    const child = spawn(command, { cwd, env, shell: true, stdio: ['ignore', 'ignore', 'pipe'] });
    // Keep the start: node prints the error message and the app's report first.
    const stderr = new StderrHead();
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => stderr.add(chunk));
    child.on('error', (error) => resolve({ code: -1, signal: null, stderr: error.message, stderrLinesNotKept: 0 }));
    child.on('close', (code, signal) => resolve({ code, signal, stderr: stderr.text, stderrLinesNotKept: stderr.linesNotKept }));
  });
}
