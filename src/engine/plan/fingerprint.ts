import { fingerprint } from '../canonical';
import type { LivePt } from '../model';

/**
 * Fingerprint of a refreshed PT: the applier re-reads the PT before acting and
 * refuses to act when this changed, because the plan was made on other facts.
 */
export function ptFingerprint(pt: LivePt): string {
  return fingerprint({
    arn: pt.arn,
    name: pt.name,
    modelArn: pt.modelArn,
    desiredModelArn: pt.desiredModelArn,
    modelUnits: pt.modelUnits,
    status: pt.status,
    lastModifiedTime: pt.lastModifiedTime,
    tags: pt.tags,
  });
}
