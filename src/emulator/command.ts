/** `bedrock-pt emulator`: run the emulator in the foreground until SIGINT/SIGTERM. */
import { Command, InvalidArgumentError } from 'commander';
import { checkStateFile, parsePort } from './command-options';
import type * as Start from './start';

interface EmulatorCommandOptions {
  port: number;
  host: string;
  stateFile?: string;
  committedUnitsQuota?: number;
  account: string[];
}

function parseQuota(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a non-negative integer');
  return n;
}

function collectAccount(value: string, previous: string[]): string[] {
  if (!/^[^=\s]+=\d{12}$/.test(value)) throw new InvalidArgumentError('expected ACCESS_KEY_ID=ACCOUNT_ID (12 digits)');
  return [...previous, value];
}

export function registerEmulatorCommand(program: Command): Command {
  return program
    .command('emulator')
    .description('Run a local Amazon Bedrock control-plane emulator (Provisioned Throughput APIs and STS GetCallerIdentity)')
    .option('--port <port>', 'port to listen on (0 picks a free one)', parsePort, 4599)
    .option('--host <host>', 'interface to bind', '127.0.0.1')
    .option('--state-file <file>', 'persist the emulated cloud here so separate runs see the same PTs')
    .option('--committed-units-quota <n>', 'committed model units allowed per account and region (AWS default 0)', parseQuota)
    .option('--account <key=account>', 'map an access key id to an account id (repeatable)', collectAccount, [])
    .action(async (opts: EmulatorCommandOptions) => {
      const accounts = Object.fromEntries(opts.account.map((pair) => pair.split('=') as [string, string]));
      // Required here, not imported: every other command of the CLI would load the whole emulator (and zod) at start.
      const { startEmulator } = require('./start') as typeof Start;
      const emulator = await startEmulator({
        port: opts.port,
        host: opts.host,
        stateFile: opts.stateFile === undefined ? undefined : checkStateFile(opts.stateFile),
        committedUnitsQuota: opts.committedUnitsQuota,
        accounts,
      });
      process.stdout.write(
        `Bedrock emulator listening on ${emulator.url}\n` +
          `Point clients at it with:\n` +
          `  export AWS_ENDPOINT_URL_BEDROCK=${emulator.url}\n` +
          `  export AWS_ENDPOINT_URL_STS=${emulator.url}\n` +
          `Controls: POST ${emulator.url}/_emulator/<method> with a JSON array of arguments. Ctrl-C to stop.\n`,
      );
      await new Promise<void>((resolve) => {
        const stop = (): void => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          resolve();
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
      await emulator.close();
    });
}
