/**
 * `plan --json` and `apply --json` through the real CLI against the emulator: one JSON object
 * per line in the shape of Terraform's machine-readable UI, with the same counts as the text
 * view; `apply --json` without --auto-approve and unwritable output paths are refused before
 * any request is sent.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { HAIKU_PT, DEV, DEV_CUSTOM, cli, emulatorPerFile } from './harness';
import { itUnlessRoot } from '../support/unless-root';

const shared = emulatorPerFile();
const run = (args: string[], env: NodeJS.ProcessEnv = {}) => cli(args, { cwd: shared.project.dir, env: { ...shared.project.env, ...env } });
const synth = () => ['--all', '--synth-dir', shared.project.synthDir];

/** Every stdout line parsed; fails the test on a line that is not one JSON object. */
function jsonLines(stdout: string): Record<string, any>[] {
  return stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const parsed = JSON.parse(line);
      expect(typeof parsed).toBe('object');
      return parsed;
    });
}

/** "Plan: 1 to add, 2 to change, 1 to destroy. (1 blocked)" as numbers. */
function textCounts(stdout: string): { add: number; change: number; remove: number; blocked: number } {
  const m = stdout.match(/Plan: (?:(\d+) to import, )?(\d+) to add, (\d+) to change, (\d+) to destroy\.(?: \((\d+) blocked\))?/);
  if (!m) throw new Error(`no Plan: line in\n${stdout}`);
  return { add: Number(m[2]), change: Number(m[3]), remove: Number(m[4]), blocked: Number(m[5] ?? 0) };
}

