/** Small builders shared by the resources tests. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Testing } from '../../src/resources/cdk';
import { EnvironmentStack, ProvisionedThroughput, type EnvironmentStackProps, type ProvisionedThroughputProps } from '../../src/resources';

export const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0:200k';

const created: string[] = [];

export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bedrock-pt-resources-'));
  created.push(dir);
  return dir;
}

/** Remove every directory `tempDir` made; call from `afterAll`. */
export function removeTempDirs(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export function newApp(): App {
  return new App({ outdir: tempDir() });
}

export function prodStackProps(overrides: Partial<EnvironmentStackProps> = {}): EnvironmentStackProps {
  return {
    region: 'us-east-1',
    profile: 'bedrock-pt-prod',
    defaultTags: { Project: 'support-bot', Environment: 'prod', ManagedBy: 'bedrock-pt' },
    ...overrides,
  };
}

export function prodPtProps(overrides: Partial<ProvisionedThroughputProps> = {}): ProvisionedThroughputProps {
  return {
    name: 'prod-support-chat',
    model: HAIKU,
    modelUnits: 2,
    commitment: 'SixMonths',
    tags: { CostCenter: 'cc-1234' },
    ...overrides,
  };
}

/** A `prod` stack holding one `support_chat` PT built from the given overrides. */
export function prodApp(
  pt: Partial<ProvisionedThroughputProps> = {},
  stack: Partial<EnvironmentStackProps> = {},
): { app: App; stack: EnvironmentStack; pt: ProvisionedThroughput } {
  const app = newApp();
  const envStack = new EnvironmentStack(app, 'prod', prodStackProps(stack));
  const construct = new ProvisionedThroughput(envStack, 'support_chat', prodPtProps(pt));
  return { app, stack: envStack, pt: construct };
}

/** The stack's Terraform JSON, without running validations. */
export function terraformJson(stack: EnvironmentStack): any {
  return JSON.parse(Testing.synth(stack));
}

/** `count` distinct tags named Key0, Key1, ... */
export function manyTags(count: number): Record<string, string> {
  return Object.fromEntries(Array.from({ length: count }, (_, i) => [`Key${i}`, `v${i}`]));
}
