/** The Provisioned Throughput lifecycle operations and the service rules they enforce. */
import { canonicalJson } from '../../engine/canonical';
import { commitmentDeleteVerdict } from '../../engine/rules/commitment-delete';
import type { Caller, Cloud, Handler } from '../context';
import { commitmentExpiry, isTransitioning, newResourceId, ptArn, ptDetails, ptSummary } from '../lifecycle';
import { ApiError, isoTime, validationError } from '../protocol';
import { scopeKey, type CommitmentDuration, type PtRecord } from '../store';
import { resolveModel, type ResolvedModel } from './models';
import { paginate } from './pagination';
import { findPt, ptsInScope } from './scope';
import { checkTagCount, tagsFromList } from './tags';
import { checkQuotas } from './quotas';

function assertNameFree(cloud: Cloud, caller: Caller, name: string): void {
  if (ptsInScope(cloud, caller).some((p) => p.name === name)) {
    throw validationError(`A provisioned model named ${name} already exists in this account and region.`);
  }
}

function takeFailNextCreate(cloud: Cloud, caller: Caller): string | undefined {
  const queue = cloud.settings.failNextCreates;
  const index = queue.findIndex((f) => (!f.account || f.account === caller.account) && (!f.region || f.region === caller.region));
  return index < 0 ? undefined : queue.splice(index, 1)[0].message;
}

export const createProvisionedModelThroughput: Handler = (cloud, caller, input) => {
  const state = cloud.state.current;
  const name = input.provisionedModelName as string;
  const modelUnits = input.modelUnits as number;
  const commitment = input.commitmentDuration as CommitmentDuration | undefined;
  const tags = tagsFromList(input.tags);
  checkTagCount(cloud, tags, name);

  const tokenKey = `${scopeKey(caller.account, caller.region)}/${String(input.clientRequestToken)}`;
  const fingerprint = canonicalJson({ name, modelId: input.modelId, modelUnits, commitment, tags });
  const previous = input.clientRequestToken === undefined ? undefined : state.idempotency[tokenKey];
  // As documented: a token that matches a previous request makes Bedrock ignore the request
  // without an error. The answer names the first request's PT, whatever the parameters and
  // even if that PT has been deleted since, so a client must not take it for a purchase.
  if (previous) return { status: 201, body: { provisionedModelArn: previous.arn }, mutated: false };

  assertNameFree(cloud, caller, name);
  const model = resolveModel(cloud, caller, input.modelId as string);
  if (model.kind === 'foundation' && !model.model.inferenceTypesSupported.includes('PROVISIONED')) {
    throw validationError(`The model ${model.model.modelId} does not support Provisioned Throughput (inferenceTypesSupported lacks PROVISIONED).`);
  }
  if (model.kind === 'foundation' && !commitment) {
    throw validationError('No-commitment Provisioned Throughput is available only for custom models; set commitmentDuration.');
  }
  checkQuotas(cloud, caller, ptsInScope(cloud, caller), { modelUnits, committed: commitment !== undefined, model });

  const now = cloud.clock.nowMs();
  const id = newResourceId((candidate) => Object.values(state.pts).some((p) => p.id === candidate));
  const arn = ptArn(caller.region, caller.account, id);
  const failure = takeFailNextCreate(cloud, caller);
  state.pts[arn] = {
    id,
    arn,
    name,
    account: caller.account,
    region: caller.region,
    modelArn: model.arn,
    desiredModelArn: model.arn,
    foundationModelArn: model.foundationModelArn,
    modelUnits,
    purchasedFor: model.kind,
    ...(commitment ? { commitmentDuration: commitment, commitmentExpirationTime: commitmentExpiry(now, commitment) } : {}),
    creationTime: now,
    lastModifiedTime: now,
    status: 'Creating',
    transitionEndsAt: now + cloud.settings.createDelayMs,
    ...(failure !== undefined ? { pendingFailureMessage: failure } : {}),
    tags,
    seq: ++state.seq,
  };
  if (input.clientRequestToken !== undefined) state.idempotency[tokenKey] = { fingerprint, arn };
  return { status: 201, body: { provisionedModelArn: arn }, mutated: true };
};

