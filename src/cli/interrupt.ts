/**
 * Ctrl-C during apply, as Terraform does it: the first SIGINT/SIGTERM stops new calls and lets
 * the steps in flight finish and write state; a second one exits at once, after saying which
 * calls were sent and not answered and what the next run does about each.
 */
import { stateWrites, type StateWriteGate } from '../engine/state/write-gate';
import type { ProgressStream, UnansweredCall } from './progress';

type Signal = 'SIGINT' | 'SIGTERM';

/** What the handler needs of the progress view (ProgressReporter, or a JSON view that tracks calls). */
export interface InterruptProgress {
  /** Prints a message without garbling the live rows. */
  note(text: string, to: ProgressStream): void;
  unanswered(): UnansweredCall[];
}

export interface InterruptOptions {
  stop: AbortController;
  progress: InterruptProgress;
  stderr?: ProgressStream;
  /** Defaults to process.exit. */
  exit?: (code: number) => void;
  /** Where the signals come from; defaults to the process. */
  signals?: Pick<NodeJS.Process, 'on' | 'off'>;
  gate?: StateWriteGate;
  /** How long the exit waits for a state write under way (a write takes milliseconds). */
  maxWriteWaitMs?: number;
}

/**
 * 128 + the signal's number, as a shell reports a process a signal ended: scripts and CI tell an
 * interrupted apply (130, 143) from one that failed (1).
 */
const EXIT_CODE: Record<Signal, number> = { SIGINT: 130, SIGTERM: 143 };

/**
 * Installs the handlers. Call the returned function when the apply's steps are over: from then on
 * an interrupt ends the process at once with its exit code (nothing is in flight; the summary is
 * being written). The handlers stay until the process exits, so a Ctrl-C never falls back to
 * Node's default and never finds the run half-gone.
 */
export function handleInterrupts(options: InterruptOptions): () => void {
  const { stop, progress } = options;
  const stderr = options.stderr ?? process.stderr;
  const signals = options.signals ?? process;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let exiting = false;
  let over = false;
  const onSignal = (signal: Signal) => {
    if (over) {
      exit(EXIT_CODE[signal]);
      return;
    }
    if (!stop.signal.aborted) {
      progress.note('\nStopping: no new calls will be sent; finishing the steps in flight and writing state… (press Ctrl-C again to exit at once)\n', stderr);
      stop.abort();
      return;
    }
    if (exiting) return;
    exiting = true;
    progress.note(secondInterruptReport(progress.unanswered()), stderr);
    void (options.gate ?? stateWrites).close(options.maxWriteWaitMs ?? 2000).then(() => exit(EXIT_CODE[signal]));
  };
  const onInt = () => onSignal('SIGINT');
  const onTerm = () => onSignal('SIGTERM');
  signals.on('SIGINT', onInt);
  signals.on('SIGTERM', onTerm);
  return () => {
    over = true;
  };
}

export function secondInterruptReport(calls: UnansweredCall[]): string {
  const lines = ['', 'Two interrupts received: exiting now, without waiting for the steps in flight.'];
  if (calls.length === 0) {
    lines.push('No call was waiting for its answer.');
  } else {
    lines.push('Sent and not answered (these may still take effect):');
    for (const call of calls) lines.push(`  ${call.label}: ${call.operation} — ${nextRunFor(call.operation)}`);
  }
  lines.push(
    'A PT whose create was answered is recorded in state, even if it is still Creating; the next plan waits for it.',
    'The state lock stays behind; the next bedrock-pt run on this host takes it over, since this process has exited.',
    'Run plan to see what is left.',
    '',
  );
  return lines.join('\n');
}

function nextRunFor(operation: string): string {
  switch (operation) {
    case 'CreateProvisionedModelThroughput':
      return 'its intent and idempotency token are in state: the next plan or apply sends the same token, so Bedrock answers with the PT this call bought, or buys it once if the call never arrived.';
    case 'DeleteProvisionedModelThroughput':
      return 'the PT stays in state until a delete is confirmed: the next plan reads it live and drops it from state if it is gone, or plans the delete again.';
    default:
      return 'the next plan reads the PT live and plans only what still differs from the config.';
  }
}
