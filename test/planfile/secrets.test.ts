import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BedrockPtError } from '../../src/engine/errors';
import { assertNoSecrets, buildPlanFile, serializePlanFile, writePlanFile } from '../../src/engine/planfile';
import { renderMarkdown } from '../../src/engine/render/markdown';
import { renderTerraformJson } from '../../src/engine/render/terraform-json';
import { attrs, createChange, everyActionPlans, stackPlan } from '../render/plan-builders';

const CREDENTIALS = {
  AWS_ACCESS_KEY_ID: 'AKIALEAKCANARY000001',
  AWS_SECRET_ACCESS_KEY: 'leak-canary-secret/abcdefghijklmnopqrstuvwxyz0123',
  AWS_SESSION_TOKEN: 'leak-canary-session-token-FwoGZXIvYXdzEJr',
};
const PLAN_KEY = 'leak-canary-plan-key-42';
const saved: Record<string, string | undefined> = {};

beforeAll(() => {
  for (const [k, v] of Object.entries({ ...CREDENTIALS, BEDROCK_PT_PLAN_KEY: PLAN_KEY })) {
    saved[k] = process.env[k];
    process.env[k] = v;
  }
});
afterAll(() => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

describe('credentials never leave the process', () => {
  it('appear in no plan file, Markdown comment or Terraform JSON', () => {
    const plans = everyActionPlans();
    const dir = mkdtempSync(join(tmpdir(), 'bedrock-pt-secrets-'));
    try {
      const pf = buildPlanFile(plans, { tool: 'bedrock-pt 0.1.0', key: PLAN_KEY });
      writePlanFile(join(dir, 'plan.json'), pf);
      const outputs = [
        serializePlanFile(pf),
        readFileSync(join(dir, 'plan.json'), 'utf8'),
        renderMarkdown(plans, { planFileName: 'plan.json' }),
        JSON.stringify(renderTerraformJson(plans)),
        JSON.stringify(renderTerraformJson([plans[0]])),
      ];
      for (const out of outputs) {
        for (const secret of [...Object.values(CREDENTIALS), PLAN_KEY]) expect(out).not.toContain(secret);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses to serialize a plan that would carry a credential value', () => {
    const leaky = stackPlan('dev', {
      changes: [createChange(attrs({ tags: { Note: `key ${CREDENTIALS.AWS_SECRET_ACCESS_KEY}` } }))],
    });
    const pf = buildPlanFile([leaky], { tool: 'bedrock-pt 0.1.0' });
    expect(() => serializePlanFile(pf)).toThrow(BedrockPtError);
    expect(() => serializePlanFile(pf)).toThrow(/contain the value of AWS_SECRET_ACCESS_KEY/);
  });

  it('ignores short values that would match ordinary text', () => {
    expect(() => assertNoSecrets('model unit test', 'x', { AWS_ACCESS_KEY_ID: 'test' })).not.toThrow();
    expect(() => assertNoSecrets('id AKIALEAKCANARY000001', 'x', { AWS_ACCESS_KEY_ID: 'AKIALEAKCANARY000001' })).toThrow(/AWS_ACCESS_KEY_ID/);
  });
});
