#!/usr/bin/env node
/** bedrock-pt: plan and apply Amazon Bedrock Provisioned Throughput from cdktf code. */
import './compile-cache';
import { Command, CommanderError } from 'commander';
import { BedrockPtError } from '../engine/errors';
import { ExitCode } from './io';
import { wantsJsonLines, writeFatalError } from './error-output';
import { processStreams } from './views/streams';
import { registerPlan } from './commands/plan';
import { registerApply } from './commands/apply';
import { registerShow } from './commands/show';
import { registerReview } from './commands/review';
import { registerStateCommands } from './commands/state';
import { registerEmulatorCommand } from '../emulator/command';
import { registerProviderCommand } from '../provider/install';
import { VERSION } from '../version';
import { longOptionNames, normalizeTerraformFlags } from './terraform-flags';

export function buildProgram(): Command {
  const program = new Command('bedrock-pt')
    .version(VERSION)
    .description(
      'Plan and apply Amazon Bedrock Provisioned Throughput declared in CDK for Terraform code. ' +
        'Reads the synthesized stacks and their Terraform state, refreshes live PTs, and plans ' +
        'create / update in place / replace / delete — refusing what Bedrock cannot do, such as ' +
        'deleting a PT before its commitment term ends.',
    )
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerPlan(program);
  registerApply(program);
  registerShow(program);
  registerReview(program);
  registerStateCommands(program);
  registerEmulatorCommand(program);
  registerProviderCommand(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  let json = false;
  try {
    const program = buildProgram();
    const args = normalizeTerraformFlags(argv, longOptionNames(program));
    json = wantsJsonLines(args);
    await program.parseAsync(args);
    return 0;
  } catch (err) {
    if (err instanceof ExitCode) return err.code;
    if (err instanceof CommanderError) {
      return err.exitCode === 0 ? 0 : 1;
    }
    writeFatalError(processStreams(), err, { jsonLines: json });
    if (!(err instanceof BedrockPtError) && process.env.BEDROCK_PT_DEBUG) process.stderr.write(`${(err as Error)?.stack}\n`);
    return 1;
  }
}

if (require.main === module) {
  // The SDK warns on every run that it will need Node 22 from 2027; docs/limits.md says so once instead.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  main(process.argv).then(exitWhenWritten, () => exitWhenWritten(1));
}

/**
 * A command that has said it is done ends the process, once its output is written. Waiting for
 * the event loop to drain is not enough: a library timer can outlive the run (smithy's waiter
 * sleeps out its backoff step after an abort, up to 30 s) and keep a finished apply alive.
 */
function exitWhenWritten(code: number): void {
  let open = 2;
  const written = () => {
    if (--open === 0) process.exit(code);
  };
  process.stdout.write('', written);
  process.stderr.write('', written);
}
