/**
 * The AWS partition (aws, aws-cn, aws-us-gov, …) a region belongs to, from the SDK's own
 * partition data (the table its endpoint resolution uses), so a new region or partition arrives
 * with an SDK update rather than a list kept here. An unknown region falls in `aws`, as the SDK
 * resolves it.
 */
import { partition } from '@aws-sdk/core/client';

export function partitionOf(region: string): string {
  return partition(region).name;
}
