/**
 * How the configuration spells each PT's model, remembered between provider processes of one
 * Terraform command. A foundation model's ID and its ARN name the same model, and the provider
 * keeps whichever the configuration writes so that neither plans a change. But ReadResource — the
 * refresh every plan starts with, and the only call that can set the prior value Terraform diffs
 * against — receives no configuration: after `terraform import` the state holds Bedrock's ARN,
 * and a configuration that writes the ID would show `~ model_arn` from one spelling to the other.
 * Terraform validates the configuration (ValidateResourceConfig, in an earlier process) before
 * it refreshes; validation records the spelling per PT name here, and reads use it when it names
 * the very model the PT serves. The record is cosmetic only: it picks between two spellings of
 * the same model, never which model, so a stale one changes nothing that is sent.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomicSync } from '../../engine/fs/atomic-write';
import { type CtyObject } from '../contract';
import { str } from './cty-values';

/** Where: `<TF_DATA_DIR or .terraform>/bedrock-pt/written-models.json` of the directory Terraform runs in. */
export function writtenModelsFile(workingDir: string, env: NodeJS.ProcessEnv): string {
  return path.join(path.resolve(workingDir, env.TF_DATA_DIR || '.terraform'), 'bedrock-pt', 'written-models.json');
}

function load(file: string): Record<string, string> {
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, string>) : {};
  } catch {
    return {};
  }
}

/** Records the model as `config` writes it, when its name and model are known; a failure to write is only a cosmetic loss. */
export function recordWrittenModel(file: string, config: CtyObject): void {
  const name = str(config.provisioned_model_name);
  const model = str(config.model_arn);
  if (!name || !model) return;
  const all = load(file);
  if (all[name] === model) return;
  // The data dir is Terraform's (`terraform init` made it); without it there is nothing to remember for.
  if (!fs.existsSync(path.dirname(path.dirname(file)))) return;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    writeFileAtomicSync(file, `${JSON.stringify({ ...all, [name]: model }, null, 2)}\n`);
  } catch {
    // Read then keeps the state's spelling; the plan may show a spelling change, never a different model.
  }
}

/** The model as the configuration last wrote it for the PT named `name`. */
export function writtenModel(file: string, name: string): string | undefined {
  const model = load(file)[name];
  return typeof model === 'string' ? model : undefined;
}
