/**
 * Drives the provider's ProviderImpl the way Terraform does, with plain CtyObjects: a configured
 * provider against the emulator (real SDK over HTTP, credentials from a shared credentials file),
 * proposed objects built from config and prior state, and the plan → apply sequence of one
 * resource change.
 */
import * as path from 'node:path';
import type { Emulator } from '../../src/emulator';
import {
  UNKNOWN,
  type ApplyResponse,
  type CtyObject,
  type PlanResponse,
  type ProviderDiagnostic,
  type ProviderImpl,
  type ResourceType,
} from '../../src/provider/contract';
import { createBedrockptProvider, type ProviderOptions } from '../../src/provider/resources';
import { DEV, FAST_WAIT, removeTempDirs, startE2eEmulator, tempDir, writeCredentials } from '../e2e/harness';

export const DEFAULT_TAGS = { Project: 'support-bot', ManagedBy: 'bedrock-pt' };
const COMPUTED = ['id', 'provisioned_model_arn', 'tags_all', 'status', 'commitment_expiration_time', 'foundation_model_arn'];

/** Points the SDK in this process at a credentials file holding the example profiles. */
export function useExampleCredentials(): void {
  const dir = tempDir('bedrock-pt-provider-');
  process.env.AWS_SHARED_CREDENTIALS_FILE = writeCredentials(path.join(dir, 'credentials'));
  process.env.AWS_CONFIG_FILE = path.join(dir, 'no-such-config');
}

export interface ProviderFixture {
  emulator: Emulator;
  provider: ProviderImpl;
  pt: ResourceType;
}

/**
 * The Terraform working directory of the current test: a provider keeps its purchase journal
 * there, so every provider a test configures (a run after a kill, say) shares it, and no test
 * sees another's.
 */
let workingDir: string | undefined;
/** The current test's Terraform working directory (where providers keep their purchase journal). */
export function testWorkingDir(): string {
  if (!workingDir) throw new Error('testWorkingDir() needs withProviderAgainstEmulator');
  return workingDir;
}

/** The current test's emulator, for the runs a test has happen before the one it checks. */
let currentEmulator: Emulator | undefined;

/** Registers the jest hooks of a provider test file: a fresh emulator and configured provider per test, handed to `use`. */
export function withProviderAgainstEmulator(use: (fixture: ProviderFixture) => void): void {
  let fixture: ProviderFixture | undefined;
  beforeAll(() => useExampleCredentials());
  beforeEach(async () => {
    workingDir = tempDir('bedrock-pt-tf-work-');
    const emulator = await startE2eEmulator();
    currentEmulator = emulator;
    fixture = { emulator, ...(await configuredProvider(emulator)) };
    use(fixture);
  });
  afterEach(async () => {
    await fixture?.provider.stop();
    await fixture?.emulator.close();
  });
  afterAll(() => removeTempDirs());
}

export function providerConfig(emulator: Emulator, overrides: CtyObject = {}): CtyObject {
  return {
    region: DEV.region,
    profile: DEV.profile,
    allowed_account_ids: null,
    forbidden_account_ids: null,
    assume_role: [],
    endpoints: [{ bedrock: emulator.url, sts: emulator.url, servicequotas: emulator.url }],
    default_tags: [{ tags: { ...DEFAULT_TAGS } }],
    ...overrides,
  };
}

export async function configuredProvider(
  emulator: Emulator,
  options: ProviderOptions = {},
  config: CtyObject = {},
): Promise<{ provider: ProviderImpl; pt: ResourceType }> {
  const provider = createBedrockptProvider({
    waitPolicy: FAST_WAIT,
    now: () => emulator.now(),
    workingDir: workingDir ?? tempDir('bedrock-pt-tf-work-'),
    ...options,
  });
  const diagnostics = await provider.configure(providerConfig(emulator, config), { terraformVersion: '1.13.0' });
  if (diagnostics.length) throw new Error(`configure: ${JSON.stringify(diagnostics)}`);
  return { provider, pt: provider.resources[0] };
}

export interface PtConfig {
  name: string | typeof UNKNOWN;
  model: string;
  units: number | typeof UNKNOWN;
  commitment?: 'OneMonth' | 'SixMonths';
  tags?: Record<string, string> | null;
  timeouts?: Record<string, string>;
}

export function ptConfig(c: PtConfig): CtyObject {
  return {
    provisioned_model_name: c.name,
    model_arn: c.model,
    model_units: c.units,
    commitment_duration: c.commitment ?? null,
    tags: c.tags === undefined ? null : c.tags,
    timeouts: c.timeouts ? { create: null, update: null, delete: null, ...c.timeouts } : null,
    ...Object.fromEntries(COMPUTED.map((name) => [name, null])),
  };
}

/** Terraform's proposed new state: config values, and the prior's for computed attributes left unset. */
export function proposed(config: CtyObject, prior: CtyObject | null): CtyObject {
  const out: CtyObject = { ...config };
  for (const name of COMPUTED) if (config[name] === null) out[name] = prior ? prior[name] : null;
  return out;
}

export function plan(pt: ResourceType, prior: CtyObject | null, config: CtyObject | null, priorPrivate?: Buffer): Promise<PlanResponse> {
  return pt.plan({ prior, proposed: config ? proposed(config, prior) : null, config, ...(priorPrivate ? { priorPrivate } : {}) });
}

export function errors(response: { diagnostics: ProviderDiagnostic[] }): ProviderDiagnostic[] {
  return response.diagnostics.filter((d) => d.severity === 'error');
}

/** Plan and apply one change, failing the test if the plan has errors. */
export async function planAndApply(
  pt: ResourceType,
  prior: CtyObject | null,
  config: CtyObject | null,
): Promise<{ planned: PlanResponse; applied: ApplyResponse }> {
  const planned = await plan(pt, prior, config);
  if (errors(planned).length) throw new Error(`plan: ${JSON.stringify(planned.diagnostics)}`);
  const applied = await pt.apply({ prior, planned: planned.planned, config, ...(planned.plannedPrivate ? { plannedPrivate: planned.plannedPrivate } : {}) });
  return { planned, applied };
}

/**
 * Create a PT through the provider and return its state; fails the test on any error. Like every
 * Terraform command, the apply that creates it runs its own provider process: what that process
 * learned about the run (the registry) is not the next run's. `pt` is used only when no emulator
 * fixture is set up.
 */
export async function createPt(pt: ResourceType, config: CtyObject): Promise<CtyObject> {
  const earlier = currentEmulator ? await configuredProvider(currentEmulator) : undefined;
  try {
    const { applied } = await planAndApply(earlier?.pt ?? pt, null, config);
    if (errors(applied).length || !applied.newState) throw new Error(`apply: ${JSON.stringify(applied.diagnostics)}`);
    return applied.newState;
  } finally {
    await earlier?.provider.stop();
  }
}
