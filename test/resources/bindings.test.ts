/**
 * The committed cdktf bindings (src/resources/bedrockpt) are what `cdktf get` generates from the
 * provider's schema today: regenerated offline into a temp dir and compared file by file, so a
 * schema change without `node dist/src/resources/generate-bindings.js` fails here.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { BINDINGS_DIR, listFiles } from '../../src/resources/generate-bindings';
import { TERRAFORM } from '../provider/harness';

const ROOT = path.resolve(__dirname, '../..');
const describeWithTerraformBinary = TERRAFORM ? describe : describe.skip;
if (!TERRAFORM) process.stderr.write('SKIPPED "cdktf bindings match the provider schema": needs terraform on PATH\n');

function tree(dir: string): Record<string, string> {
  return Object.fromEntries(listFiles(dir).map((f) => [path.relative(dir, f), fs.readFileSync(f, 'utf8')]));
}

describeWithTerraformBinary('cdktf bindings match the provider schema', () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'bedrock-pt-bindings-test-'));
  afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

  it('regenerates exactly the committed bindings from `terraform providers schema` via cdktf get', () => {
    // The built script, as a user runs it: it installs the provider bundle that `npm run build` made.
    execFileSync(process.execPath, [path.join(ROOT, 'dist/src/resources/generate-bindings.js'), path.join(out, 'bedrockpt')], { stdio: 'pipe' });
    const generated = tree(path.join(out, 'bedrockpt'));
    const committed = tree(path.join(ROOT, BINDINGS_DIR));
    expect(Object.keys(committed)).toEqual(Object.keys(generated));
    for (const file of Object.keys(generated)) expect({ file, text: committed[file] }).toEqual({ file, text: generated[file] });
  }, 300_000);
});
