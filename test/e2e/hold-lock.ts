/**
 * Another run, for lock tests: takes the state lock in its own process, prints "locked", holds it
 * for HOLD_MS and releases it, as a bedrock-pt apply finishing would.
 *
 * Usage: node hold-lock.js STATE_PATH STACK HOLD_MS
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { acquireLock } from '../../src/engine/state';

async function hold(statePath: string, stack: string, holdMs: number): Promise<void> {
  const lock = await acquireLock(statePath, { operation: 'apply', stack, timeoutMs: 0 });
  process.stdout.write('locked\n');
  await sleep(holdMs);
  await lock.release();
}

if (require.main === module) {
  const [statePath, stack, holdMs] = process.argv.slice(2);
  hold(statePath, stack, Number(holdMs)).catch((error: Error) => {
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 1;
  });
}
