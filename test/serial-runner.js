/**
 * jest's own runner, marked serial: the scheduler runs a serial runner's files one at a time in
 * the main process, after the files of the other runner (the parallel group) have finished.
 */
const TestRunner = require('jest-runner').default;

class SerialRunner extends TestRunner {
  constructor(...args) {
    super(...args);
    // An own field: jest-runner declares `isSerial` as a class field, which would hide a getter.
    this.isSerial = true;
  }
}

module.exports = SerialRunner;
