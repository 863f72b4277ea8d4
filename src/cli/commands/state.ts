/** State housekeeping: list (any number of stacks), rm, import, force-unlock (one stack each), under the stack's lock. */
import { Command } from 'commander';
import { addInputOptions, addLockTimeoutOption, addOneStackInputOptions, type InputFlags } from '../io';

export function registerStateCommands(program: Command): void {
  const state = program.command('state').description('Inspect and edit the state of a stack');

  addInputOptions(
    state
      .command('list')
      .description("List the Provisioned Throughputs in a stack's state (address, ARN, name); with several stacks each line starts with the stack"),
  ).action(async (flags: InputFlags) => (await import('../actions/state')).stateList(flags));

  addLockTimeoutOption(
    addOneStackInputOptions(
      state.command('rm <address>').description('Stop managing a PT: remove it from state without touching it. It keeps running and billing.'),
    ),
  ).action(async (address: string, flags: InputFlags) => (await import('../actions/state')).stateRm(address, flags));

  addLockTimeoutOption(
    addOneStackInputOptions(
      program
        .command('import <address> <id>')
        .description("Adopt an existing PT (by ARN or name) into a stack's state at ADDRESS, which must be in the configuration"),
    ),
  ).action(async (address: string, id: string, flags: InputFlags) => (await import('../actions/state')).importPt(address, id, flags));

  addOneStackInputOptions(
    program
      .command('force-unlock <lockId>')
      .description(
        'Remove a stale state lock left by a run that is gone. Only use it when no other run is active. ' +
          '(A lock whose process on this host has exited is taken over by the next run without it.)',
      ),
  ).action(async (lockId: string, flags: InputFlags) => (await import('../actions/state')).unlockStack(lockId, flags));
}
