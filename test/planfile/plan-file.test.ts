import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canonicalJson, sha256Hex } from '../../src/engine/canonical';
import { BedrockPtError } from '../../src/engine/errors';
import { PLAN_FORMAT_VERSION, type PlanFile } from '../../src/engine/model';
import { buildPlanFile, planKeyFromEnv, readPlanFile, serializePlanFile, writePlanFile } from '../../src/engine/planfile';
import { everyActionPlans } from '../render/plan-builders';

const TOOL = 'bedrock-pt 0.1.0';
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bedrock-pt-planfile-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function planPath(pf: PlanFile): string {
  const path = join(dir, 'plan.json');
  writePlanFile(path, pf);
  return path;
}

function refusal(fn: () => unknown): BedrockPtError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(BedrockPtError);
    expect((err as BedrockPtError).kind).toBe('plan-file');
    expect((err as BedrockPtError).message).not.toContain('\n');
    return err as BedrockPtError;
  }
  throw new Error('expected the plan file to be refused');
}

/** Rewrites the file's JSON, optionally re-sealing the checksum as a tamperer would. */
function tamper(path: string, edit: (pf: Record<string, any>) => void, reseal = false): void {
  const pf = JSON.parse(readFileSync(path, 'utf8'));
  edit(pf);
  if (reseal) {
    const { sha256: _s, signature: _g, ...content } = pf;
    pf.sha256 = sha256Hex(canonicalJson(content));
  }
  writeFileSync(path, JSON.stringify(pf, null, 2));
}

