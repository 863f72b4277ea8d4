/** Tagging of PTs: at most 50 tags per resource (TooManyTagsException beyond). */
import { canonicalJson } from '../../engine/canonical';
import type { Cloud, Handler } from '../context';
import { ApiError } from '../protocol';
import { findPtByArn } from './scope';

/** Later duplicates of a key win, as with repeated TagResource calls. */
export function tagsFromList(list: unknown): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const tag of (list as Array<{ key: string; value: string }> | undefined) ?? []) tags[tag.key] = tag.value;
  return tags;
}

export function checkTagCount(cloud: Cloud, tags: Record<string, string>, resourceName: string): void {
  const count = Object.keys(tags).length;
  if (count > cloud.settings.maxTagsPerResource) {
    throw new ApiError('TooManyTagsException', `${resourceName} would have ${count} tags; at most ${cloud.settings.maxTagsPerResource} are allowed.`, {
      resourceName,
    });
  }
}

export const tagResource: Handler = (cloud, caller, input) => {
  const pt = findPtByArn(cloud, caller, input.resourceARN as string);
  const merged = { ...pt.tags, ...tagsFromList(input.tags) };
  checkTagCount(cloud, merged, pt.arn);
  const changed = canonicalJson(merged) !== canonicalJson(pt.tags);
  pt.tags = merged;
  return { body: {}, mutated: changed };
};

export const untagResource: Handler = (cloud, caller, input) => {
  const pt = findPtByArn(cloud, caller, input.resourceARN as string);
  const present = (input.tagKeys as string[]).filter((key) => key in pt.tags);
  for (const key of present) delete pt.tags[key];
  return { body: {}, mutated: present.length > 0 };
};

export const listTagsForResource: Handler = (cloud, caller, input) => {
  const pt = findPtByArn(cloud, caller, input.resourceARN as string);
  return { body: { tags: Object.entries(pt.tags).map(([key, value]) => ({ key, value })) }, mutated: false };
};
