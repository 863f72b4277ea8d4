export { planStack, type PlanInput } from './plan-stack';
export { ptFingerprint } from './fingerprint';
export { summarize, countChanges, type PlanCounts, type PlanSummary } from './summary';
