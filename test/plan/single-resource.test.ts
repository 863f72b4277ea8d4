/** planSingleResource: the planner as the Terraform provider calls it, one resource and no state file. Table-driven, pure. */
import { planSingleResource, type SingleResourceInput } from '../../src/engine/plan/single-resource';
import type { LivePt } from '../../src/engine/model';
import {
  ACCOUNT,
  aDesiredPt,
  aLivePt,
  aManagedPt,
  aPendingCreate,
  CUSTOM_1,
  daysFromNow,
  DEFAULT_TAGS,
  HAIKU_ARN,
  liveFor,
  NOW,
  ptArn,
  REGION,
  STANDARD_MODELS,
} from './builders';

function input(parts: Partial<SingleResourceInput> & { pts?: LivePt[] }): SingleResourceInput {
  const { pts = [], ...rest } = parts;
  return {
    live: { account: ACCOUNT, region: REGION, pts: Object.fromEntries(pts.map((p) => [p.arn, p])), models: STANDARD_MODELS },
    defaultTags: DEFAULT_TAGS,
    now: NOW,
    ...rest,
  };
}

const { address: _a, lifecycle: _l, ...desired } = aDesiredPt({ commitment: 'OneMonth' });
const { address: _m, ...managed } = aManagedPt({ commitment: 'OneMonth' });
const committedLive = liveFor({ ...managed, address: '' }, { commitmentExpirationTime: daysFromNow(20) });
const holder = (overrides: Partial<LivePt> = {}) => aLivePt({ arn: ptArn('holder000001'), name: desired.name, commitment: 'OneMonth', ...overrides });

/** What an interrupted create of exactly `desired` recorded in the provider's journal; its PT was bought one minute after it started. */
const intent = aPendingCreate({
  name: desired.name,
  model: HAIKU_ARN,
  modelUnits: desired.modelUnits,
  commitment: 'OneMonth',
  tagsAll: desired.tagsAll,
  clientRequestToken: 'bpt-journal-1',
});
const intentsPt = () => holder({ creationTime: '2025-05-31T23:01:00.000Z' });

const cases: { name: string; input: SingleResourceInput; action: string; severities: string[] }[] = [
  { name: 'creates when the name is free', input: input({ desired }), action: 'create', severities: [] },
  {
    name: "refuses a create whose name is held by a PT with the same model, units and commitment: it may be another workspace's",
    input: input({ desired, pts: [holder()] }),
    action: 'create',
    severities: ['error'],
  },
  {
    name: 'refuses a create whose name is held by a PT of other units',
    input: input({ desired, pts: [holder({ modelUnits: 5 })] }),
    action: 'create',
    severities: ['error'],
  },
  {
    name: 'plans the create half of a replace as the replacement of the PT it replaces, which keeps its name',
    input: input({ desired, pts: [holder({ modelUnits: 5, commitment: undefined })], replaces: ptArn('holder000001') }),
    action: 'delete-then-create',
    severities: [],
  },
  {
    name: 'refuses the create half of a replace (-replace, or a replace Terraform forces) of a PT whose commitment has not ended',
    input: input({ desired, pts: [holder({ commitmentExpirationTime: daysFromNow(20) })], replaces: ptArn('holder000001') }),
    action: 'delete-then-create',
    severities: ['error'],
  },
  {
    name: 'plans a plain create when the PT it replaces is already gone',
    input: input({ desired, replaces: ptArn('holder000001') }),
    action: 'create',
    severities: [],
  },
  {
    name: 'resumes an interrupted create of exactly this request, whose PT holds the name',
    input: input({ desired, pts: [intentsPt()], intents: [intent] }),
    action: 'create',
    severities: ['note'],
  },
  {
    name: "refuses a create while an interrupted create of something else is open: its PT may be this resource's, renamed",
    input: input({ desired: { ...desired, name: 'renamed-since' }, pts: [intentsPt()], intents: [intent] }),
    action: 'create',
    severities: ['error'],
  },
  {
    name: 'only warns on a resource that buys nothing while an interrupted create is open',
    input: input({
      desired,
      managed,
      pts: [committedLive, holder({ arn: ptArn('orphan000001'), name: 'orphan', creationTime: '2025-05-31T23:01:00.000Z' })],
      intents: [{ ...intent, name: 'orphan' }],
    }),
    action: 'no-op',
    severities: ['warning'],
  },
  {
    name: 'refuses a create whose name another resource of this run plans to create',
    input: input({ desired, otherCreates: [{ ...desired }] }),
    action: 'create',
    severities: ['error'],
  },
  { name: 'renames in place', input: input({ desired: { ...desired, name: 'renamed' }, managed, pts: [committedLive] }), action: 'update', severities: [] },
  {
    name: 'refuses to replace a PT whose commitment has not ended',
    input: input({ desired: { ...desired, modelUnits: 4 }, managed, pts: [committedLive] }),
    action: 'delete-then-create',
    severities: ['error'],
  },
  { name: 'refuses to destroy a PT whose commitment has not ended', input: input({ managed, pts: [committedLive] }), action: 'delete', severities: ['error'] },
  {
    name: 'destroys a PT whose commitment has ended',
    input: input({ managed, pts: [liveFor({ ...managed, address: '' }, { commitmentExpirationTime: daysFromNow(-1) })] }),
    action: 'delete',
    severities: [],
  },
  {
    name: 'swaps a custom model for its base in place',
    input: input({
      desired: { ...desired, model: 'amazon.titan-text-express-v1:0:8k', commitment: undefined },
      managed: { ...managed, modelArn: CUSTOM_1, commitment: undefined },
      pts: [liveFor({ ...managed, address: '', modelArn: CUSTOM_1, commitment: undefined })],
    }),
    action: 'update',
    severities: [],
  },
];

describe('planSingleResource', () => {
  it.each(cases)('$name', ({ input: given, action, severities }) => {
    const { change, diagnostics } = planSingleResource(given);
    expect(change.action).toBe(action);
    expect(diagnostics.map((d) => d.severity)).toEqual(severities);
    expect(change.blocked).toBe(severities.includes('error'));
  });

  it('attaches the journal token to the create that resumes it', () => {
    const { change } = planSingleResource(input({ desired, pts: [intentsPt()], intents: [intent] }));
    expect(change.resumesCreate?.clientRequestToken).toBe('bpt-journal-1');
  });

  it('names the end date when it refuses a destroy', () => {
    const { diagnostics } = planSingleResource(input({ managed, pts: [committedLive] }));
    expect(diagnostics[0].summary).toContain(committedLive.commitmentExpirationTime!.slice(0, 10));
  });
});
