/** Two Ctrl-Cs: the first stops new calls, the second exits at once between state writes. */
import { EventEmitter } from 'node:events';
import { handleInterrupts } from '../../src/cli/interrupt';
import { ProgressReporter } from '../../src/cli/progress';
import { StateWriteGate } from '../../src/engine/state/write-gate';

function setUp() {
  const signals = new EventEmitter();
  const stderr: string[] = [];
  const exits: number[] = [];
  const stop = new AbortController();
  const gate = new StateWriteGate();
  const progress = new ProgressReporter({ write: () => true }, () => 0);
  const applyIsOver = handleInterrupts({
    stop,
    progress,
    gate,
    signals: signals as unknown as Pick<NodeJS.Process, 'on' | 'off'>,
    stderr: { write: (s: string) => (stderr.push(s), true) },
    exit: (code) => exits.push(code),
  });
  return { signals, stderr, exits, stop, gate, progress, applyIsOver };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('handleInterrupts', () => {
  it('stops new calls on the first Ctrl-C and does not exit', async () => {
    const { signals, stderr, exits, stop } = setUp();
    signals.emit('SIGINT');
    await tick();
    expect(stop.signal.aborted).toBe(true);
    expect(stderr.join('')).toContain('Stopping: no new calls will be sent; finishing the steps in flight and writing state');
    expect(exits).toEqual([]);
  });

  it('exits with 130 on a second Ctrl-C, naming the calls sent and not answered and what the next run does', async () => {
    const { signals, stderr, exits, progress } = setUp();
    progress.report({ kind: 'start', stack: 'dev', address: 'pt.a', action: 'create' });
    progress.report({ kind: 'call', stack: 'dev', address: 'pt.a', operation: 'CreateProvisionedModelThroughput' });
    progress.report({ kind: 'start', stack: 'dev', address: 'pt.b', action: 'delete' });
    progress.report({ kind: 'call', stack: 'dev', address: 'pt.b', operation: 'DeleteProvisionedModelThroughput' });
    signals.emit('SIGINT');
    signals.emit('SIGINT');
    await tick();
    expect(exits).toEqual([130]);
    const text = stderr.join('');
    expect(text).toContain('Two interrupts received: exiting now');
    expect(text).toMatch(
      /dev\/pt\.a: CreateProvisionedModelThroughput — its intent and idempotency token are in state: the next plan or apply sends the same token/,
    );
    expect(text).toMatch(/dev\/pt\.b: DeleteProvisionedModelThroughput — the PT stays in state until a delete is confirmed/);
    expect(text).toContain('the next bedrock-pt run on this host takes it over');
  });

  it('exits with 143 when the second signal is SIGTERM', async () => {
    const { signals, exits } = setUp();
    signals.emit('SIGINT');
    signals.emit('SIGTERM');
    await tick();
    expect(exits).toEqual([143]);
  });

  it('waits for a state write under way before exiting, and lets no new write start', async () => {
    const { signals, exits, gate } = setUp();
    let finishWrite!: () => void;
    const writing = gate.run(() => new Promise<void>((resolve) => (finishWrite = resolve)));
    signals.emit('SIGINT');
    signals.emit('SIGINT');
    await tick();
    expect(exits).toEqual([]);
    let lateWriteRan = false;
    void gate.run(async () => {
      lateWriteRan = true;
    });
    finishWrite();
    await writing;
    await tick();
    expect(exits).toEqual([130]);
    expect(lateWriteRan).toBe(false);
  });

  it('exits anyway when a write hangs longer than the wait allowed', async () => {
    const gate = new StateWriteGate();
    void gate.run(() => new Promise<void>(() => undefined));
    await expect(gate.close(20)).resolves.toBe('timed-out');
  });

  it('exits at once on any interrupt once the apply is over, even the first', () => {
    const { signals, exits, applyIsOver, stderr } = setUp();
    applyIsOver();
    signals.emit('SIGINT');
    expect(exits).toEqual([130]);
    expect(stderr).toEqual([]);
  });

  it('exits at once on the second interrupt when the apply ended between the two', () => {
    const { signals, exits, applyIsOver } = setUp();
    signals.emit('SIGINT');
    applyIsOver();
    signals.emit('SIGTERM');
    expect(exits).toEqual([143]);
  });
});
