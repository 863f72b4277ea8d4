/** Terminal widths: what fits in a row, cut and wrapped without breaking characters or escapes. */
import { displayWidth, fitToWidth, shortenMiddle, stripAnsi, wrapToWidth } from '../../src/cli/text-width';

describe('text width', () => {
  it('counts wide characters as two columns and escape sequences as none', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('名前')).toBe(4);
    expect(displayWidth('\x1b[1;31mok\x1b[0m')).toBe(2);
    expect(displayWidth('e\u0301')).toBe(1);
  });

  it('leaves text that fits alone and cuts the rest with an ellipsis', () => {
    expect(fitToWidth('short', 5)).toBe('short');
    expect(fitToWidth('longer', 5)).toBe('long…');
    expect(fitToWidth('名前名前', 5)).toBe('名前…');
  });

  it('shortens in the middle, keeping more of the end', () => {
    const label = 'dev/aws_bedrock_provisioned_model_throughput.support_chat';
    const short = shortenMiddle(label, 30);
    expect(displayWidth(short)).toBe(30);
    expect(short).toMatch(/^dev\/aws_b…\S+\.support_chat$/);
  });

  it('wraps at spaces, breaks a word wider than a row, and indents continuations', () => {
    const wrapped = wrapToWidth('  item: one two three four five six', 12);
    expect(wrapped.split('\n')).toEqual(['  item: one', '    two', '    three', '    four', '    five six']);
    const long = wrapToWidth('  dev/aws_bedrock_provisioned: next', 16);
    expect(long.split('\n').every((row) => displayWidth(row) <= 16)).toBe(true);
    expect(long.replace(/\n\s*/g, '')).toBe('  dev/aws_bedrock_provisioned: next');
  });

  it('strips escape sequences and nothing else', () => {
    expect(stripAnsi('\x1b[2K\x1b[3A\x1b[32m+ create\x1b[0m 名前')).toBe('+ create 名前');
  });
});
