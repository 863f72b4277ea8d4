/**
 * Constraint facts for the emulated operations: `bedrock-api-constraints.json` beside this file,
 * extracted from botocore's bedrock 2023-04-20 service-2.json (HTTP bindings, input shapes, error
 * lists; no documentation text). The data lives in that one JSON file, read by the emulator and
 * the tests alike; test/emulator/api-model.test.ts checks it against botocore's model when a copy
 * is at hand. This module gives it its types.
 */
import data from './bedrock-api-constraints.json';

export type OperationName =
  | 'CreateProvisionedModelThroughput'
  | 'GetProvisionedModelThroughput'
  | 'ListProvisionedModelThroughputs'
  | 'UpdateProvisionedModelThroughput'
  | 'DeleteProvisionedModelThroughput'
  | 'TagResource'
  | 'UntagResource'
  | 'ListTagsForResource'
  | 'GetFoundationModel'
  | 'ListFoundationModels'
  | 'GetCustomModel'
  | 'ListCustomModels';

export interface ShapeConstraint {
  type: string;
  min?: number;
  max?: number;
  pattern?: string;
  enum?: string[];
  /** For lists: the member shape name. */
  member?: string;
  /** For structures. */
  required?: string[];
  members?: Record<string, { shape: string }>;
}

export interface MemberBinding {
  shape: string;
  location?: 'uri' | 'querystring' | string;
  locationName?: string;
  idempotencyToken?: boolean;
}

export interface OperationConstraint {
  method: string;
  requestUri: string;
  responseCode: number;
  required: string[];
  members: Record<string, MemberBinding>;
  errors: string[];
}

export interface ApiConstraints {
  note: string;
  source: string;
  operations: Record<OperationName, OperationConstraint>;
  errors: Record<string, { httpStatusCode: number; fault: 'client' | 'server' }>;
  shapes: Record<string, ShapeConstraint>;
}

export const BEDROCK_API_CONSTRAINTS: ApiConstraints = data as ApiConstraints;
