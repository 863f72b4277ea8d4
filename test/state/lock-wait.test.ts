import { formatDuration, parseDuration } from '../../src/engine/duration';
import { retryUntilFree } from '../../src/engine/state/lock-wait';

describe('parseDuration (Terraform -lock-timeout syntax)', () => {
  it.each([
    ['0', 0],
    ['0s', 0],
    ['500ms', 500],
    ['10s', 10_000],
    ['1.5s', 1500],
    ['1m', 60_000],
    ['1m30s', 90_000],
    ['1h2m3s', 3_723_000],
  ])('reads %j as %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', '10', 's', '1x', '-1s', '1s ms', '1 m'])('refuses %j as a usage error', (text) => {
    expect(() => parseDuration(text)).toThrow(expect.objectContaining({ kind: 'usage' }));
  });
});

describe('formatDuration', () => {
  it.each([
    [300, '300ms'],
    [1234, '1.2s'],
    [90_000, '1m30s'],
    [120_000, '2m'],
  ])('writes %d ms as %j', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe('retryUntilFree', () => {
  it('tries once when the timeout is 0', async () => {
    let calls = 0;
    const result = await retryUntilFree(async () => (calls++, null), 0);
    expect(result.value).toBeNull();
    expect(calls).toBe(1);
  });

  it('keeps trying until the attempt yields a value', async () => {
    let calls = 0;
    const result = await retryUntilFree(async () => (++calls === 3 ? 'lock' : null), 5000);
    expect(result.value).toBe('lock');
    expect(calls).toBe(3);
  });

  it('stops at the deadline', async () => {
    const result = await retryUntilFree(async () => null, 200);
    expect(result.value).toBeNull();
    expect(result.waitedMs).toBeGreaterThanOrEqual(200);
    expect(result.waitedMs).toBeLessThan(1000);
  });
});
