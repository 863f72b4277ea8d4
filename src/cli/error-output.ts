/** How the CLI prints an error it stops on: one line, then any body the error carries. */
import { BedrockPtError } from '../engine/errors';
import { JsonLines } from './views/json-lines';
import type { ViewStreams } from './views/streams';

const BODY_INDENT = '  ';

/** "Error: <message on one line>\n", then the body's lines as written, indented under it. */
export function formatCliError(err: BedrockPtError): string {
  const head = `Error: ${err.message.replace(/\s*\n\s*/g, ' ').trim()}\n`;
  if (!err.body) return head;
  return head + err.body.split('\n').map((line) => (line ? `${BODY_INDENT}${line}` : '')).join('\n') + '\n';
}

/** `plan --json` / `apply --json`: the commands whose stdout is a stream of JSON lines. */
export function wantsJsonLines(argv: string[]): boolean {
  const words = argv.slice(2);
  const command = words.find((w) => !w.startsWith('-'));
  return (command === 'plan' || command === 'apply') && words.includes('--json');
}

/**
 * The error a JSON-lines run stops on, as a `diagnostic` line on stdout, so a pipeline reading
 * only the stream still learns why it ended (the text stays on stderr for people).
 */
export function writeJsonError(out: ViewStreams['out'], err: unknown): void {
  const summary = (err instanceof Error ? err.message : String(err)).replace(/\s*\n\s*/g, ' ').trim();
  const known = err instanceof BedrockPtError ? err : undefined;
  new JsonLines(out).emit('diagnostic', 'error', `Error: ${summary}`, {
    diagnostic: { severity: 'error', summary, detail: known?.body ?? '', ...(known?.subject.address ? { address: known.subject.address } : {}) },
    bedrock_pt: { ...(known ? { kind: known.kind, ...known.subject } : {}) },
  });
}
