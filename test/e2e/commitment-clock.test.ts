/**
 * Whether a commitment has ended is judged by this machine's clock, and Bedrock judges it by
 * its own. With the local clock a few minutes ahead at the end of a term, a plan must not offer a
 * delete that Bedrock still refuses: it stays blocked, with the time left, until the end is past
 * by the SigV4 skew window. The emulator keeps Bedrock's own rule: no margin.
 */
import * as path from 'node:path';
import { DeleteProvisionedModelThroughputCommand } from '@aws-sdk/client-bedrock';
import { HAIKU_PT, ROOT, SynthProject, cli, devBedrockClient, emulatorPerFile, mutatingCalls } from './harness';

const shared = emulatorPerFile();
const SKEWED_CLOCK = path.join(ROOT, 'dist/test/support/skewed-clock.js');
const MINUTE = 60_000;

let project: SynthProject;
/** The CLI with a clock that shows `localNowMs` (the emulator keeps the real one, plus its offset). */
const runAt = (localNowMs: number, ...args: string[]) =>
  cli([...args, '--synth-dir', project.synthDir, '--stack', 'dev'], {
    cwd: project.dir,
    env: { ...project.env, NODE_OPTIONS: `--require ${SKEWED_CLOCK}`, BEDROCK_PT_TEST_CLOCK_SKEW_MS: String(localNowMs - Date.now()) },
  });

describe('a committed PT at the end of its term, planned by a clock that runs ahead', () => {
  it('is blocked with the time left while Bedrock may not be there yet, and deleted once the end is safely past', async () => {
    const { emulator } = shared;
    project = shared.project;
    project.write({ dev: { pts: { chat: { name: 'cc-chat', model: HAIKU_PT, units: 1, commitment: 'OneMonth' } } } });
    expect((await cli(['apply', '--auto-approve', '--synth-dir', project.synthDir, '--stack', 'dev'], { cwd: project.dir, env: project.env })).code).toBe(0);
    const endMs = Date.parse(String(emulator.inventory()[0].commitmentExpirationTime));
    project.write({ dev: { pts: {} } });
    // Bedrock's clock: one minute before the end. This machine's: two minutes after it.
    emulator.advance(endMs - MINUTE - emulator.now().getTime());
    emulator.resetRequests();

    const early = await runAt(endMs + 2 * MINUTE, 'plan');
    expect(early.code).toBe(1);
    expect(early.stderr).toMatch(
      /Cannot be destroyed: the OneMonth commitment of "cc-chat" ended at .+ by this machine's clock, but Bedrock's clock may not be there yet: the delete is planned from .+ \((2m\d*s|3m) left; 5 minutes after the end, the clock skew SigV4 allows\)/,
    );
    const refused = await runAt(endMs + 2 * MINUTE, 'apply', '--auto-approve');
    expect(refused.code).toBe(1);
    expect(mutatingCalls(emulator)).toEqual([]);
    // Bedrock itself refuses now: the planner's margin is its own, the emulator's rule has none.
    const direct = await devBedrockClient(emulator)
      .send(new DeleteProvisionedModelThroughputCommand({ provisionedModelId: emulator.inventory()[0].provisionedModelArn }))
      .catch((e: Error) => e);
    expect((direct as Error).name).toBe('ValidationException');

    // Both clocks past the end by more than the window: the delete is planned and Bedrock takes it.
    emulator.advance(7 * MINUTE);
    const applied = await runAt(endMs + 6 * MINUTE, 'apply', '--auto-approve');
    expect(applied.stderr).toBe('');
    expect(applied.code).toBe(0);
    expect(emulator.inventory()).toEqual([]);
  }, 60_000);
});
