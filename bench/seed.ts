/**
 * Puts PTs into the emulated cloud through its core handlers, not over HTTP: seeding 1000 PTs
 * through a rate-limited create would measure the seeding, not the refresh.
 */
import type { Emulator } from '../src/emulator';
import { HANDLERS } from '../src/emulator/routes';
import { validateInput } from '../src/emulator/validation';
import type { Commitment, Tags } from '../src/engine/model';

export const BENCH_REGION = 'us-east-1';
export const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0:200k';

export interface SeedSpec {
  account: string;
  region: string;
  count: number;
  namePrefix: string;
  model: string;
  modelUnits: number;
  commitment?: Commitment;
  tags: Tags;
}

export interface SeededPt {
  arn: string;
  name: string;
}

/** Creates `count` PTs that are InService at once; returns them in creation order. */
export function seedPts(emulator: Emulator, spec: SeedSpec): SeededPt[] {
  const caller = { account: spec.account, region: spec.region, accessKeyId: 'seed' };
  const createMs = emulator.cloud.settings.createDelayMs;
  emulator.setTransitionDelays({ createMs: 0 });
  try {
    const seeded: SeededPt[] = [];
    for (let i = 0; i < spec.count; i++) {
      const name = ptName(spec.namePrefix, i);
      const input = validateInput('CreateProvisionedModelThroughput', {
        provisionedModelName: name,
        modelId: spec.model,
        modelUnits: spec.modelUnits,
        ...(spec.commitment ? { commitmentDuration: spec.commitment } : {}),
        tags: Object.entries(spec.tags).map(([key, value]) => ({ key, value })),
      });
      const out = HANDLERS.CreateProvisionedModelThroughput(emulator.cloud, caller, input).body as { provisionedModelArn: string };
      seeded.push({ arn: out.provisionedModelArn, name });
    }
    return seeded;
  } finally {
    emulator.setTransitionDelays({ createMs });
  }
}

export function ptName(prefix: string, i: number): string {
  return `${prefix}-${String(i).padStart(5, '0')}`;
}
