/**
 * Maps an HTTP request to a Bedrock operation and its raw input, using the HTTP bindings from the
 * model: path labels, query strings and JSON body members merged by member name.
 */
import { BEDROCK_API_CONSTRAINTS, type OperationName } from './constraints';
import type { Handler } from './context';
import { getCustomModel, getFoundationModel, listCustomModels, listFoundationModels } from './operations/models';
import {
  createProvisionedModelThroughput,
  deleteProvisionedModelThroughput,
  getProvisionedModelThroughput,
  listProvisionedModelThroughputs,
  updateProvisionedModelThroughput,
} from './operations/provisioned';
import { listTagsForResource, tagResource, untagResource } from './operations/tags';
import { ApiError, validationError } from './protocol';

export const HANDLERS: Record<OperationName, Handler> = {
  CreateProvisionedModelThroughput: createProvisionedModelThroughput,
  GetProvisionedModelThroughput: getProvisionedModelThroughput,
  ListProvisionedModelThroughputs: listProvisionedModelThroughputs,
  UpdateProvisionedModelThroughput: updateProvisionedModelThroughput,
  DeleteProvisionedModelThroughput: deleteProvisionedModelThroughput,
  TagResource: tagResource,
  UntagResource: untagResource,
  ListTagsForResource: listTagsForResource,
  GetFoundationModel: getFoundationModel,
  ListFoundationModels: listFoundationModels,
  GetCustomModel: getCustomModel,
  ListCustomModels: listCustomModels,
};

interface Route {
  operation: OperationName;
  method: string;
  path: RegExp;
  labels: string[];
}

const ROUTES: Route[] = Object.entries(BEDROCK_API_CONSTRAINTS.operations).map(([operation, op]) => {
  const labels: string[] = [];
  const source = op.requestUri.replace(/\{([^}]+)\}/g, (_m, label: string) => {
    labels.push(label);
    return '([^/]+)';
  });
  return { operation: operation as OperationName, method: op.method, path: new RegExp(`^${source}$`), labels };
});

export interface RoutedRequest {
  operation: OperationName;
  /** Members as sent, before validation and type conversion. */
  input: Record<string, unknown>;
  /** Set when the request could not be decoded (e.g. a body that is not JSON). */
  error?: ApiError;
}

/** Undefined when no Bedrock operation has this method and path. */
export function routeRequest(method: string, rawPath: string, search: URLSearchParams, body: string): RoutedRequest | undefined {
  for (const route of ROUTES) {
    if (route.method !== method) continue;
    const match = route.path.exec(rawPath);
    if (!match) continue;
    try {
      return { operation: route.operation, input: decodeInput(route, match, search, body) };
    } catch (error) {
      if (error instanceof ApiError) return { operation: route.operation, input: {}, error };
      throw error;
    }
  }
  return undefined;
}

function decodeInput(route: Route, match: RegExpExecArray, search: URLSearchParams, body: string): Record<string, unknown> {
  const op = BEDROCK_API_CONSTRAINTS.operations[route.operation];
  const input: Record<string, unknown> = {};
  if (body.trim() !== '') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      throw validationError('The request body is not valid JSON.');
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw validationError('The request body must be a JSON object.');
    for (const [name, member] of Object.entries(op.members)) {
      if (!member.location && name in parsed) input[name] = (parsed as Record<string, unknown>)[name];
    }
  }
  for (const [name, member] of Object.entries(op.members)) {
    if (member.location === 'uri') {
      const index = route.labels.indexOf(member.locationName ?? name);
      if (index >= 0) input[name] = decodeLabel(match[index + 1]);
    } else if (member.location === 'querystring') {
      const value = search.get(member.locationName ?? name);
      if (value !== null) input[name] = value;
    }
  }
  return input;
}

function decodeLabel(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw validationError(`The path segment ${raw} is not valid percent-encoding.`);
  }
}
