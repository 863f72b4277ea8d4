/**
 * Monthly cost deltas from the user's own rates (a pricing file): bedrock-pt never guesses a
 * price. Read by the Markdown renderer.
 */
import { readFileSync } from 'node:fs';
import { BedrockPtError } from '../errors';
import type { ChangeAction, PtAttributes, StackPlan } from '../model';

/** AWS's hours-per-month for Provisioned Throughput pricing. */
export const HOURS_PER_MONTH = 730;

export type PricedCommitment = 'None' | 'OneMonth' | 'SixMonths';

/** Hourly USD per model unit, as the user's pricing file states them; bedrock-pt never guesses a price. */
export interface Pricing {
  rates: { model: string; commitment: PricedCommitment; hourlyPerUnit: number }[];
}

const COMMITMENTS: readonly PricedCommitment[] = ['None', 'OneMonth', 'SixMonths'];

/** Reads and validates a pricing file (JSON: `{ "rates": [{ model, commitment, hourlyPerUnit }] }`). */
export function loadPricing(path: string): Pricing {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new BedrockPtError('usage', `cannot read pricing file ${path}: ${(err as Error).message}`, {}, { cause: err });
  }
  return parsePricing(raw, path);
}

export function parsePricing(raw: unknown, source = 'pricing'): Pricing {
  const bad = (field: string, why: string) => new BedrockPtError('usage', `${source} ${field}: ${why}`, { field });
  const rates = (raw as { rates?: unknown } | null)?.rates;
  if (!Array.isArray(rates)) throw bad('rates', 'expected { "rates": [ ... ] }');
  const seen = new Set<string>();
  return {
    rates: rates.map((r: Record<string, unknown>, i) => {
      const at = `rates[${i}]`;
      if (typeof r?.model !== 'string' || !r.model) throw bad(`${at}.model`, 'expected a model ID or ARN');
      if (!COMMITMENTS.includes(r.commitment as PricedCommitment)) {
        throw bad(`${at}.commitment`, `expected one of ${COMMITMENTS.join(', ')}`);
      }
      if (typeof r.hourlyPerUnit !== 'number' || !Number.isFinite(r.hourlyPerUnit) || r.hourlyPerUnit < 0) {
        throw bad(`${at}.hourlyPerUnit`, 'expected a non-negative number of USD per model unit per hour');
      }
      const key = `${r.model}\n${r.commitment}`;
      if (seen.has(key)) throw bad(at, `duplicate rate for ${r.model} (${r.commitment})`);
      seen.add(key);
      return { model: r.model, commitment: r.commitment as PricedCommitment, hourlyPerUnit: r.hourlyPerUnit };
    }),
  };
}

// ---- costs ---------------------------------------------------------------

export interface CostDelta {
  monthlyUsd: number;
  /** "model (commitment)" for each side that had no rate; when non-empty the delta is unknown. */
  missing: string[];
}

/** A rate matches a model by exact ID/ARN, or by foundation-model ID against its ARN. */
function hourlyRate(pricing: Pricing, model: string, commitment: PricedCommitment): number | undefined {
  const rate = pricing.rates.find((r) => r.commitment === commitment && (r.model === model || model.endsWith(`/${r.model}`)));
  return rate?.hourlyPerUnit;
}

function monthlyCost(pricing: Pricing, a: PtAttributes, missing: string[]): number {
  const commitment = a.commitment_duration ?? 'None';
  const rate = hourlyRate(pricing, a.model_arn, commitment);
  if (rate === undefined) {
    missing.push(`${a.model_arn} (${commitment})`);
    return 0;
  }
  return rate * a.model_units * HOURS_PER_MONTH;
}

const BILLS_BEFORE: ChangeAction[] = ['update', 'delete-then-create', 'create-then-delete', 'delete'];
const BILLS_AFTER: ChangeAction[] = ['create', 'update', 'delete-then-create', 'create-then-delete'];

/** Blocked changes will not happen, so they are left out of the delta. */
export function monthlyCostDelta(plan: StackPlan, pricing: Pricing): CostDelta {
  const delta: CostDelta = { monthlyUsd: 0, missing: [] };
  for (const c of plan.changes) {
    if (c.blocked || c.action === 'no-op') continue;
    const { before, after } = c;
    const sameBilling =
      c.action === 'update' &&
      before &&
      after &&
      before.model_arn === after.model_arn &&
      before.model_units === after.model_units &&
      before.commitment_duration === after.commitment_duration;
    if (sameBilling) continue;
    if (before && BILLS_BEFORE.includes(c.action)) delta.monthlyUsd -= monthlyCost(pricing, before, delta.missing);
    if (after && BILLS_AFTER.includes(c.action)) delta.monthlyUsd += monthlyCost(pricing, after, delta.missing);
  }
  delta.missing = [...new Set(delta.missing)];
  return delta;
}
