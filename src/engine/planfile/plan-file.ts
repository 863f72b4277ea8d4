/**
 * The saved plan (`plan -out plan.json`): canonical JSON with a SHA-256 over its
 * content and, when BEDROCK_PT_PLAN_KEY is set, an HMAC-SHA256 signature. Apply
 * refuses a file that was edited, written by a newer bedrock-pt, or not signed
 * with the expected key, because applying an altered plan could buy or delete
 * committed capacity nobody reviewed.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { canonicalJson, sha256Hex } from '../canonical';
import { BedrockPtError } from '../errors';
import { writeFileAtomicSync } from '../fs/atomic-write';
import { PLAN_FORMAT, PLAN_FORMAT_VERSION, type PlanFile, type StackPlan } from '../model';
import { describeJson, describeNotJson, jsonKind } from '../json-kind';
import { assertNoSecrets } from './secrets';
import type * as PlanFileSchema from './schema';

/** Environment variable holding the signing key shared by plan and apply. */
export const PLAN_KEY_ENV = 'BEDROCK_PT_PLAN_KEY';

/** The signing key from the environment; an empty value counts as unset. */
export function planKeyFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env[PLAN_KEY_ENV] || undefined;
}

/** Everything the checksum and signature cover: the file minus `sha256` and `signature`. */
function signedContent(pf: Record<string, unknown>): string {
  const { sha256: _sha, signature: _sig, ...content } = pf;
  return canonicalJson(content);
}

function hmacHex(key: string, content: string): string {
  return createHmac('sha256', key).update(content).digest('hex');
}

function hexEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

export function buildPlanFile(stacks: StackPlan[], opts: { key?: string; tool: string }): PlanFile {
  const content = { format: PLAN_FORMAT as typeof PLAN_FORMAT, formatVersion: PLAN_FORMAT_VERSION, tool: opts.tool, stacks };
  const text = signedContent(content);
  const pf: PlanFile = { ...content, sha256: sha256Hex(text) };
  if (opts.key) pf.signature = hmacHex(opts.key, text);
  return pf;
}

/** Canonical JSON, two-space indent, trailing newline: the same plan always gives the same bytes. */
export function serializePlanFile(pf: PlanFile): string {
  const text = canonicalJson(pf, 2) + '\n';
  assertNoSecrets(text, 'the plan file');
  return text;
}

/** Writes atomically (temp file, fsync, rename) so a crash never leaves half a plan behind. */
export function writePlanFile(path: string, pf: PlanFile): void {
  const text = serializePlanFile(pf);
  try {
    writeFileAtomicSync(path, text, { mode: 0o600 });
  } catch (err) {
    throw new BedrockPtError('plan-file', `cannot write plan file ${path}: ${(err as Error).message}`, {}, { cause: err });
  }
}

/** A file that is something else: say what it is, and what to pass instead. */
function notASavedPlan(path: string, what: string): string {
  const terraformPlan = /Terraform JSON plan|Terraform's binary plan/.test(what)
    ? '; a Terraform plan is applied with `terraform apply` (and `bedrock-pt review` renders its JSON as a PR comment)'
    : '';
  return `plan file ${path} is not a bedrock-pt saved plan: it is ${what}. Pass the file \`bedrock-pt plan --out FILE\` wrote, or plan again with --out${terraformPlan}`;
}

function refuse(message: string, cause?: unknown): BedrockPtError {
  return new BedrockPtError('plan-file', message, {}, cause === undefined ? undefined : { cause });
}

/**
 * Reads and verifies a saved plan. With `key` set, the file must carry a
 * signature made with that key; without it, the checksum still has to match.
 */
export function readPlanFile(path: string, opts: { key?: string } = {}): PlanFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const problem = code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? (err as Error).message})`;
    throw refuse(`plan file ${path} ${problem}; pass the file \`plan -out\` wrote, or plan again with -out`, err);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    const looksLike = describeNotJson(text);
    if (looksLike) throw refuse(notASavedPlan(path, looksLike), err);
    throw refuse(`plan file ${path} is not valid JSON (${(err as Error).message}); plan again with -out`, err);
  }
  if (jsonKind(raw) !== 'bedrock-pt-plan') throw refuse(notASavedPlan(path, describeJson(raw)));
  const pf = raw as Record<string, unknown>;
  if (typeof pf.formatVersion !== 'number' || !Number.isInteger(pf.formatVersion) || pf.formatVersion < 1) {
    throw refuse(`plan file ${path} has no valid formatVersion; plan again`);
  }
  if (pf.formatVersion > PLAN_FORMAT_VERSION) {
    throw refuse(
      `plan file ${path} was written by a newer bedrock-pt (format version ${pf.formatVersion}, this one reads up to ${PLAN_FORMAT_VERSION}); upgrade bedrock-pt or plan again`,
    );
  }
  if (pf.formatVersion < PLAN_FORMAT_VERSION) {
    throw refuse(
      `plan file ${path} was written by an older bedrock-pt (format version ${pf.formatVersion}) that did not record where its configuration came from, so it cannot be checked against it; plan again with this version`,
    );
  }
  const content = signedContent(pf);
  if (typeof pf.sha256 !== 'string' || !hexEqual(pf.sha256, sha256Hex(content))) {
    throw refuse(`plan file ${path} was edited after it was written (checksum mismatch); plan again`);
  }
  if (opts.key) {
    if (typeof pf.signature !== 'string') {
      throw refuse(`plan file ${path} is not signed but ${PLAN_KEY_ENV} is set; plan again with the same ${PLAN_KEY_ENV}`);
    }
    if (!hexEqual(pf.signature, hmacHex(opts.key, content))) {
      throw refuse(`plan file ${path} was signed with a different key or altered; plan again with this ${PLAN_KEY_ENV}`);
    }
  }
  // Required here, not imported: zod takes ~90 ms to load, and most runs read no plan file.
  const { planFileShapeProblem } = require('./schema') as typeof PlanFileSchema;
  const problem = planFileShapeProblem(pf);
  if (problem) throw refuse(`plan file ${path} is not a well-formed bedrock-pt plan (${problem}); plan again`);
  // The file itself, not the parsed copy: the schema drops fields it does not list.
  return pf as unknown as PlanFile;
}
