import { appErrorReport, MAX_REPORT_LINES, StderrHead, STDERR_KEEP_BYTES } from '../../src/engine/config/app-stderr';

/** What node 20 prints for `throw new Error('boom\nsecond line')` at the top of app.js. */
const UNCAUGHT = [
  '/tmp/p/app.js:1',
  "throw new Error('boom\\nsecond line');",
  '^',
  '',
  'Error: boom',
  'second line',
  '    at Object.<anonymous> (/tmp/p/app.js:1:7)',
  '    at Module._compile (node:internal/modules/cjs/loader:1364:14)',
  '    at Module._extensions..js (node:internal/modules/cjs/loader:1422:10)',
  '    at Module.load (node:internal/modules/cjs/loader:1203:32)',
  '    at node:internal/main/run_main_module:28:49',
  '',
  'Node.js v20.11.1',
  '',
].join('\n');

describe('appErrorReport', () => {
  it.each([
    [
      "drops node's code frame and trailer and keeps three frames",
      UNCAUGHT,
      'Error: boom\nsecond line\n    at Object.<anonymous> (/tmp/p/app.js:1:7)\n    at Module._compile (node:internal/modules/cjs/loader:1364:14)\n    at Module._extensions..js (node:internal/modules/cjs/loader:1422:10)\n    … (2 more frames)',
    ],
    [
      'keeps a report printed without a stack as written',
      '\n2 validation error(s):\n  dev/a: bad\n  dev/b: worse\n',
      '2 validation error(s):\n  dev/a: bad\n  dev/b: worse',
    ],
    ['strips colour codes', '\x1b[31mError: red\x1b[39m\n', 'Error: red'],
    ['gives nothing for no output', '  \n\n', ''],
  ])('%s', (_what, stderr, report) => {
    expect(appErrorReport(stderr)).toBe(report);
  });

  it('keeps the first lines of a long output and counts the rest, including lines never kept', () => {
    const stderr = Array.from({ length: MAX_REPORT_LINES + 10 }, (_, i) => `line ${i}`).join('\n');
    const lines = appErrorReport(stderr, 5).split('\n');
    expect(lines).toHaveLength(MAX_REPORT_LINES + 1);
    expect(lines[0]).toBe('line 0');
    expect(lines.at(-1)).toBe('… (15 more lines)');
  });
});

describe('StderrHead', () => {
  it('keeps the start of the output and counts the lines past its limit', () => {
    const head = new StderrHead();
    head.add('x'.repeat(STDERR_KEEP_BYTES - 2) + '\nab\ncd\nef\n');
    expect(head.text.startsWith('xxx')).toBe(true);
    expect(head.text).toHaveLength(STDERR_KEEP_BYTES);
    expect(head.linesNotKept).toBe(3);
  });
});
