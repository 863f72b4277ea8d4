/**
 * The configuration a saved plan is checked against, read again from the source the plan
 * recorded (the project's cdktf.json app, or the synth dir it was planned from) — never from
 * whatever the current directory holds. When that source cannot be read the apply is refused,
 * unless the user says explicitly that the check is skipped.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { canonicalJson } from '../canonical';
import { BedrockPtError } from '../errors';
import type { ConfigSource, StackConfig, StackPlan } from '../model';
import { readCdktfJson } from '../config';
import { readAllStacks } from './inputs';
import { SKIP_CONFIG_CHECK_FLAG } from './skip-config-check';

export { SKIP_CONFIG_CHECK_FLAG };

export interface RecordedConfigOptions {
  env?: NodeJS.ProcessEnv;
  /** `--synth-dir` / `--project` given on the command line: they must name the recorded source. */
  given?: { synthDir?: string; projectDir?: string };
}

export function describeSource(source: ConfigSource): string {
  return source.kind === 'app' ? `the app of ${path.join(source.projectDir, 'cdktf.json')}` : `the synth dir ${source.synthDir}`;
}

function refuse(plan: StackPlan, message: string): BedrockPtError {
  return new BedrockPtError('plan-file', message, { stack: plan.stack });
}

function recordedSource(plan: StackPlan): ConfigSource {
  const source = plan.target?.config;
  if (!source) {
    throw refuse(
      plan,
      `saved plan for ${plan.stack} does not record where its configuration came from, so it cannot be checked against it; plan again with bedrock-pt plan --out, or pass ${SKIP_CONFIG_CHECK_FLAG} to apply it unchecked`,
    );
  }
  return source;
}

/** Command-line inputs may repeat the recorded source but never redirect the check elsewhere. */
function checkGiven(plan: StackPlan, source: ConfigSource, given: RecordedConfigOptions['given'] = {}): void {
  const named = given.synthDir ? `--synth-dir ${path.resolve(given.synthDir)}` : given.projectDir ? `--project ${path.resolve(given.projectDir)}` : undefined;
  if (!named) return;
  const same = given.synthDir
    ? source.kind === 'synth-dir' && path.resolve(given.synthDir) === source.synthDir
    : source.kind === 'app' && path.resolve(given.projectDir!) === source.projectDir;
  if (!same) {
    throw new BedrockPtError(
      'usage',
      `the plan for ${plan.stack} was made from ${describeSource(source)}, not ${named}; a saved plan is checked against the config it was made from — drop ${named.split(' ')[0]}`,
      { stack: plan.stack },
    );
  }
}

/** Refuses when the recorded source is gone or its app command changed. */
function checkReadable(plan: StackPlan, source: ConfigSource): void {
  const file = source.kind === 'app' ? path.join(source.projectDir, 'cdktf.json') : path.join(source.synthDir, 'manifest.json');
  if (!fs.existsSync(file)) {
    throw refuse(
      plan,
      `the plan for ${plan.stack} was made from ${describeSource(source)}, but ${file} is not there, so the plan cannot be checked against its configuration; ` +
        `apply it where that config is, or pass ${SKIP_CONFIG_CHECK_FLAG} to apply it unchecked`,
    );
  }
  if (source.kind === 'app') {
    const app = readCdktfJson(file).app;
    if (app !== source.app) {
      throw refuse(
        plan,
        `saved plan is stale: ${plan.stack}: the app command in ${file} changed since the plan was made (${JSON.stringify(source.app)} → ${JSON.stringify(app)}); plan again`,
      );
    }
  }
}

/**
 * Each plan's stack config, read from its recorded source (each source read once). Refuses a
 * plan without a source, a source that is gone, and a stack the config no longer has.
 */
export async function loadRecordedConfigs(plans: StackPlan[], options: RecordedConfigOptions = {}): Promise<Map<string, StackConfig>> {
  const bySource = new Map<string, { source: ConfigSource; plans: StackPlan[] }>();
  for (const plan of plans) {
    const source = recordedSource(plan);
    checkGiven(plan, source, options.given);
    checkReadable(plan, source);
    const key = canonicalJson(source);
    bySource.set(key, { source, plans: [...(bySource.get(key)?.plans ?? []), plan] });
  }
  const configs = new Map<string, StackConfig>();
  for (const { source, plans: group } of bySource.values()) {
    const { all } = await readAllStacks(
      source.kind === 'app'
        ? { projectDir: source.projectDir, env: options.env }
        : { projectDir: path.dirname(source.synthDir), synthDir: source.synthDir, env: options.env },
    );
    for (const plan of group) {
      const config = all.find((s) => s.name === plan.stack);
      if (!config) {
        const names =
          all
            .map((s) => s.name)
            .sort()
            .join(', ') || '(none)';
        throw refuse(plan, `saved plan is stale: it covers stack ${plan.stack}, which ${describeSource(source)} no longer has (it has: ${names}); plan again`);
      }
      configs.set(plan.stack, config);
    }
  }
  return configs;
}
