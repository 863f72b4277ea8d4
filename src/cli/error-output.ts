/** How the CLI reports the error it stops on: as a diagnostic, drawn by the same views as a plan's. */
import { diagnosticOf } from '../engine/diagnostics';
import { diagnosticLine } from '../engine/render/diagnostic';
import { JsonLines } from './views/json-lines';
import type { ViewStreams } from './views/streams';

/** `plan --json` / `apply --json`: the commands whose stdout is a stream of JSON lines. */
export function wantsJsonLines(argv: string[]): boolean {
  const words = argv.slice(2);
  const command = words.find((w) => !w.startsWith('-'));
  return (command === 'plan' || command === 'apply') && words.includes('--json');
}

/**
 * "Error: <message on one line>" on stderr, then any report the error carries, indented. A
 * JSON-lines run also ends its stream with the error as a `diagnostic` line, so a pipeline
 * reading only stdout still learns why it ended.
 */
export function writeFatalError(streams: ViewStreams, err: unknown, opts: { jsonLines: boolean }): void {
  const diagnostic = diagnosticOf(err);
  if (opts.jsonLines) new JsonLines(streams.out).diagnostic(diagnostic);
  streams.err.write(diagnosticLine(diagnostic));
}