describe('plan file', () => {
  it('serializes the same plan to the same bytes, whatever the key order of the input', () => {
    const plans = everyActionPlans();
    const shuffled = JSON.parse(JSON.stringify(plans), (_k, v) =>
      v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v,
    );
    const a = serializePlanFile(buildPlanFile(plans, { tool: TOOL, key: 'k1-secret-key' }));
    const b = serializePlanFile(buildPlanFile(shuffled, { tool: TOOL, key: 'k1-secret-key' }));
    expect(a).toBe(b);
    expect(a.endsWith('}\n')).toBe(true);
    expect(a.split('\n')[1]).toMatch(/^ {2}"format": "bedrock-pt-plan",$/);
  });

  it('round-trips an unsigned plan through write and read', () => {
    const pf = buildPlanFile(everyActionPlans(), { tool: TOOL });
    expect(pf.signature).toBeUndefined();
    const back = readPlanFile(planPath(pf));
    expect(back).toEqual(pf);
    expect(back.formatVersion).toBe(PLAN_FORMAT_VERSION);
  });

  it('writes atomically, leaving no temp file behind, and overwrites an older plan', () => {
    const path = planPath(buildPlanFile([], { tool: TOOL }));
    const pf = buildPlanFile(everyActionPlans(), { tool: TOOL });
    writePlanFile(path, pf);
    expect(readdirSync(dir)).toEqual(['plan.json']);
    expect(readPlanFile(path).stacks).toHaveLength(3);
  });

  it('verifies a plan signed with the same key', () => {
    const pf = buildPlanFile(everyActionPlans(), { tool: TOOL, key: 'team-key-123' });
    expect(pf.signature).toMatch(/^[0-9a-f]{64}$/);
    expect(readPlanFile(planPath(pf), { key: 'team-key-123' }).signature).toBe(pf.signature);
  });

  it('refuses a plan edited after it was written', () => {
    const path = planPath(buildPlanFile(everyActionPlans(), { tool: TOOL }));
    tamper(path, (pf) => {
      pf.stacks[2].changes[1].blocked = false;
    });
    expect(refusal(() => readPlanFile(path)).message).toBe(`plan file ${path} was edited after it was written (checksum mismatch); plan again`);
  });

  it('refuses an unsigned plan when a key is set', () => {
    const path = planPath(buildPlanFile(everyActionPlans(), { tool: TOOL }));
    expect(refusal(() => readPlanFile(path, { key: 'team-key-123' })).message).toMatch(/is not signed but BEDROCK_PT_PLAN_KEY is set; /);
  });

  it('refuses a plan re-signed with another key', () => {
    const path = planPath(buildPlanFile(everyActionPlans(), { tool: TOOL, key: 'someone-elses-key' }));
    expect(refusal(() => readPlanFile(path, { key: 'team-key-123' })).message).toMatch(/was signed with a different key or altered/);
  });

  it('refuses a signed plan altered and re-checksummed without the key', () => {
    const path = planPath(buildPlanFile(everyActionPlans(), { tool: TOOL, key: 'team-key-123' }));
    tamper(path, (pf) => (pf.stacks[0].changes[0].after.model_units = 50), true);
    expect(() => readPlanFile(path)).not.toThrow();
    expect(refusal(() => readPlanFile(path, { key: 'team-key-123' })).message).toMatch(/different key or altered/);
  });

  it('refuses a file that is not JSON, another format, or a newer format version', () => {
    const path = join(dir, 'plan.json');
    writeFileSync(path, '{ not json');
    expect(refusal(() => readPlanFile(path)).message).toMatch(/^plan file .*plan\.json is not valid JSON \(/);
    expect(refusal(() => readPlanFile(join(dir, 'missing.json'))).message).toMatch(
      /^plan file .*missing\.json does not exist; pass the file `plan -out` wrote/,
    );
    writeFileSync(path, JSON.stringify({ format: 'terraform-plan', formatVersion: 1 }));
    expect(refusal(() => readPlanFile(path)).message).toMatch(/is not a bedrock-pt saved plan: it is /);
    const newer = planPath(buildPlanFile([], { tool: TOOL }));
    tamper(newer, (pf) => (pf.formatVersion = PLAN_FORMAT_VERSION + 1), true);
    expect(refusal(() => readPlanFile(newer)).message).toMatch(/written by a newer bedrock-pt .*upgrade bedrock-pt or plan again/);
  });

  it('refuses a version 1 plan, which does not record its config source, asking to plan again', () => {
    const old = planPath(buildPlanFile(everyActionPlans(), { tool: TOOL }));
    tamper(old, (pf) => (pf.formatVersion = 1), true);
    expect(refusal(() => readPlanFile(old)).message).toBe(
      `plan file ${old} was written by an older bedrock-pt (format version 1) that did not record where its configuration came from, so it cannot be checked against it; plan again with this version`,
    );
  });

  it.each([
    ['an unknown action', (pf: Record<string, any>) => (pf.stacks[0].changes[0].action = 'purchase'), /\(stacks\[0\]\.changes\[0\]\.action: /],
    [
      'model units as text',
      (pf: Record<string, any>) => (pf.stacks[0].changes[0].after.model_units = '9'),
      /\(stacks\[0\]\.changes\[0\]\.after\.model_units: /,
    ],
    ['stacks that are not a list', (pf: Record<string, any>) => (pf.stacks = { dev: {} }), /\(stacks: /],
    [
      'a config source of no known kind',
      (pf: Record<string, any>) => (pf.stacks[0].target = { provider: { region: 'us-east-1', defaultTags: {} }, statePath: '/s', config: { kind: 'git' } }),
      /\(stacks\[0\]\.target\.config\.kind: /,
    ],
  ])('refuses a plan with a valid checksum but a bad shape: %s', (_what, edit, field) => {
    const path = planPath(buildPlanFile(everyActionPlans(), { tool: TOOL }));
    tamper(path, edit, true);
    const message = refusal(() => readPlanFile(path)).message;
    expect(message).toMatch(new RegExp(`^plan file ${path} is not a well-formed bedrock-pt plan \\(`));
    expect(message).toMatch(field);
    expect(message).toMatch(/; plan again$/);
  });

  it('takes the key from BEDROCK_PT_PLAN_KEY, treating an empty value as unset', () => {
    expect(planKeyFromEnv({ BEDROCK_PT_PLAN_KEY: 'abc' })).toBe('abc');
    expect(planKeyFromEnv({ BEDROCK_PT_PLAN_KEY: '' })).toBeUndefined();
    expect(planKeyFromEnv({})).toBeUndefined();
  });
});
