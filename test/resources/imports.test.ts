import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..', '..');
// Loading the package root of @cdktf/provider-aws (or @cdktn/provider-aws) takes seconds; submodules keep synth fast.
const ROOT_IMPORT = /(from\s+|require\(\s*|import\(\s*)['"]@cdkt[fn]\/provider-aws['"]/;
// A statement importing either CDK library or its AWS provider bindings (not a mention in a string).
const CDK_IMPORT = /^\s*(import|export|const|let|var)\b.*(from\s+|require\(\s*|import\(\s*)['"](cdkt[fn]|@cdkt[fn]\/provider-aws)(\/[^'"]*)?['"]/m;

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
    expect(ROOT_IMPORT.test(`import * as aws from '@cdktn/provider-aws';`)).toBe(true);
  });

  it('the scan recognises an import of either CDK library', () => {
    for (const line of [`import { App } from 'cdktn';`, `import type { App } from "cdktf";`, `const aws = require('@cdktn/provider-aws/lib/provider');`])
      expect(CDK_IMPORT.test(line)).toBe(true);
    for (const line of [`import { App } from './cdk';`, `import { x } from 'cdktf-cli';`, `  return s.replace(/^import * as cdktf from 'cdktf';$/m, '')`]) {
      expect(CDK_IMPORT.test(line)).toBe(false);
    }
  });

  it("bedrock-pt's constructs take cdktf or cdktn from one module, src/resources/cdk.ts", () => {
    const offenders = tsFiles(join(ROOT, 'src', 'resources'))
      .filter((file) => CDK_IMPORT.test(readFileSync(file, 'utf8')))
      .map((file) => relative(ROOT, file));
    expect(offenders).toEqual(['src/resources/cdk.ts']);
  });

  it('no file under src/ or examples/ imports @cdktf/provider-aws or @cdktn/provider-aws from its package root', () => {
    const offenders = ['src', 'examples']
      .flatMap((dir) => tsFiles(join(ROOT, dir)))
      .filter((file) => ROOT_IMPORT.test(readFileSync(file, 'utf8')))
      .map((file) => relative(ROOT, file));
    expect(offenders).toEqual([]);
  });
});
