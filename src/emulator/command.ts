/** `bedrock-pt emulator`: run the emulator in the foreground until SIGINT/SIGTERM. */
import { Command, InvalidArgumentError } from 'commander';
import { checkStateFile, parsePort } from './command-options';
import type * as Start from './start';
import type * as Catalog from './catalog';
import type * as Quotas from './operations/quotas';

interface EmulatorCommandOptions {
  port: number;
  host: string;
  stateFile?: string;
  committedUnitsQuota?: number;
  modelUnitsQuota: Record<string, number>;
  account: string[];
}

function parseQuota(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a non-negative integer');
  return n;
}

/** `[ACCOUNT/REGION/]TARGET=N`: TARGET is a model ID sold as PT, no-commitment-base or no-commitment-custom. */
function collectQuota(value: string, previous: Record<string, number>): Record<string, number> {
  const match = /^((\d{12})\/([a-z0-9-]+)\/)?([^/=\s]+)=(\d+)$/.exec(value);
  if (!match) throw new InvalidArgumentError('expected [ACCOUNT_ID/REGION/]MODEL_ID=N, or no-commitment-base=N / no-commitment-custom=N');
  // Loaded only when the flag is used: every other command starts without the emulator's modules.
  const { DEFAULT_FOUNDATION_MODELS } = require('./catalog') as typeof Catalog;
  const { quotaTargets } = require('./operations/quotas') as typeof Quotas;
  const targets = quotaTargets(DEFAULT_FOUNDATION_MODELS);
  if (!targets.includes(match[4])) throw new InvalidArgumentError(`no model-unit quota for ${match[4]}; known: ${targets.join(', ')}`);
  const key = match[1] ? `${match[2]}/${match[3]}/${match[4]}` : match[4];
  return { ...previous, [key]: Number(match[5]) };
}

function collectAccount(value: string, previous: string[]): string[] {
  if (!/^[^=\s]+=\d{12}$/.test(value)) throw new InvalidArgumentError('expected ACCESS_KEY_ID=ACCOUNT_ID (12 digits)');
  return [...previous, value];
}

export function registerEmulatorCommand(program: Command): Command {
  return program
    .command('emulator')
    .description('Run a local Amazon Bedrock control-plane emulator (Provisioned Throughput APIs, STS GetCallerIdentity, Service Quotas for bedrock)')
    .option('--port <port>', 'port to listen on (0 picks a free one)', parsePort, 4599)
    .option('--host <host>', 'interface to bind', '127.0.0.1')
    .option('--state-file <file>', 'persist the emulated cloud here so separate runs see the same PTs')
    .option('--committed-units-quota <n>', 'committed model units allowed for every model in every account and region (AWS default 0)', parseQuota)
    .option(
      '--model-units-quota <quota>',
      'one model-unit quota: [ACCOUNT_ID/REGION/]MODEL_ID=N (committed units for that model), or no-commitment-base=N / no-commitment-custom=N (AWS default 2); repeatable',
      collectQuota,
      {},
    )
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
        modelUnitsQuotas: opts.modelUnitsQuota,
        accounts,
      });
      process.stdout.write(
        `Bedrock emulator listening on ${emulator.url}\n` +
          `Point clients at it with:\n` +
          `  export AWS_ENDPOINT_URL_BEDROCK=${emulator.url}\n` +
          `  export AWS_ENDPOINT_URL_STS=${emulator.url}\n` +
          `  export AWS_ENDPOINT_URL_SERVICE_QUOTAS=${emulator.url}\n` +
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
