/**
 * When a live PT may be taken for the result of one of our creates. Two doors lead here: a
 * create whose answer was lost (found by name) and a Create that answered with an ARN (the
 * service returns the first request's PT for a repeated token, whatever was asked this time).
 * Pure rules; the callers do the reading.
 */
import type { LivePt, ManagedState, PendingCreate } from '../model';
import { canonicalJson } from '../canonical';
import { ptHasModel } from './model-identity';

/**
 * How far Bedrock's clock (creationTime) may run behind ours (the intent's startedAt). Five
 * minutes is the SigV4 window: a client clock further off than that has its signed requests
 * refused, so a create it sent cannot have been stamped earlier than that by the service.
 */
export const CLOCK_SKEW_MS = 5 * 60_000;

/** What a create asked for, and when its intent was recorded. */
export type CreateRequest = Pick<PendingCreate, 'address' | 'name' | 'model' | 'modelUnits' | 'commitment' | 'tagsAll' | 'startedAt'>;

/** The request's immutable facts that `pt` does not have: name, model, units, commitment. */
export function requestMismatches(pt: LivePt, request: CreateRequest): string[] {
  const out: string[] = [];
  if (pt.name !== request.name) out.push(`its name is "${pt.name}", the create asked for "${request.name}"`);
  if (!ptHasModel(pt, request.model)) out.push(`its model is ${pt.modelArn}, the create asked for ${request.model}`);
  if (pt.modelUnits !== request.modelUnits) out.push(`it has ${pt.modelUnits} model units, the create asked for ${request.modelUnits}`);
  if ((pt.commitment ?? null) !== (request.commitment ?? null)) {
    out.push(`its commitment is ${pt.commitment ?? 'none'}, the create asked for ${request.commitment ?? 'none'}`);
  }
  return out;
}

/** Who else owns a PT, by ARN, in the words of the door asking; undefined when nobody does. */
export type OwnerOf = (arn: string) => string | undefined;

/** The CLI's owners: the other addresses of the stack's state. */
export function stateOwners(state: ManagedState, address: string): OwnerOf {
  return (arn) => otherOwner(state, arn, address);
}

/** The address (other than `address`) that tracks `arn` in state, deposed PTs included. */
export function otherOwner(state: ManagedState, arn: string, address: string): string | undefined {
  const owner = Object.values(state.pts).find((m) => m.arn === arn && m.address !== address);
  if (owner) return owner.address;
  const deposed = state.deposed?.[arn];
  return deposed ? `${deposed.address} (deposed)` : undefined;
}

/**
 * Why the PT the service answered a Create with is not the purchase that create asked for,
 * or undefined when it is. Tags are not compared: they may have been edited since.
 */
export function answerRefusal(pt: LivePt | undefined, request: CreateRequest, ownerOf: OwnerOf): string | undefined {
  if (!pt) return 'that PT does not exist (the token was spent by an earlier request whose PT has been deleted since)';
  const owner = ownerOf(pt.arn);
  if (owner) return `that PT is already managed as ${owner}`;
  const mismatches = requestMismatches(pt, request);
  return mismatches.length ? mismatches.join('; ') : undefined;
}

/**
 * Whether `pt` may be what the intent bought: its immutable facts match, it was created after the
 * intent, and its tags (when they were read) are the ones asked for. A plan uses this to let the
 * create that resumes the intent take the name that PT holds; apply then re-sends the intent's
 * token and checks the answer (answerRefusal), so nothing is adopted on this guess alone.
 */
export function mayBeResultOf(pt: LivePt, request: CreateRequest): boolean {
  if (requestMismatches(pt, request).length) return false;
  if (pt.tags && canonicalJson(pt.tags) !== canonicalJson(request.tagsAll)) return false;
  return Date.parse(pt.creationTime) >= Date.parse(request.startedAt) - CLOCK_SKEW_MS;
}

/**
 * Why a PT found by name may not be adopted as the result of an interrupted or unanswered
 * create, or undefined when it may: it must match the whole request (tags included, so its
 * tags must have been read), be created after the intent was recorded, and be tracked by no
 * other address.
 */
export function adoptionRefusal(pt: LivePt, request: CreateRequest, ownerOf: OwnerOf): string | undefined {
  const owner = ownerOf(pt.arn);
  if (owner) return `it is managed as ${owner}`;
  const startedAt = Date.parse(request.startedAt);
  const created = Date.parse(pt.creationTime);
  if (!(created >= startedAt - CLOCK_SKEW_MS)) {
    return `it was created at ${pt.creationTime}, before the create started at ${request.startedAt}`;
  }
  const mismatches = requestMismatches(pt, request);
  if (!pt.tags) mismatches.push('its tags could not be read');
  else if (canonicalJson(pt.tags) !== canonicalJson(request.tagsAll)) mismatches.push('its tags differ from the tags the create asked for');
  return mismatches.length ? mismatches.join('; ') : undefined;
}
