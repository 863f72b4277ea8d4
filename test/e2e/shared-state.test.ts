/**
 * Two stacks of one app on one state file: each would take the other's PTs for removed from its
 * configuration. Refused before any lock, read or call, naming both stacks and the file — not
 * reported as a lock held by the same run with a force-unlock hint.
 */
import * as fs from 'node:fs';
import { DEV_CUSTOM, HAIKU_PT, STAGING, cli, emulatorPerFile, stackDocument } from './harness';
import { lockPathFor } from '../../src/engine/state';

const shared = emulatorPerFile();

function writeSharing(): string {
  const { project, emulator } = shared;
  const file = project.statePath('shared');
  project.write({
    dev: JSON.stringify(stackDocument({ pts: { chat: { name: 'ss-dev', model: DEV_CUSTOM, units: 1 } } }, emulator.url, file)),
    staging: JSON.stringify(
      stackDocument({ who: STAGING, pts: { chat: { name: 'ss-staging', model: HAIKU_PT, units: 1, commitment: 'OneMonth' } } }, emulator.url, file),
    ),
  });
  return file;
}

describe('two stacks sharing one state file', () => {
  it.each([[['plan', '--all']], [['plan', '--stack', 'dev']], [['apply', '--all', '--auto-approve']], [['state', 'list', '--stack', 'staging']]])(
    '%j is refused before anything is locked, read or sent',
    async (args) => {
      const file = writeSharing();
      const { project, emulator } = shared;
      const out = await cli([...args, '--synth-dir', project.synthDir], { cwd: project.dir, env: project.env });
      expect(out.code).toBe(1);
      expect(out.stderr).toBe(
        `Error: stacks dev and staging share one state file, ${file}; each stack needs its own, or each would plan the other's PTs as removed from its configuration and delete them. ` +
          "Give each stack its own local backend path: drop the shared path from their LocalBackend (cdktf's default is terraform.<stack>.tfstate), or set a different path on each\n",
      );
      expect(out.stderr).not.toContain('force-unlock');
      expect(fs.existsSync(file)).toBe(false);
      expect(fs.existsSync(lockPathFor(file))).toBe(false);
      expect(emulator.requests()).toEqual([]);
    },
  );
});
