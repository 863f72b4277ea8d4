/** Reads a local Terraform state file into the raw document plus bedrock-pt's view of it. */
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs/promises';
import { BedrockPtError } from '../errors';
import type { ManagedState } from '../model/managed';
import { rememberText } from './as-written';
import { managedFromDocument } from './convert';
import { notStateMessage, notStateReason } from './not-state';
import { FIRST_UNSUPPORTED_TERRAFORM_MAJOR, NEW_STATE_TERRAFORM_VERSION, STATE_FORMAT_VERSION, type TfStateDocument } from './format';

export interface LoadedState {
  path: string;
  /**
   * False when there is no state yet (no file, or an empty one, which Terraform also reads as
   * no state): the document is a fresh empty state, not yet written, and its lineage is only
   * fixed by the first write.
   */
  exists: boolean;
  /** The whole document as read; non-PT content is preserved from here on write. */
  doc: TfStateDocument;
  managed: ManagedState;
}

export function emptyStateDocument(): TfStateDocument {
  return {
    version: STATE_FORMAT_VERSION,
    terraform_version: NEW_STATE_TERRAFORM_VERSION,
    serial: 0,
    lineage: randomUUID(),
    outputs: {},
    resources: [],
    check_results: null,
  };
}

export async function loadState(path: string): Promise<LoadedState> {
  let text: string;
  try {
    text = await fs.readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw fail(path, `cannot be read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, error);
    }
    text = '';
  }
  return stateFromText(text, path);
}

/** The state in `text` (read from `path`); '' is no state. */
export function stateFromText(text: string, path: string): LoadedState {
  // Terraform treats an empty file as no state; so do we. Saying it exists would give every
  // load a new random lineage, and a saved plan made over it could never be applied.
  if (text.trim() === '') {
    const doc = emptyStateDocument();
    return { path, exists: false, doc, managed: managedFromDocument(doc) };
  }
  const doc = parseStateDocument(text, path);
  try {
    return { path, exists: true, doc, managed: managedFromDocument(doc) };
  } catch (error) {
    if (error instanceof BedrockPtError) {
      throw new BedrockPtError('state', `${path}: ${error.message}`, error.subject, { cause: error });
    }
    throw error;
  }
}

/** Parses and checks the envelope of a v4 state document; one-line error otherwise. */
export function parseStateDocument(text: string, path: string): TfStateDocument {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw fail(path, `is not valid JSON (${(error as Error).message}); restore it from ${path}.backup or version control`, error);
  }
  const notState = notStateReason(raw);
  if (notState) throw fail(path, notStateMessage(notState));
  const doc = raw as Record<string, unknown>;
  if (doc.version !== STATE_FORMAT_VERSION) {
    const v = doc.version;
    if (typeof v === 'number' && v > STATE_FORMAT_VERSION) {
      throw fail(path, `uses state format version ${v}, newer than bedrock-pt reads (${STATE_FORMAT_VERSION})`);
    }
    throw fail(
      path,
      `uses state format version ${JSON.stringify(v)}; bedrock-pt reads version ${STATE_FORMAT_VERSION} (run a current terraform to upgrade it)`,
    );
  }
  const tfVersion = doc.terraform_version;
  const major = typeof tfVersion === 'string' ? /^(\d+)\.\d+\.\d+/.exec(tfVersion)?.[1] : undefined;
  if (major === undefined) throw fail(path, `has no valid terraform_version (${JSON.stringify(tfVersion)})`);
  if (Number(major) >= FIRST_UNSUPPORTED_TERRAFORM_MAJOR) {
    throw fail(path, `was written by Terraform ${tfVersion}, whose state bedrock-pt cannot read safely; use bedrock-pt with Terraform 1.x state`);
  }
  if (typeof doc.lineage !== 'string' || doc.lineage === '') throw fail(path, 'has no lineage');
  if (typeof doc.serial !== 'number' || !Number.isInteger(doc.serial) || doc.serial < 0) throw fail(path, 'has no valid serial');
  if (doc.resources === undefined) doc.resources = [];
  if (!Array.isArray(doc.resources)) throw fail(path, '"resources" is not a list');
  for (const [i, r] of (doc.resources as unknown[]).entries()) {
    const resource = r as Record<string, unknown> | null;
    if (!resource || typeof resource.type !== 'string' || typeof resource.name !== 'string' || !Array.isArray(resource.instances)) {
      throw fail(path, `resources[${i}] is not a valid resource (needs type, name and instances)`);
    }
  }
  if (doc.outputs === undefined) doc.outputs = {};
  return rememberText(doc as TfStateDocument, text);
}

function fail(path: string, message: string, cause?: unknown): BedrockPtError {
  return new BedrockPtError('state', `state file ${path} ${message}`, {}, { cause });
}
