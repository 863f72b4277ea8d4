/** When a live PT may be taken for the result of one of our creates: one row per rule. */
import { CLOCK_SKEW_MS, adoptionRefusal, answerRefusal, stateOwners } from '../../src/engine/pt/adoption';
import type { LivePt, ManagedState, PendingCreate } from '../../src/engine/model';
import { HAIKU_ARN, aLivePt, aManagedPt, aPendingCreate, address } from './builders';

const intent = aPendingCreate({ model: HAIKU_ARN, commitment: 'SixMonths' });
const ours = (over: Partial<LivePt> = {}) => aLivePt({ commitment: 'SixMonths', creationTime: '2025-05-31T23:00:05.000Z', tags: intent.tagsAll, ...over });
const emptyState: ManagedState = { lineage: 'l', serial: 1, pts: {}, pending: {} };
const trackedElsewhere: ManagedState = { ...emptyState, pts: { [address('a')]: aManagedPt({ address: address('a') }) } };

const startedMs = Date.parse(intent.startedAt);

const adoptionRows: [string, LivePt, PendingCreate, ManagedState, RegExp | undefined][] = [
  ['adopts a PT that matches the whole request, created after the intent', ours(), intent, emptyState, undefined],
  [
    'adopts a foundation-model PT when the create sent the model ID',
    ours(),
    { ...intent, model: 'anthropic.claude-3-haiku-20240307-v1:0:200k' },
    emptyState,
    undefined,
  ],
  [
    'allows the service clock to run up to the skew behind ours',
    ours({ creationTime: new Date(startedMs - CLOCK_SKEW_MS).toISOString() }),
    intent,
    emptyState,
    undefined,
  ],
  [
    'refuses a PT created before the intent (beyond the skew)',
    ours({ creationTime: new Date(startedMs - CLOCK_SKEW_MS - 1).toISOString() }),
    intent,
    emptyState,
    /before the create started/,
  ],
  ['refuses a PT another address tracks', ours(), intent, trackedElsewhere, /managed as aws_bedrock_provisioned_model_throughput\.a/],
  ['refuses other model units', ours({ modelUnits: 3 }), intent, emptyState, /3 model units, the create asked for 2/],
  ['refuses another commitment', ours({ commitment: 'OneMonth' }), intent, emptyState, /commitment is OneMonth/],
  [
    'refuses another model',
    ours({ modelArn: 'arn:aws:bedrock:us-east-1::foundation-model/x.y', desiredModelArn: 'arn:aws:bedrock:us-east-1::foundation-model/x.y' }),
    intent,
    emptyState,
    /its model is/,
  ],
  ['refuses other tags', ours({ tags: { Other: 'x' } }), intent, emptyState, /tags differ/],
  ['refuses when the tags were not read', ours({ tags: undefined }), intent, emptyState, /tags could not be read/],
  ['refuses an unreadable start time', ours(), { ...intent, startedAt: 'garbage' }, emptyState, /before the create started/],
];

describe('adoption by name', () => {
  it.each(adoptionRows)('%s', (_name, pt, request, state, refusal) => {
    const why = adoptionRefusal(pt, request, stateOwners(state, request.address));
    if (refusal) expect(why).toMatch(refusal);
    else expect(why).toBeUndefined();
  });
});

describe('the PT a Create answered with', () => {
  it('is the purchase when it exists and matches name, model, units and commitment, even with edited tags', () => {
    expect(answerRefusal(ours({ tags: { Edited: 'yes' } }), intent, stateOwners(emptyState, intent.address))).toBeUndefined();
  });

  it('is not a purchase when it no longer exists', () => {
    expect(answerRefusal(undefined, intent, stateOwners(emptyState, intent.address))).toMatch(/does not exist/);
  });

  it("is not a purchase when it is another request's PT", () => {
    expect(answerRefusal(ours({ name: 'someone-else', modelUnits: 1 }), intent, stateOwners(emptyState, intent.address))).toBe(
      'its name is "someone-else", the create asked for "prod-support-chat"; it has 1 model units, the create asked for 2',
    );
  });

  it('is not a purchase when another address tracks it', () => {
    expect(answerRefusal(ours(), intent, stateOwners(trackedElsewhere, intent.address))).toMatch(/already managed as/);
  });
});
