import { decodeDynamicValue, decodeMsgpack, encodeMsgpack, CtyCodecError } from '../../src/provider/protocol/cty';
import { UNKNOWN, type CtyType } from '../../src/provider/contract';

/** Hand-built msgpack: each helper writes one value exactly as the spec lays it out. */
const str = (s: string): number[] => [0xa0 | s.length, ...Buffer.from(s)];
const bin = (s: string): number[] => [0xc4, s.length, ...Buffer.from(s)];
const map = (n: number): number[] => [0x80 | n];
const arr = (n: number): number[] => [0x90 | n];
const NIL = [0xc0];
const TRUE = [0xc3];
const bytes = (...parts: number[][]): Uint8Array => Uint8Array.from(parts.flat());

const PT: CtyType = ['object', { name: 'string', units: 'number', tags: ['map', 'string'], arn: 'string' }];

describe('cty msgpack decoding', () => {
  it('decodes an object by its type, filling attributes Terraform left out with null', () => {
    const wire = bytes(map(3), str('name'), str('chat'), str('units'), [0x02], str('tags'), map(1), str('Team'), str('ml'));
    expect(decodeMsgpack(wire, PT)).toEqual({ name: 'chat', units: 2, tags: { Team: 'ml' }, arn: null });
  });

  it('reads a plain unknown (extension 0) and a refined unknown (extension 12) as UNKNOWN', () => {
    const plain = [0xd4, 0x00, 0x00];
    const refined = [0xc7, 0x03, 0x0c, 0x81, 0x01, 0xc3];
    const wire = bytes(map(2), str('name'), str('x'), str('arn'), plain);
    expect(decodeMsgpack(wire, PT)).toEqual({ name: 'x', units: null, tags: null, arn: UNKNOWN });
    expect(decodeMsgpack(bytes(refined), 'string')).toBe(UNKNOWN);
    expect(decodeMsgpack(bytes(plain), PT)).toBe(UNKNOWN);
  });

  it('reads a number that arrives as a decimal string', () => {
    expect(decodeMsgpack(bytes(str('2.5')), 'number')).toBe(2.5);
    // Past 2^53 a decimal reads as the nearest double, as Number() reads it.
    expect(decodeMsgpack(bytes([0xb4], [...Buffer.from('12345678901234567890')]), 'number')).toBe(Number('12345678901234567890'));
    expect(decodeMsgpack(bytes([0xcb, 0x3f, 0xf8, 0, 0, 0, 0, 0, 0]), 'number')).toBe(1.5);
  });

  it('decodes a dynamic value from its [type-json, value] pair', () => {
    expect(decodeMsgpack(bytes(arr(2), bin('"string"'), str('hi')), 'dynamic')).toBe('hi');
    const listOfBool = bytes(arr(2), bin('["list","bool"]'), arr(1), TRUE);
    expect(decodeMsgpack(listOfBool, 'dynamic')).toEqual([true]);
  });

  it('decodes lists and sets to arrays and nil to null', () => {
    expect(decodeMsgpack(bytes(arr(2), str('a'), NIL), ['set', 'string'])).toEqual(['a', null]);
    expect(decodeMsgpack(bytes(NIL), PT)).toBeNull();
  });

  it('refuses a value that does not fit its type, naming the attribute path', () => {
    const wire = bytes(map(1), str('tags'), map(1), str('Team'), [0x07]);
    expect(() => decodeMsgpack(wire, PT)).toThrow(new CtyCodecError([{ attribute: 'tags' }, { key: 'Team' }], 'expected a string, got number 7'));
    expect(() => decodeMsgpack(bytes(map(1), str('color'), str('red')), PT)).toThrow(/unexpected attribute "color"/);
  });

  it('decodes the JSON encoding too, dynamic values as {value, type}', () => {
    expect(decodeDynamicValue({ json: Buffer.from('{"name":"a","units":"3"}') }, PT)).toEqual({ name: 'a', units: 3, tags: null, arn: null });
    expect(decodeDynamicValue({ json: Buffer.from('{"value":[1,2],"type":["list","number"]}') }, 'dynamic')).toEqual([1, 2]);
    expect(decodeDynamicValue({}, PT)).toBeNull();
  });
});

describe('cty msgpack encoding', () => {
  it('writes every attribute of an object and unknown as extension 0', () => {
    const wire = Buffer.from(encodeMsgpack({ name: 'chat', units: 1, arn: UNKNOWN }, PT));
    expect(wire).toEqual(Buffer.from(bytes(map(4), str('name'), str('chat'), str('units'), [0x01], str('tags'), NIL, str('arn'), [0xd4, 0x00, 0x00])));
  });

  it('round-trips values through their type, dynamic ones with their inferred type', () => {
    const type: CtyType = ['object', { d: 'dynamic', l: ['list', 'number'], s: ['set', 'string'] }];
    const value = { d: { a: [true, 'x'] }, l: [1, 2.25], s: ['z'] };
    expect(decodeMsgpack(encodeMsgpack(value, type), type)).toEqual(value);
    const dynamic = Buffer.from(encodeMsgpack('hi', 'dynamic'));
    expect(dynamic).toEqual(Buffer.from(bytes(arr(2), bin('"string"'), str('hi'))));
  });

  it('refuses to encode a value of the wrong type, naming where', () => {
    expect(() => encodeMsgpack({ units: 'two' } as never, PT)).toThrow(/cannot encode string "two" as number at units/);
  });
});
