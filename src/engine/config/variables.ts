/**
 * Resolves Terraform template expressions in synthesized JSON. Only input
 * variables (`${var.x}`) can be known before apply without running Terraform;
 * anything else would make bedrock-pt guess, so it is refused with the location.
 */
import { configError, describe, isPlainObject, type ConfigSubject } from './fail';

export interface VariableDeclaration {
  type?: string;
  default?: unknown;
}

type Part = { literal: string } | { expression: string; raw: string };

const VARIABLE_REF = /^var\.([A-Za-z_][A-Za-z0-9_-]*)$/;
/** A reference to another object (resource, data source, module output, local): its value comes from Terraform. */
const OBJECT_REF = /^(data\.|module\.|local\.|[a-z][a-z0-9_]*\.[A-Za-z_])/;

export class VariableResolver {
  private readonly cache = new Map<string, unknown>();

  constructor(
    private readonly declarations: Record<string, VariableDeclaration>,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  /** Returns `value` with every `${var.x}` replaced; any other expression is a config error at `subject`. */
  resolve(value: unknown, subject: ConfigSubject): unknown {
    if (typeof value === 'string') return this.resolveString(value, subject);
    if (Array.isArray(value)) return value.map((item) => this.resolve(item, subject));
    if (isPlainObject(value)) {
      const out: Record<string, unknown> = {};
      for (const [key, v] of Object.entries(value)) out[key] = this.resolve(v, subject);
      return out;
    }
    return value;
  }

  /** The value of one variable: TF_VAR_<name> from the environment, else its default. */
  variable(name: string, subject: ConfigSubject): unknown {
    if (this.cache.has(name)) return this.cache.get(name);
    const declaration = this.declarations[name];
    if (!declaration) configError(subject, `refers to undeclared variable "${name}"`);
    const fromEnv = this.env[`TF_VAR_${name}`];
    let value: unknown;
    if (fromEnv !== undefined) value = parseEnvValue(fromEnv, declaration.type, name, subject);
    else if (declaration.default !== undefined && declaration.default !== null) value = declaration.default;
    else configError(subject, `variable "${name}" has no value; set TF_VAR_${name} or give it a default`);
    const coerced = coerce(value, declaration.type, name, subject);
    this.cache.set(name, coerced);
    return coerced;
  }

  private resolveString(text: string, subject: ConfigSubject): unknown {
    const parts = splitTemplate(text, subject);
    if (parts.length === 1 && 'expression' in parts[0]) return this.expression(parts[0], subject);
    let out = '';
    for (const part of parts) {
      if ('literal' in part) {
        out += part.literal;
        continue;
      }
      const value = this.expression(part, subject);
      if (typeof value === 'object' && value !== null) {
        configError(subject, `variable in "${part.raw}" is ${describe(value)} and cannot be embedded in a string`);
      }
      out += String(value);
    }
    return out;
  }

  private expression(part: { expression: string; raw: string }, subject: ConfigSubject): unknown {
    const match = VARIABLE_REF.exec(part.expression.trim());
    if (match) return this.variable(match[1], subject);
    if (OBJECT_REF.test(part.expression.trim())) {
      configError(
        subject,
        `value known only after apply is not supported for bedrock-pt managed settings (found "${part.raw}"); write the value literally or pass it as a variable`,
      );
    }
    configError(subject, `Terraform expression "${part.raw}" is not supported for bedrock-pt managed settings; only \${var.NAME} is resolved`);
  }
}

/** Splits a Terraform JSON string into literals and `${...}` / `%{...}` sequences, honouring `$${` and `%%{` escapes. */
export function splitTemplate(text: string, subject: ConfigSubject): Part[] {
  const parts: Part[] = [];
  let literal = '';
  let i = 0;
  while (i < text.length) {
    const two = text.slice(i, i + 2);
    const three = text.slice(i, i + 3);
    if (three === '$${' || three === '%%{') {
      literal += three.slice(1);
      i += 3;
      continue;
    }
    if (two === '${' || two === '%{') {
      const end = findClosingBrace(text, i + 2);
      if (end < 0) configError(subject, `unterminated template sequence in "${text}"`);
      if (literal) parts.push({ literal });
      literal = '';
      const raw = text.slice(i, end + 1);
      // A directive (%{if}, %{for}) is never a plain variable: keep the marker so it is refused.
      parts.push({ expression: two === '%{' ? raw : text.slice(i + 2, end), raw });
      i = end + 1;
      continue;
    }
    literal += text[i];
    i += 1;
  }
  if (literal || parts.length === 0) parts.push({ literal });
  return parts;
}

function findClosingBrace(text: string, from: number): number {
  let depth = 0;
  let quoted = false;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '\\') i += 1;
      else if (c === '"') quoted = false;
      continue;
    }
    if (c === '"') quoted = true;
    else if (c === '{') depth += 1;
    else if (c === '}') {
      if (depth === 0) return i;
      depth -= 1;
    }
  }
  return -1;
}

/** TF_VAR_ values are strings; complex types are accepted as JSON (HCL object syntax is not parsed here). */
function parseEnvValue(raw: string, type: string | undefined, name: string, subject: ConfigSubject): unknown {
  const kind = typeKind(type);
  if (kind !== 'complex') return raw;
  try {
    return JSON.parse(raw);
  } catch {
    return configError(subject, `TF_VAR_${name} must be JSON for a variable of type ${type}`);
  }
}

function coerce(value: unknown, type: string | undefined, name: string, subject: ConfigSubject): unknown {
  const kind = typeKind(type);
  if (kind === 'number') {
    const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
    if (typeof n !== 'number' || !Number.isFinite(n)) {
      configError(subject, `variable "${name}" is of type number but its value is ${describe(value)}`);
    }
    return n;
  }
  if (kind === 'bool') {
    if (value === true || value === 'true') return true;
    if (value === false || value === 'false') return false;
    configError(subject, `variable "${name}" is of type bool but its value is ${describe(value)}`);
  }
  if (kind === 'string') {
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    if (typeof value !== 'string') configError(subject, `variable "${name}" is of type string but its value is ${describe(value)}`);
  }
  return value;
}

function typeKind(type: string | undefined): 'number' | 'bool' | 'string' | 'complex' | 'any' {
  const t = (type ?? '').replace(/\$\{|\}/g, '').trim();
  if (t === 'number') return 'number';
  if (t === 'bool') return 'bool';
  if (t === 'string') return 'string';
  if (t === '' || t === 'any') return 'any';
  return 'complex';
}
