/** Which PTs a caller can see: those of its own account and region, settled against the clock. */
import type { Caller, Cloud } from '../context';
import { settle } from '../lifecycle';
import { notFound } from '../protocol';
import type { PtRecord } from '../store';

const PT_ARN = /^arn:aws(?:-[^:]+)?:bedrock:([a-z0-9-]{1,20}):(\d{12}):provisioned-model\/([a-z0-9]{12})$/;

/** Every PT of the caller's account and region, settled against the clock. */
export function ptsInScope(cloud: Cloud, caller: Caller): PtRecord[] {
  const now = cloud.clock.nowMs();
  return Object.values(cloud.state.current.pts).filter((pt) => {
    if (pt.account !== caller.account || pt.region !== caller.region) return false;
    settle(pt, now);
    return true;
  });
}

/** By name or ARN; PTs of other accounts or regions are invisible. */
export function findPt(cloud: Cloud, caller: Caller, idOrArn: string): PtRecord {
  const byArn = PT_ARN.test(idOrArn);
  const pt = ptsInScope(cloud, caller).find((p) => (byArn ? p.arn : p.name) === idOrArn);
  if (!pt) throw notFound(`Provisioned model ${idOrArn} was not found in account ${caller.account}, region ${caller.region}.`);
  return pt;
}

/** Tagging APIs address resources by ARN only. */
export function findPtByArn(cloud: Cloud, caller: Caller, arn: string): PtRecord {
  if (!PT_ARN.test(arn)) throw notFound(`No taggable resource ${arn} exists in account ${caller.account}, region ${caller.region}.`);
  return findPt(cloud, caller, arn);
}
