/** jest's own order (failed first, then slowest by its timing cache, then largest), with SLOW_FIRST (test/groups.js) ahead of it. */
const path = require('node:path');
const Sequencer = require('@jest/test-sequencer').default;
const { SLOW_FIRST } = require('./groups');

const ROOT = path.resolve(__dirname, '..');

function rank(test) {
  const file = path.relative(ROOT, test.path);
  const at = SLOW_FIRST.findIndex((entry) => file.startsWith(entry));
  return at < 0 ? SLOW_FIRST.length : at;
}

class SlowFirstSequencer extends Sequencer {
  sort(tests) {
    // Array.prototype.sort is stable: within a rank, jest's order stays.
    return [...super.sort(tests)].sort((a, b) => rank(a) - rank(b));
  }
}

module.exports = SlowFirstSequencer;
