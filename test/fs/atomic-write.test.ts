import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeFileAtomic, writeFileAtomicSync } from '../../src/engine/fs/atomic-write';
import { itUnlessRoot } from '../support/unless-root';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bedrock-pt-atomic-'));
});
afterEach(() => {
  fs.chmodSync(dir, 0o755);
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('writeFileAtomicSync', () => {
  it('replaces the file and leaves no temp file behind', () => {
    const file = path.join(dir, 'state.json');
    fs.writeFileSync(file, 'old');
    writeFileAtomicSync(file, 'new');
    expect(fs.readFileSync(file, 'utf8')).toBe('new');
    expect(fs.readdirSync(dir)).toEqual(['state.json']);
  });

  it('keeps the mode of the file it replaces', () => {
    const file = path.join(dir, 'state.json');
    fs.writeFileSync(file, 'old');
    fs.chmodSync(file, 0o640);
    writeFileAtomicSync(file, 'new', { mode: 0o600 });
    expect(fs.statSync(file).mode & 0o777).toBe(0o640);
  });

  it('gives a new file the mode asked for', () => {
    const file = path.join(dir, 'plan.json');
    writeFileAtomicSync(file, 'x', { mode: 0o600 });
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('leaves the old file intact when the rename fails, and removes its temp file', () => {
    // A directory where the file should be: the temp file is written, the rename over it fails.
    const target = path.join(dir, 'state.json');
    fs.mkdirSync(target);
    fs.writeFileSync(path.join(target, 'inside'), 'old');
    expect(() => writeFileAtomicSync(target, 'new')).toThrow(/EISDIR|ENOTEMPTY|EEXIST/);
    expect(fs.readdirSync(dir)).toEqual(['state.json']);
    expect(fs.readFileSync(path.join(target, 'inside'), 'utf8')).toBe('old');
  });

  itUnlessRoot('leaves the old file intact when its directory cannot be written', async () => {
    const file = path.join(dir, 'state.json');
    fs.writeFileSync(file, 'old');
    fs.chmodSync(dir, 0o555);
    await expect(writeFileAtomic(file, 'new')).rejects.toThrow(/EACCES/);
    expect(fs.readFileSync(file, 'utf8')).toBe('old');
    expect(fs.readdirSync(dir)).toEqual(['state.json']);
  });
});
