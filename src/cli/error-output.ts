/** How the CLI prints an error it stops on: one line, then any body the error carries. */
import { BedrockPtError } from '../engine/errors';

const BODY_INDENT = '  ';

/** "Error: <message on one line>\n", then the body's lines as written, indented under it. */
export function formatCliError(err: BedrockPtError): string {
  const head = `Error: ${err.message.replace(/\s*\n\s*/g, ' ').trim()}\n`;
  if (!err.body) return head;
  return head + err.body.split('\n').map((line) => (line ? `${BODY_INDENT}${line}` : '')).join('\n') + '\n';
}
