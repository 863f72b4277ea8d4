import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ManagedPt, PendingCreate } from '../../src/engine/model/managed';

export const PT = 'aws_bedrock_provisioned_model_throughput';
export const FIXTURES = path.resolve(__dirname, '../fixtures/tfstate');

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'bedrock-pt-state-'));
}

/** A private copy of a fixture, so tests may write to it. */
export function copyFixture(name: string): string {
  const target = path.join(tempDir(), 'terraform.dev.tfstate');
  fs.copyFileSync(path.join(FIXTURES, name), target);
  return target;
}

export function readJson(file: string): any {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

export function managedPt(overrides: Partial<ManagedPt> = {}): ManagedPt {
  return {
    address: `${PT}.support_chat`,
    arn: 'arn:aws:bedrock:us-east-1:111111111111:provisioned-model/abcabcabcabc',
    name: 'dev-support-chat',
    modelArn: 'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0:200k',
    modelUnits: 1,
    tags: { CostCenter: 'cc-1234' },
    tagsAll: { CostCenter: 'cc-1234', Project: 'support-bot' },
    region: 'us-east-1',
    ...overrides,
  };
}

export function pendingCreate(overrides: Partial<PendingCreate> = {}): PendingCreate {
  return {
    address: `${PT}.batch`,
    name: 'dev-batch',
    model: 'anthropic.claude-3-haiku-20240307-v1:0:200k',
    modelUnits: 1,
    commitment: 'OneMonth',
    tagsAll: { Project: 'support-bot' },
    tags: {},
    clientRequestToken: 'bedrock-pt-0123456789abcdef',
    startedAt: '2026-01-15T10:00:00.000Z',
    ...overrides,
  };
}

/** Files in the directory other than the given names: catches leftover temp files. */
export function strayFiles(dir: string, expected: string[]): string[] {
  return fs.readdirSync(dir).filter((f) => !expected.includes(f));
}
