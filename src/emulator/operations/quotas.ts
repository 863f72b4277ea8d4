/**
 * Bedrock's Provisioned Throughput quotas per account and region: at most 2 no-commitment PTs
 * holding at most 2 model units in total, and committed model units up to an account-specific
 * quota whose AWS default is 0 (it must be raised through a support case).
 */
import type { Caller, Cloud } from '../context';
import { ApiError } from '../protocol';
import { scopeKey, type PtRecord } from '../store';

export function committedUnitsQuota(cloud: Cloud, account: string, region: string): number {
  return cloud.state.current.committedUnitsQuota[scopeKey(account, region)] ?? cloud.settings.defaultCommittedUnitsQuota;
}

/** Failed PTs hold no capacity, so they do not count. */
export function checkQuotas(cloud: Cloud, caller: Caller, pts: PtRecord[], request: { modelUnits: number; committed: boolean }): void {
  const live = pts.filter((pt) => pt.status !== 'Failed');
  const exceeded = (message: string): never => {
    throw new ApiError('ServiceQuotaExceededException', message);
  };
  if (request.committed) {
    const used = live.filter((pt) => pt.commitmentDuration).reduce((sum, pt) => sum + pt.modelUnits, 0);
    const quota = committedUnitsQuota(cloud, caller.account, caller.region);
    if (used + request.modelUnits > quota) {
      exceeded(`Committed model units would reach ${used + request.modelUnits}, above the quota of ${quota} for account ${caller.account} in ${caller.region}.`);
    }
    return;
  }
  const noCommitment = live.filter((pt) => !pt.commitmentDuration);
  const { noCommitmentPtLimit, noCommitmentUnitLimit } = cloud.settings;
  if (noCommitment.length + 1 > noCommitmentPtLimit) {
    exceeded(`Account ${caller.account} already has ${noCommitment.length} no-commitment Provisioned Throughputs in ${caller.region}; the quota is ${noCommitmentPtLimit}.`);
  }
  const units = noCommitment.reduce((sum, pt) => sum + pt.modelUnits, 0);
  if (units + request.modelUnits > noCommitmentUnitLimit) {
    exceeded(`No-commitment model units would reach ${units + request.modelUnits}, above the quota of ${noCommitmentUnitLimit} for account ${caller.account} in ${caller.region}.`);
  }
}
