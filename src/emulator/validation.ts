/**
 * Input validation driven by the model's constraint facts, reported the way Bedrock's front end
 * reports them ("1 validation error detected: Value 'x' at 'field' failed to satisfy constraint:
 * ..."), so a test or a person can see which field was wrong.
 */
import { BEDROCK_API_CONSTRAINTS, type OperationName, type ShapeConstraint } from './constraints';
import { validationError } from './protocol';

const { shapes, operations } = BEDROCK_API_CONSTRAINTS;
const compiled = new Map<string, RegExp>();

/** Model patterns are matched against the whole value, as the service's validator does. */
export function fullMatch(pattern: string): RegExp {
  let re = compiled.get(pattern);
  if (!re) {
    re = new RegExp(`^(?:${pattern})$`);
    compiled.set(pattern, re);
  }
  return re;
}

const show = (value: unknown): string => (value === null || value === undefined ? 'null' : `'${String(value)}'`);

/** Collects every problem, like the service does, instead of stopping at the first. */
class Problems {
  readonly list: string[] = [];
  add(value: unknown, path: string, constraint: string): void {
    this.list.push(`Value ${show(value)} at '${path}' failed to satisfy constraint: Member must ${constraint}`);
  }
}

function checkShape(shapeName: string, value: unknown, path: string, problems: Problems): unknown {
  const shape: ShapeConstraint = shapes[shapeName];
  switch (shape.type) {
    case 'string':
      return checkString(shape, value, path, problems);
    case 'integer':
      return checkInteger(shape, value, path, problems);
    case 'boolean':
      return checkBoolean(value, path, problems);
    case 'timestamp':
      return checkTimestamp(value, path, problems);
    case 'list':
      return checkList(shape, value, path, problems);
    case 'structure':
      return checkStructure(shape, value, path, problems);
    default:
      return value;
  }
}

function checkString(shape: ShapeConstraint, value: unknown, path: string, problems: Problems): unknown {
  if (typeof value !== 'string') {
    problems.add(value, path, 'be a string');
    return value;
  }
  if (shape.min !== undefined && value.length < shape.min) problems.add(value, path, `have length greater than or equal to ${shape.min}`);
  if (shape.max !== undefined && value.length > shape.max) problems.add(value, path, `have length less than or equal to ${shape.max}`);
  if (shape.pattern !== undefined && !fullMatch(shape.pattern).test(value)) problems.add(value, path, `satisfy regular expression pattern: ${shape.pattern}`);
  if (shape.enum && !shape.enum.includes(value)) problems.add(value, path, `satisfy enum value set: [${shape.enum.join(', ')}]`);
  return value;
}

function checkInteger(shape: ShapeConstraint, value: unknown, path: string, problems: Problems): unknown {
  const n = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n)) {
    problems.add(value, path, 'be an integer');
    return value;
  }
  if (shape.min !== undefined && n < shape.min) problems.add(n, path, `have value greater than or equal to ${shape.min}`);
  if (shape.max !== undefined && n > shape.max) problems.add(n, path, `have value less than or equal to ${shape.max}`);
  return n;
}

function checkBoolean(value: unknown, path: string, problems: Problems): unknown {
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  problems.add(value, path, 'be a boolean');
  return value;
}

/** Returns epoch milliseconds; query strings carry ISO-8601, JSON bodies may carry epoch seconds. */
function checkTimestamp(value: unknown, path: string, problems: Problems): unknown {
  const ms = typeof value === 'number' ? value * 1000 : typeof value === 'string' ? Date.parse(value) : NaN;
  if (Number.isNaN(ms)) {
    problems.add(value, path, 'be a timestamp');
    return value;
  }
  return ms;
}

function checkList(shape: ShapeConstraint, value: unknown, path: string, problems: Problems): unknown {
  if (!Array.isArray(value)) {
    problems.add(value, path, 'be a list');
    return value;
  }
  if (shape.min !== undefined && value.length < shape.min) problems.add(value.length, path, `have length greater than or equal to ${shape.min}`);
  if (shape.max !== undefined && value.length > shape.max) problems.add(value.length, path, `have length less than or equal to ${shape.max}`);
  return value.map((item, i) => checkShape(shape.member!, item, `${path}.${i + 1}.member`, problems));
}

function checkStructure(shape: ShapeConstraint, value: unknown, path: string, problems: Problems): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    problems.add(value, path, 'be a structure');
    return value;
  }
  const input = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [name, member] of Object.entries(shape.members ?? {})) {
    const memberPath = path ? `${path}.${name}` : name;
    if (input[name] === undefined || input[name] === null) {
      if (shape.required?.includes(name)) problems.add(null, memberPath, 'not be null');
      continue;
    }
    out[name] = checkShape(member.shape, input[name], memberPath, problems);
  }
  return out;
}

/**
 * Checks a decoded request (path labels, query strings and body members merged by name) against
 * the operation's input shape. Returns the input with integers, booleans and timestamps (as epoch
 * ms) converted; throws ValidationException listing every violation.
 */
export function validateInput(operation: OperationName, raw: Record<string, unknown>): Record<string, unknown> {
  const op = operations[operation];
  const structure: ShapeConstraint = {
    type: 'structure',
    required: op.required,
    members: Object.fromEntries(Object.entries(op.members).map(([k, v]) => [k, { shape: v.shape }])),
  };
  const problems = new Problems();
  const out = checkStructure(structure, raw, '', problems) as Record<string, unknown>;
  if (problems.list.length > 0) {
    const n = problems.list.length;
    throw validationError(`${n} validation error${n > 1 ? 's' : ''} detected: ${problems.list.join('; ')}`);
  }
  return out;
}
