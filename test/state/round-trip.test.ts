/**
 * Everything in a state file that bedrock-pt does not own comes out exactly as it went in:
 * integers above 2^53, floats written as 1.0, map keys in their written order ("10", "2", "b",
 * which a JS object would reorder), unicode escapes, unknown top-level keys.
 */
import * as fs from 'node:fs';
import { loadState, openStateSession } from '../../src/engine/state';
import { PT, copyFixture, managedPt, tempDir } from './state-helpers';

const ADDRESS = `${PT}.support_chat`;

/** The text between two markers of a state file, as written. */
function between(text: string, from: string, to: string): string {
  const start = text.indexOf(from);
  const end = text.indexOf(to, start);
  if (start < 0 || end < 0) throw new Error(`no ${from} … ${to} in the text`);
  return text.slice(start, end);
}

async function rewrite(file: string, mutate: Parameters<Awaited<ReturnType<typeof openStateSession>>['update']>[0]): Promise<string> {
  const session = await openStateSession(file, { stack: 'dev', operation: 'apply' });
  try {
    await session.update(mutate);
  } finally {
    await session.release();
  }
  return fs.readFileSync(file, 'utf8');
}

describe('state round-trips', () => {
  it('writes outputs, other resources and unknown keys back exactly as read when a PT changes', async () => {
    const file = copyFixture('lossless.tfstate');
    const original = fs.readFileSync(file, 'utf8');
    const written = await rewrite(file, (m) => {
      m.pts[ADDRESS].tags = { CostCenter: 'cc-9999' };
    });

    expect(between(written, '"outputs"', '"resources"')).toBe(between(original, '"outputs"', '"resources"'));
    expect(between(written, '"type": "terraform_data"', '"check_results"')).toBe(between(original, '"type": "terraform_data"', '"check_results"'));
    expect(between(written, '"check_results"', '\n}')).toBe(between(original, '"check_results"', '\n}'));
    for (const literal of [
      '9007199254740993',
      '"value": 1.0,',
      '1e-400',
      '-12345678901234567890',
      '20000000000000000001',
      '3.10',
      'caf\\u00e9 \\u003ctag\\u003e \\u0026 \\ud83d\\ude00',
    ]) {
      expect(written).toContain(literal);
    }
    expect(between(written, '"by_key"', '"type"')).toMatch(/"10": "ten",\s+"2": "two",\s+"b": "bee"/);
    expect((await loadState(file)).managed.pts[ADDRESS].tags).toEqual({ CostCenter: 'cc-9999' });
  });

  it('changes nothing but the serial when a PT is added and removed again', async () => {
    const file = copyFixture('lossless.tfstate');
    const original = fs.readFileSync(file, 'utf8');
    await rewrite(file, (m) => {
      m.pts[`${PT}.batch`] = managedPt({ address: `${PT}.batch`, name: 'dev-batch' });
    });
    const written = await rewrite(file, (m) => {
      delete m.pts[`${PT}.batch`];
    });
    expect(written).toBe(original.replace('"serial": 4,', '"serial": 6,').trimEnd());
  });

  it("writes a PT tag map with integer-like keys in Terraform's sorted order", async () => {
    const file = copyFixture('lossless.tfstate');
    const written = await rewrite(file, (m) => {
      m.pts[ADDRESS].tags = { b: 'bee', 10: 'ten', 2: 'two' };
    });
    const tags = between(written, '"tags": {', '}');
    expect(tags.match(/"[^"]+":/g)).toEqual(['"tags":', '"10":', '"2":', '"b":']);
  });
});

describe('empty state file', () => {
  it('is no state, as for Terraform: nothing exists yet and the first write fixes the lineage', async () => {
    const file = `${tempDir()}/terraform.dev.tfstate`;
    fs.writeFileSync(file, '\n');
    const loaded = await loadState(file);
    expect(loaded.exists).toBe(false);

    const session = await openStateSession(file, { stack: 'dev', operation: 'apply' });
    expect(session.exists).toBe(false);
    await session.update((m) => {
      m.pts[ADDRESS] = managedPt();
    });
    const lineage = session.lineage;
    await session.release();
    expect((await loadState(file)).managed).toMatchObject({ lineage, serial: 1 });
    expect((await loadState(file)).exists).toBe(true);
  });
});
