/**
 * The emulator's API facts (src/emulator/bedrock-api-constraints.json) say what botocore's
 * bedrock 2023-04-20 model says: each operation's HTTP binding, members, required members and
 * errors, each error's status, and each shape's type, bounds, pattern and enum. The model is not
 * part of the project; it is read from BEDROCK_API_MODEL, or from ../shared beside the repository,
 * and the suite skips with a line naming it when neither is there.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import facts from '../../src/emulator/bedrock-api-constraints.json';
import { describeUnlessMissing } from '../provider/harness';

const MODEL = process.env.BEDROCK_API_MODEL ?? path.resolve(__dirname, '../../../shared/aws-models/bedrock/2023-04-20/service-2.json');
const present = fs.existsSync(MODEL);

interface BotocoreShape {
  type: string;
  min?: number;
  max?: number;
  pattern?: string;
  enum?: string[];
  member?: { shape: string };
  members?: Record<string, { shape: string; location?: string; locationName?: string; idempotencyToken?: boolean }>;
  required?: string[];
  error?: { httpStatusCode: number; senderFault?: boolean };
}
interface BotocoreOperation {
  http: { method: string; requestUri: string; responseCode: number };
  input?: { shape: string };
  errors?: { shape: string }[];
}
interface Botocore {
  operations: Record<string, BotocoreOperation>;
  shapes: Record<string, BotocoreShape>;
}

describeUnlessMissing("the emulator's API facts", present ? [] : [`botocore's bedrock model at ${MODEL} (set BEDROCK_API_MODEL)`], () => {
  const model = (present ? JSON.parse(fs.readFileSync(MODEL, 'utf8')) : { operations: {}, shapes: {} }) as Botocore;

  it.each(Object.keys(facts.operations))('%s has the HTTP binding, members and errors of the model', (name) => {
    const ours = facts.operations[name as keyof typeof facts.operations];
    const theirs = model.operations[name];
    const input = theirs.input ? model.shapes[theirs.input.shape] : { type: 'structure', members: {}, required: [] };
    expect({ method: ours.method, requestUri: ours.requestUri, responseCode: ours.responseCode }).toEqual(theirs.http);
    expect([...ours.required].sort()).toEqual([...(input.required ?? [])].sort());
    const members = Object.fromEntries(
      Object.entries(input.members ?? {}).map(([member, m]) => [
        member,
        {
          shape: m.shape,
          ...(m.location ? { location: m.location, locationName: m.locationName } : {}),
          ...(m.idempotencyToken ? { idempotencyToken: true } : {}),
        },
      ]),
    );
    expect(ours.members).toEqual(members);
    expect([...ours.errors].sort()).toEqual((theirs.errors ?? []).map((e) => e.shape).sort());
  });

  it.each(Object.keys(facts.errors))('%s has the status and fault of the model', (name) => {
    const theirs = model.shapes[name].error!;
    expect(facts.errors[name as keyof typeof facts.errors]).toEqual({ httpStatusCode: theirs.httpStatusCode, fault: theirs.senderFault ? 'client' : 'server' });
  });

  it.each(Object.keys(facts.shapes))('shape %s has the type, bounds, pattern and enum of the model', (name) => {
    const ours = facts.shapes[name as keyof typeof facts.shapes] as Record<string, unknown>;
    const theirs = model.shapes[name];
    const expected: Record<string, unknown> = { type: theirs.type };
    for (const key of ['min', 'max', 'pattern', 'enum'] as const) if (theirs[key] !== undefined) expected[key] = theirs[key];
    if (theirs.member) expected.member = theirs.member.shape;
    const { members: _members, required: _required, ...comparable } = ours;
    expect(comparable).toEqual(expected);
  });
});