describe('plan --json', () => {
  beforeEach(async () => {
    shared.project.write({
      dev: {
        pts: {
          committed: { name: 'dev-committed', model: HAIKU_PT, units: 1, commitment: 'OneMonth' },
          chat: { name: 'dev-chat', model: DEV_CUSTOM, units: 1 },
          sized: { name: 'dev-sized', model: DEV_CUSTOM, units: 1 },
        },
      },
    });
    const first = await run(['apply', ...synth(), '--auto-approve']);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    // A blocked delete (committed), a rename, a replace (units) and a create; room for the units bought.
    shared.emulator.setModelUnitsQuota(DEV.account, DEV.region, 'no-commitment-custom', 4);
    shared.project.write({
      dev: {
        pts: {
          chat: { name: 'dev-chat-renamed', model: DEV_CUSTOM, units: 1 },
          sized: { name: 'dev-sized', model: DEV_CUSTOM, units: 2 },
          fresh: { name: 'dev-fresh', model: DEV_CUSTOM, units: 1 },
        },
      },
    });
  });

  it('prints one JSON object per line, each with type, @level, @message, @module and @timestamp, and no ANSI codes', async () => {
    const result = await run(['plan', ...synth(), '--json'], { FORCE_COLOR: '1' });
    expect(result.code).toBe(1);
    expect(result.stdout).not.toMatch(/\u001b\[/);
    const lines = jsonLines(result.stdout);
    expect(lines[0].type).toBe('version');
    for (const line of lines) {
      expect(typeof line.type).toBe('string');
      expect(['info', 'warn', 'error']).toContain(line['@level']);
      expect(typeof line['@message']).toBe('string');
      expect(line['@module']).toBe('bedrock-pt.ui');
      expect(Number.isNaN(Date.parse(line['@timestamp']))).toBe(false);
    }
    expect(lines.at(-1)!.type).toBe('change_summary');
  });

  it('gives a change_summary equal to the counts the text view prints for the same stack', async () => {
    const text = await run(['plan', ...synth()]);
    const json = await run(['plan', ...synth(), '--json']);
    const expected = textCounts(text.stdout);
    const summary = jsonLines(json.stdout).find((l) => l.type === 'change_summary')!;
    expect(summary.changes).toEqual({ add: expected.add, change: expected.change, import: 0, remove: expected.remove, operation: 'plan' });
    expect(summary.bedrock_pt.blocked).toBe(expected.blocked);
    expect(expected).toEqual({ add: 2, change: 1, remove: 2, blocked: 1 });
    expect(summary.bedrock_pt.replace).toBe(1);
    expect(summary['@message']).toBe(text.stdout.match(/Plan: [^\n]*/)![0]);
  });

  it("names each planned change with Terraform's action word and says why a blocked one is blocked", async () => {
    const lines = jsonLines((await run(['plan', ...synth(), '--json'])).stdout);
    const changes = Object.fromEntries(lines.filter((l) => l.type === 'planned_change').map((l) => [l.change.resource.resource_name, l]));
    expect(changes.chat.change.action).toBe('update');
    expect(changes.sized.change.action).toBe('replace');
    expect(changes.fresh.change.action).toBe('create');
    expect(changes.committed.change.action).toBe('delete');
    expect(changes.committed.bedrock_pt.blocked).toBe(true);
    expect(changes.committed.bedrock_pt.blocked_by[0].code).toBe('commitment-not-expired');
    const errors = lines.filter((l) => l.type === 'diagnostic' && l.diagnostic.severity === 'error');
    expect(errors.map((e) => e.diagnostic.address)).toContain('aws_bedrock_provisioned_model_throughput.committed');
  });
});

describe('apply --json', () => {
  beforeEach(() => {
    shared.project.write({
      dev: { pts: { support_chat: { name: 'dev-json-chat', model: DEV_CUSTOM, units: 1 }, other: { name: 'dev-json-other', model: DEV_CUSTOM, units: 1 } } },
    });
  });

  it('refuses without --auto-approve, with exit 1 and no request sent', async () => {
    const before = shared.emulator.requests().length;
    const result = await run(['apply', ...synth(), '--json']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/--json needs --auto-approve/);
    expect(shared.emulator.requests().length).toBe(before);
  });

  it('ends the stream with the error as a diagnostic line, so a pipeline reading stdout learns why it stopped', async () => {
    const result = await run(['apply', ...synth(), '--json']);
    const last = jsonLines(result.stdout).at(-1)!;
    expect(last).toMatchObject({
      type: 'diagnostic',
      '@level': 'error',
      diagnostic: { severity: 'error', summary: expect.stringMatching(/--json needs --auto-approve/) },
    });
    expect(result.stderr).toMatch(/^Error: .*--json needs --auto-approve/);
  });

  it('streams apply lines ending in a summary whose counts match the text apply summary', async () => {
    const result = await run(['apply', ...synth(), '--json', '--auto-approve']);
    expect(result.code).toBe(0);
    const lines = jsonLines(result.stdout);
    const types = lines.map((l) => l.type);
    expect(types.filter((t) => t === 'apply_start')).toHaveLength(2);
    expect(types.filter((t) => t === 'apply_complete')).toHaveLength(2);
    expect(types).toContain('apply_progress');
    const last = lines.at(-1)!;
    expect(last.type).toBe('change_summary');
    expect(last.changes).toEqual({ add: 2, change: 0, import: 0, remove: 0, operation: 'apply' });
    expect(last['@message']).toBe('Apply complete! Resources: 2 added, 0 changed, 0 destroyed.');

    // The same kind of change through the text view: one rename each, counted alike.
    shared.project.write({
      dev: {
        pts: { support_chat: { name: 'dev-json-chat-2', model: DEV_CUSTOM, units: 1 }, other: { name: 'dev-json-other-2', model: DEV_CUSTOM, units: 1 } },
      },
    });
    const text = await run(['apply', ...synth(), '--auto-approve']);
    shared.project.write({
      dev: {
        pts: { support_chat: { name: 'dev-json-chat-3', model: DEV_CUSTOM, units: 1 }, other: { name: 'dev-json-other-3', model: DEV_CUSTOM, units: 1 } },
      },
    });
    const json = jsonLines((await run(['apply', ...synth(), '--json', '--auto-approve'])).stdout).at(-1)!;
    expect(text.stdout).toContain(json['@message']);
    expect(json.changes).toMatchObject({ add: 0, change: 2, remove: 0 });
  });
});

describe('unwritable output paths', () => {
  beforeEach(() => shared.project.write({ dev: { pts: { support_chat: { name: 'dev-support-chat', model: DEV_CUSTOM, units: 1 } } } }));

  it.each([
    ['--markdown', '/no/such/dir/x.md', /--markdown \/no\/such\/dir\/x\.md: the directory \/no\/such\/dir does not exist/],
    ['--out', '/no/such/dir/plan.json', /--out \/no\/such\/dir\/plan\.json: the directory \/no\/such\/dir does not exist/],
    ['--markdown', '.', /--markdown \.: it is a directory/],
  ])('%s %s fails before the refresh, with nothing sent', async (flag, file, message) => {
    const before = shared.emulator.requests().length;
    const result = await run(['plan', ...synth(), flag, file]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
    expect(shared.emulator.requests().length).toBe(before);
  });

  itUnlessRoot('refuses a file in a directory without write permission', async () => {
    const dir = path.join(shared.project.dir, 'locked');
    fs.mkdirSync(dir, { mode: 0o500 });
    const before = shared.emulator.requests().length;
    const result = await run(['plan', ...synth(), '--markdown', path.join(dir, 'x.md')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/is not writable/);
    expect(shared.emulator.requests().length).toBe(before);
  });
});
