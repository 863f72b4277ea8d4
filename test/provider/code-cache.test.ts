/**
 * On a Node without a module compile cache (20), the provider keeps V8's compiled code for its
 * resources bundle between starts, in a cache directory (never beside the installed provider,
 * whose files Terraform checksums); a cache V8 cannot use, or none at all, only means compiling
 * as usual. On Node 22.1+ it leaves that to Node's own cache, which the launcher turns on.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { removeTempDirs, tempDir } from '../e2e/harness';
import { describeUnlessMissing } from './harness';

const ROOT = path.resolve(__dirname, '../..');
const RESOURCES = path.join(ROOT, 'dist/provider/bedrockpt-resources.js');
const CODE_CACHE = path.join(ROOT, 'dist/src/provider/code-cache.js');
const nativeCache = typeof (require('node:module') as { enableCompileCache?: unknown }).enableCompileCache === 'function';

afterAll(removeTempDirs);

/** A fresh process loads the resources bundle the way the provider does; returns how the cache was used. */
function start(cacheDir: string): string {
  const script = `const r = require(${JSON.stringify(CODE_CACHE)}).requireWithCodeCache(${JSON.stringify(RESOURCES)});
if (typeof r.exports.createBedrockptProvider !== 'function') throw new Error('the bundle did not load');
process.stdout.write(r.cache);`;
  return execFileSync(process.execPath, ['-e', script], {
    env: { ...process.env, BEDROCK_PT_CODE_CACHE: cacheDir, NODE_DISABLE_COMPILE_CACHE: '' },
    encoding: 'utf8',
  });
}

const cacheFiles = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir) : []);

describeUnlessMissing(
  'the resources bundle on a Node without a module compile cache',
  nativeCache ? [`a Node.js without module.enableCompileCache (this is ${process.version}; the Node 20 pass runs it)`] : [],
  () => {
    it('is compiled and cached on the first start and loaded from the cache on the next', () => {
      const dir = path.join(tempDir(), 'cache');
      expect(start(dir)).toBe('written');
      expect(cacheFiles(dir)).toEqual([expect.stringMatching(/^bedrockpt-resources-[0-9a-f]{24}\.v8$/)]);
      expect(start(dir)).toBe('hit');
      expect(start(dir)).toBe('hit');
    });

    it('loads, and caches afresh, when the cached code is damaged', () => {
      const dir = path.join(tempDir(), 'cache');
      start(dir);
      const [file] = cacheFiles(dir);
      fs.writeFileSync(path.join(dir, file), 'not V8 code');
      expect(start(dir)).toBe('written');
      expect(start(dir)).toBe('hit');
    });

    it('loads without caching when the cache directory cannot be made', () => {
      const blocker = path.join(tempDir(), 'a-file');
      fs.writeFileSync(blocker, '');
      expect(start(path.join(blocker, 'cache'))).toBe('unwritten');
    });

    it('neither reads nor writes a cache in a directory others can write to', () => {
      const dir = path.join(tempDir(), 'cache');
      start(dir);
      fs.chmodSync(dir, 0o777);
      expect(start(dir)).toBe('unwritten');
      fs.chmodSync(dir, 0o700);
      expect(start(dir)).toBe('hit');
    });
  },
);

describeUnlessMissing('the resources bundle on a Node with a module compile cache', nativeCache ? [] : [`Node.js >= 22.1 (this is ${process.version})`], () => {
  it("is left to Node's own cache", () => {
    const dir = path.join(tempDir(), 'cache');
    expect(start(dir)).toBe('native');
    expect(cacheFiles(dir)).toEqual([]);
  });
});
