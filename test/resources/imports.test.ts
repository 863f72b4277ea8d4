import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..', '..');
// Loading the package root of @cdktf/provider-aws takes seconds; submodules keep synth fast.
const ROOT_IMPORT = /(from\s+|require\(\s*|import\(\s*)['"]@cdktf\/provider-aws['"]/;

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return tsFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

describe('provider imports', () => {
  it('the scan recognises a root import', () => {
    expect(ROOT_IMPORT.test(`import { provider } from '@cdktf/provider-aws';`)).toBe(true);
    expect(ROOT_IMPORT.test(`const aws = require("@cdktf/provider-aws")`)).toBe(true);
    expect(ROOT_IMPORT.test(`import { AwsProvider } from '@cdktf/provider-aws/lib/provider';`)).toBe(false);
  });

  it('no file under src/ or examples/ imports @cdktf/provider-aws from its package root', () => {
    const offenders = ['src', 'examples']
      .flatMap((dir) => tsFiles(join(ROOT, dir)))
      .filter((file) => ROOT_IMPORT.test(readFileSync(file, 'utf8')))
      .map((file) => relative(ROOT, file));
    expect(offenders).toEqual([]);
  });
});
