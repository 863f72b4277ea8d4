/** planSingleResource: the planner as the Terraform provider calls it, one resource and no state file. Table-driven, pure. */
import { planSingleResource, type SingleResourceInput } from '../../src/engine/plan/single-resource';
import type { LivePt } from '../../src/engine/model';
import { ACCOUNT, aDesiredPt, aLivePt, aManagedPt, CUSTOM_1, daysFromNow, DEFAULT_TAGS, liveFor, NOW, ptArn, REGION, STANDARD_MODELS } from './builders';

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

const cases: { name: string; input: SingleResourceInput; action: string; severities: string[] }[] = [
  { name: 'creates when the name is free', input: input({ desired }), action: 'create', severities: [] },
  {
    name: 'only warns on a create whose name is held by a PT with the same model, units and commitment (an interrupted apply\'s purchase)',
    input: input({ desired, pts: [holder()] }),
    action: 'create',
    severities: ['warning'],
  },
  { name: 'refuses a create whose name is held by a PT of other units', input: input({ desired, pts: [holder({ modelUnits: 5 })] }), action: 'create', severities: ['error'] },
  {
    name: 'plans the create half of a replace without counting the replaced PT as holding the name',
    input: input({ desired, pts: [holder({ modelUnits: 5 })], replacing: ptArn('holder000001') }),
    action: 'create',
    severities: [],
  },
  { name: 'renames in place', input: input({ desired: { ...desired, name: 'renamed' }, managed, pts: [committedLive] }), action: 'update', severities: [] },
  { name: 'refuses to replace a PT whose commitment has not ended', input: input({ desired: { ...desired, modelUnits: 4 }, managed, pts: [committedLive] }), action: 'delete-then-create', severities: ['error'] },
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

  it('names the end date when it refuses a destroy', () => {
    const { diagnostics } = planSingleResource(input({ managed, pts: [committedLive] }));
    expect(diagnostics[0].summary).toContain(committedLive.commitmentExpirationTime!.slice(0, 10));
  });
});