export const getProvisionedModelThroughput: Handler = (cloud, caller, input) => ({
  body: ptDetails(findPt(cloud, caller, input.provisionedModelId as string)),
  mutated: false,
});

export const listProvisionedModelThroughputs: Handler = (cloud, caller, input) => {
  const nameContains = input.nameContains as string | undefined;
  const pts = ptsInScope(cloud, caller).filter(
    (pt) =>
      (input.creationTimeAfter === undefined || pt.creationTime > (input.creationTimeAfter as number)) &&
      (input.creationTimeBefore === undefined || pt.creationTime < (input.creationTimeBefore as number)) &&
      (input.statusEquals === undefined || pt.status === input.statusEquals) &&
      (input.modelArnEquals === undefined || pt.modelArn === input.modelArnEquals) &&
      (nameContains === undefined || pt.name.includes(nameContains)),
  );
  const page = paginate(pts, input, (pt) => [pt.creationTime, pt.seq]);
  return { body: { provisionedModelSummaries: page.items.map(ptSummary), ...page.next }, mutated: false };
};

/**
 * A PT bought for a foundation model keeps it for life. One bought for a custom model may move to
 * that custom model's base model or to another custom model derived from the same base.
 */
function assertModelChangeAllowed(pt: PtRecord, target: ResolvedModel): void {
  if (pt.purchasedFor === 'foundation') {
    throw validationError(`The model of ${pt.name} cannot be changed: it was purchased for the base model ${pt.foundationModelArn}.`);
  }
  if (target.foundationModelArn !== pt.foundationModelArn) {
    throw validationError(
      `${pt.name} can only move to ${pt.foundationModelArn} or a custom model derived from it; ${target.arn} derives from ${target.foundationModelArn}.`,
    );
  }
}

export const updateProvisionedModelThroughput: Handler = (cloud, caller, input) => {
  const pt = findPt(cloud, caller, input.provisionedModelId as string);
  if (isTransitioning(pt) || pt.status === 'Failed') {
    throw validationError(`${pt.name} cannot be updated while its status is ${pt.status}.`);
  }
  const newName = input.desiredProvisionedModelName as string | undefined;
  if (newName !== undefined && newName !== pt.name) assertNameFree(cloud, caller, newName);
  const target = input.desiredModelId === undefined ? undefined : resolveModel(cloud, caller, input.desiredModelId as string);
  const modelChanges = target !== undefined && target.arn !== pt.modelArn;
  if (target && modelChanges) assertModelChangeAllowed(pt, target);

  const renames = newName !== undefined && newName !== pt.name;
  if (!renames && !modelChanges) return { body: {}, mutated: false };
  const now = cloud.clock.nowMs();
  if (renames) pt.name = newName;
  if (target && modelChanges) {
    pt.desiredModelArn = target.arn;
    pt.status = 'Updating';
    pt.transitionEndsAt = now + cloud.settings.updateDelayMs;
  }
  pt.lastModifiedTime = now;
  return { body: {}, mutated: true };
};

export const deleteProvisionedModelThroughput: Handler = (cloud, caller, input) => {
  const pt = findPt(cloud, caller, input.provisionedModelId as string);
  if (isTransitioning(pt)) {
    throw new ApiError('ConflictException', `${pt.name} cannot be deleted while its status is ${pt.status}; wait until it is InService.`);
  }
  const now = cloud.clock.nowMs();
  const verdict = commitmentDeleteVerdict({ status: pt.status, commitment: pt.commitmentDuration, endsAtMs: pt.commitmentExpirationTime }, now);
  if (!verdict.allowed) {
    const until = verdict.endsAtMs === undefined ? 'its term ends' : isoTime(verdict.endsAtMs);
    throw validationError(
      `${pt.name} has a ${pt.commitmentDuration} commitment and cannot be deleted before ${until}${verdict.failed ? ', even in status Failed' : ''}.`,
    );
  }
  delete cloud.state.current.pts[pt.arn];
  return { body: {}, mutated: true };
};
