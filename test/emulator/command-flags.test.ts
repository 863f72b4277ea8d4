/**
 * `bedrock-pt emulator` checks its flags and its state file before it listens: a bad value stops
 * it with exit 1 and a message, creates no directory and leaves an existing file as it was.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CLI } from '../e2e/harness';
import { itUnlessRoot } from '../support/unless-root';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** A valid run would listen until killed; the timeout turns that into a visible failure. */
function emulator(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, 'emulator', ...args],
      { timeout: 10_000, env: { PATH: process.env.PATH, NODE_NO_WARNINGS: '1' } },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout: String(stdout), stderr: String(stderr) });
      },
    );
  });
}

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bedrock-pt-emulator-flags-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

async function expectRefused(args: string[], message: RegExp): Promise<void> {
  const result = await emulator(args);
  expect(result.stderr).toMatch(message);
  expect(result.code).toBe(1);
  expect(result.stdout).not.toMatch(/listening/);
}

describe('--port', () => {
  it.each([['70000'], ['abc'], ['-1'], ['80.5'], ['']])('refuses --port %p', async (port) => {
    await expectRefused(['--port', port, '--state-file', path.join(dir, 's.json')], /--port.*expected an integer from 0 to 65535/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});

describe('--model-units-quota', () => {
  it.each([['haiku=1'], ['anthropic.claude-3-haiku-20240307-v1:0=1'], ['no-commitment-base=-1'], ['111111111111/us-east-1/no-commitment-custom']])(
    'refuses --model-units-quota %p, naming the quotas there are',
    async (quota) => {
      await expectRefused(
        ['--port', '0', '--model-units-quota', quota],
        /--model-units-quota.*(no model-unit quota for|expected \[ACCOUNT_ID\/REGION\/\]MODEL_ID=N)/,
      );
    },
  );
});

describe('--state-file', () => {
  it('refuses a file in a directory that does not exist, and does not create it', async () => {
    const missing = path.join(dir, 'no', 'such', 'dir');
    await expectRefused(['--port', '0', '--state-file', path.join(missing, 's.json')], /--state-file .*directory .*no\/such\/dir does not exist/);
    expect(fs.existsSync(path.join(dir, 'no'))).toBe(false);
  });

  it('refuses a directory', async () => {
    await expectRefused(['--port', '0', '--state-file', dir], /--state-file .* is a directory/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  itUnlessRoot('refuses a directory it cannot write to', async () => {
    const readOnly = path.join(dir, 'ro');
    fs.mkdirSync(readOnly, { mode: 0o555 });
    await expectRefused(['--port', '0', '--state-file', path.join(readOnly, 's.json')], /--state-file .*ro is not writable/);
    expect(fs.readdirSync(readOnly)).toEqual([]);
  });

  it.each([
    ['not JSON', '{"version": 1, "pts": ', /is not valid JSON/],
    ['a future version', JSON.stringify({ version: 2 }), /is not an emulator state \(version: /],
    ['a PT with text model units', JSON.stringify({ version: 1, pts: { a: { modelUnits: 'two' } } }), /is not an emulator state \(pts\.a\./],
    ['a list', '[]', /is not an emulator state \(\(top level\)/],
  ])('refuses a state file that is %s, naming the file, and leaves it as it was', async (_what, text, problem) => {
    const file = path.join(dir, 'cloud.json');
    fs.writeFileSync(file, text);
    const result = await emulator(['--port', '0', '--state-file', file]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`^Error: emulator state file ${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} `));
    expect(result.stderr).toMatch(problem);
    expect(fs.readFileSync(file, 'utf8')).toBe(text);
    expect(fs.readdirSync(dir)).toEqual(['cloud.json']);
  });
});
