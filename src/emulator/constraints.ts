/**
 * Constraint facts for the emulated operations, extracted from botocore's bedrock 2023-04-20
 * service-2.json (HTTP bindings, input shapes, error lists; no documentation text). It mirrors
 * test/fixtures/bedrock-api-constraints.json, and a test checks the two stay identical, because
 * the project must not read /work/shared at run or test time.
 */

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

export const BEDROCK_API_CONSTRAINTS: ApiConstraints = {
  "note": "Facts extracted from botocore's bedrock 2023-04-20 service-2.json (HTTP bindings, input shapes and their constraints, error lists); no documentation text.",
  "source": "botocore/data/bedrock/2023-04-20/service-2.json",
  "operations": {
    "CreateProvisionedModelThroughput": {
      "method": "POST",
      "requestUri": "/provisioned-model-throughput",
      "responseCode": 201,
      "required": [
        "modelUnits",
        "provisionedModelName",
        "modelId"
      ],
      "members": {
        "clientRequestToken": {
          "shape": "IdempotencyToken",
          "idempotencyToken": true
        },
        "modelUnits": {
          "shape": "PositiveInteger"
        },
        "provisionedModelName": {
          "shape": "ProvisionedModelName"
        },
        "modelId": {
          "shape": "ModelIdentifier"
        },
        "commitmentDuration": {
          "shape": "CommitmentDuration"
        },
        "tags": {
          "shape": "TagList"
        }
      },
      "errors": [
        "ResourceNotFoundException",
        "AccessDeniedException",
        "ValidationException",
        "InternalServerException",
        "TooManyTagsException",
        "ServiceQuotaExceededException",
        "ThrottlingException"
      ]
    },
    "GetProvisionedModelThroughput": {
      "method": "GET",
      "requestUri": "/provisioned-model-throughput/{provisionedModelId}",
      "responseCode": 200,
      "required": [
        "provisionedModelId"
      ],
      "members": {
        "provisionedModelId": {
          "shape": "ProvisionedModelId",
          "location": "uri",
          "locationName": "provisionedModelId"
        }
      },
      "errors": [
        "ResourceNotFoundException",
        "AccessDeniedException",
        "ValidationException",
        "InternalServerException",
        "ThrottlingException"
      ]
    },
    "ListProvisionedModelThroughputs": {
      "method": "GET",
      "requestUri": "/provisioned-model-throughputs",
      "responseCode": 200,
      "required": [],
      "members": {
        "creationTimeAfter": {
          "shape": "Timestamp",
          "location": "querystring",
          "locationName": "creationTimeAfter"
        },
        "creationTimeBefore": {
          "shape": "Timestamp",
          "location": "querystring",
          "locationName": "creationTimeBefore"
        },
        "statusEquals": {
          "shape": "ProvisionedModelStatus",
          "location": "querystring",
          "locationName": "statusEquals"
        },
        "modelArnEquals": {
          "shape": "ModelArn",
          "location": "querystring",
          "locationName": "modelArnEquals"
        },
        "nameContains": {
          "shape": "ProvisionedModelName",
          "location": "querystring",
          "locationName": "nameContains"
        },
        "maxResults": {
          "shape": "MaxResults",
          "location": "querystring",
          "locationName": "maxResults"
        },
        "nextToken": {
          "shape": "PaginationToken",
          "location": "querystring",
          "locationName": "nextToken"
        },
        "sortBy": {
          "shape": "SortByProvisionedModels",
          "location": "querystring",
          "locationName": "sortBy"
        },
        "sortOrder": {
          "shape": "SortOrder",
          "location": "querystring",
          "locationName": "sortOrder"
        }
      },
      "errors": [
        "AccessDeniedException",
        "ValidationException",
        "InternalServerException",
        "ThrottlingException"
      ]
    },
    "UpdateProvisionedModelThroughput": {
      "method": "PATCH",
      "requestUri": "/provisioned-model-throughput/{provisionedModelId}",
      "responseCode": 200,
      "required": [
        "provisionedModelId"
      ],
      "members": {
        "provisionedModelId": {
          "shape": "ProvisionedModelId",
          "location": "uri",
          "locationName": "provisionedModelId"
        },
        "desiredProvisionedModelName": {
          "shape": "ProvisionedModelName"
        },
        "desiredModelId": {
          "shape": "ModelIdentifier"
        }
      },
      "errors": [
        "ResourceNotFoundException",
        "AccessDeniedException",
        "ValidationException",
        "InternalServerException",
        "ThrottlingException"
      ]
    },
    "DeleteProvisionedModelThroughput": {
      "method": "DELETE",
      "requestUri": "/provisioned-model-throughput/{provisionedModelId}",
      "responseCode": 200,
      "required": [
        "provisionedModelId"
      ],
      "members": {
        "provisionedModelId": {
          "shape": "ProvisionedModelId",
          "location": "uri",
          "locationName": "provisionedModelId"
        }
      },
      "errors": [
        "ResourceNotFoundException",
        "AccessDeniedException",
        "ValidationException",
        "ConflictException",
        "InternalServerException",
        "ThrottlingException"
      ]
    },
    "TagResource": {
      "method": "POST",
      "requestUri": "/tagResource",
      "responseCode": 200,
      "required": [
        "resourceARN",
        "tags"
      ],
      "members": {
        "resourceARN": {
          "shape": "TaggableResourcesArn"
        },
        "tags": {
          "shape": "TagList"
        }
      },
      "errors": [
        "ResourceNotFoundException",
        "AccessDeniedException",
        "ValidationException",
        "InternalServerException",
        "TooManyTagsException",
        "ThrottlingException"
      ]
    },
    "UntagResource": {
      "method": "POST",
      "requestUri": "/untagResource",
      "responseCode": 200,
      "required": [
        "resourceARN",
        "tagKeys"
      ],
      "members": {
        "resourceARN": {
          "shape": "TaggableResourcesArn"
        },
        "tagKeys": {
          "shape": "TagKeyList"
        }
      },
      "errors": [
        "ResourceNotFoundException",
        "AccessDeniedException",
        "ValidationException",
        "InternalServerException",
        "ThrottlingException"
      ]
    },
    "ListTagsForResource": {
      "method": "POST",
      "requestUri": "/listTagsForResource",
      "responseCode": 200,
      "required": [
        "resourceARN"
      ],
      "members": {
        "resourceARN": {
          "shape": "TaggableResourcesArn"
        }
      },
      "errors": [
        "ResourceNotFoundException",
        "AccessDeniedException",
        "ValidationException",
        "InternalServerException",
        "ThrottlingException"
      ]
    },
    "GetFoundationModel": {
      "method": "GET",
      "requestUri": "/foundation-models/{modelIdentifier}",
      "responseCode": 200,
      "required": [
        "modelIdentifier"
      ],
      "members": {
        "modelIdentifier": {
          "shape": "GetFoundationModelIdentifier",
          "location": "uri",
          "locationName": "modelIdentifier"
        }
      },
      "errors": [
        "ResourceNotFoundException",
        "AccessDeniedException",
        "ValidationException",
        "InternalServerException",
        "ThrottlingException"
      ]
    },
    "ListFoundationModels": {
      "method": "GET",
      "requestUri": "/foundation-models",
      "responseCode": 200,
      "required": [],
      "members": {
        "byProvider": {
          "shape": "Provider",
          "location": "querystring",
          "locationName": "byProvider"
        },
        "byCustomizationType": {
          "shape": "ModelCustomization",
          "location": "querystring",
          "locationName": "byCustomizationType"
        },
        "byOutputModality": {
          "shape": "ModelModality",
          "location": "querystring",
          "locationName": "byOutputModality"
        },
        "byInferenceType": {
          "shape": "InferenceType",
          "location": "querystring",
          "locationName": "byInferenceType"
        }
      },
      "errors": [
        "AccessDeniedException",
        "ValidationException",
        "InternalServerException",
        "ThrottlingException"
      ]
    },
    "GetCustomModel": {
      "method": "GET",
      "requestUri": "/custom-models/{modelIdentifier}",
      "responseCode": 200,
      "required": [
        "modelIdentifier"
      ],
      "members": {
        "modelIdentifier": {
          "shape": "ModelIdentifier",
          "location": "uri",
          "locationName": "modelIdentifier"
        }
      },
      "errors": [
        "ResourceNotFoundException",
        "AccessDeniedException",
        "ValidationException",
        "InternalServerException",
        "ThrottlingException"
      ]
    },
    "ListCustomModels": {
      "method": "GET",
      "requestUri": "/custom-models",
      "responseCode": 200,
      "required": [],
      "members": {
        "creationTimeBefore": {
          "shape": "Timestamp",
          "location": "querystring",
          "locationName": "creationTimeBefore"
        },
        "creationTimeAfter": {
          "shape": "Timestamp",
          "location": "querystring",
          "locationName": "creationTimeAfter"
        },
        "nameContains": {
          "shape": "CustomModelName",
          "location": "querystring",
          "locationName": "nameContains"
        },
        "baseModelArnEquals": {
          "shape": "ModelArn",
          "location": "querystring",
          "locationName": "baseModelArnEquals"
        },
        "foundationModelArnEquals": {
          "shape": "FoundationModelArn",
          "location": "querystring",
          "locationName": "foundationModelArnEquals"
        },
        "maxResults": {
          "shape": "MaxResults",
          "location": "querystring",
          "locationName": "maxResults"
        },
        "nextToken": {
          "shape": "PaginationToken",
          "location": "querystring",
          "locationName": "nextToken"
        },
        "sortBy": {
          "shape": "SortModelsBy",
          "location": "querystring",
          "locationName": "sortBy"
        },
        "sortOrder": {
          "shape": "SortOrder",
          "location": "querystring",
          "locationName": "sortOrder"
        },
        "isOwned": {
          "shape": "Boolean",
          "location": "querystring",
          "locationName": "isOwned"
        },
        "modelStatus": {
          "shape": "ModelStatus",
          "location": "querystring",
          "locationName": "modelStatus"
        }
      },
      "errors": [
        "AccessDeniedException",
        "ValidationException",
        "InternalServerException",
        "ThrottlingException"
      ]
    }
  },
  "errors": {
    "AccessDeniedException": {
      "httpStatusCode": 403,
      "fault": "client"
    },
    "ConflictException": {
      "httpStatusCode": 400,
      "fault": "client"
    },
    "InternalServerException": {
      "httpStatusCode": 500,
      "fault": "server"
    },
    "ResourceNotFoundException": {
      "httpStatusCode": 404,
      "fault": "client"
    },
    "ServiceQuotaExceededException": {
      "httpStatusCode": 400,
      "fault": "client"
    },
    "ThrottlingException": {
      "httpStatusCode": 429,
      "fault": "client"
    },
    "TooManyTagsException": {
      "httpStatusCode": 400,
      "fault": "client"
    },
    "ValidationException": {
      "httpStatusCode": 400,
      "fault": "client"
    }
  },
  "shapes": {
    "Boolean": {
      "type": "boolean"
    },
    "CommitmentDuration": {
      "type": "string",
      "enum": [
        "OneMonth",
        "SixMonths"
      ]
    },
    "CustomModelName": {
      "type": "string",
      "min": 1,
      "max": 63,
      "pattern": "([0-9a-zA-Z][_-]?){1,63}"
    },
    "FoundationModelArn": {
      "type": "string",
      "pattern": "arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}::foundation-model/[a-z0-9-]{1,63}[.]{1}([a-z0-9-]{1,63}[.]){0,2}[a-z0-9-]{1,63}([:][a-z0-9-]{1,63}){0,2}"
    },
    "GetFoundationModelIdentifier": {
      "type": "string",
      "min": 1,
      "max": 2048,
      "pattern": "(arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}::foundation-model/[a-z0-9-]{1,63}[.]{1}([a-z0-9-]{1,63}[.]){0,2}[a-z0-9-]{1,63}([:][a-z0-9-]{1,63}){0,2})|([a-z0-9-]{1,63}[.]{1}[a-z0-9-]{1,63}([.]?[a-z0-9-]{1,63})([:][a-z0-9-]{1,63}){0,2})"
    },
    "IdempotencyToken": {
      "type": "string",
      "min": 1,
      "max": 256,
      "pattern": "[a-zA-Z0-9]([-a-zA-Z0-9]{0,254}[a-zA-Z0-9])?"
    },
    "InferenceType": {
      "type": "string",
      "enum": [
        "ON_DEMAND",
        "PROVISIONED"
      ]
    },
    "MaxResults": {
      "type": "integer",
      "min": 1,
      "max": 1000
    },
    "ModelArn": {
      "type": "string",
      "min": 20,
      "max": 1011,
      "pattern": "arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:(([0-9]{12}:custom-model/((imported)|([a-z0-9-]{1,63}[.]{1}[a-z0-9-]{1,63}))(([:][a-z0-9-]{1,63}){0,2})?/[a-z0-9]{12})|(:foundation-model/[a-z0-9-]{1,63}[.]{1}([a-z0-9-]{1,63}[.]){0,2}[a-z0-9-]{1,63}([:][a-z0-9-]{1,63}){0,2}))"
    },
    "ModelCustomization": {
      "type": "string",
      "enum": [
        "FINE_TUNING",
        "CONTINUED_PRE_TRAINING",
        "DISTILLATION"
      ]
    },
    "ModelIdentifier": {
      "type": "string",
      "min": 1,
      "max": 2048,
      "pattern": "arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:(([0-9]{12}:custom-model/((imported)|([a-z0-9-]{1,63}[.]{1}[a-z0-9-]{1,63}))(([:][a-z0-9-]{1,63}){0,2})?/[a-z0-9]{12})|(:foundation-model/([a-z0-9-]{1,63}[.]{1}[a-z0-9-]{1,63}([.]?[a-z0-9-]{1,63})([:][a-z0-9-]{1,63}){0,2})))|(([a-z0-9-]{1,63}[.]{1}[a-z0-9-]{1,63}([.]?[a-z0-9-]{1,63})([:][a-z0-9-]{1,63}){0,2}))|(([0-9a-zA-Z][_-]?)+)"
    },
    "ModelModality": {
      "type": "string",
      "enum": [
        "TEXT",
        "IMAGE",
        "EMBEDDING"
      ]
    },
    "ModelStatus": {
      "type": "string",
      "enum": [
        "Active",
        "Creating",
        "Failed"
      ]
    },
    "PaginationToken": {
      "type": "string",
      "min": 1,
      "max": 2048,
      "pattern": "\\S*"
    },
    "PositiveInteger": {
      "type": "integer",
      "min": 1
    },
    "Provider": {
      "type": "string",
      "pattern": "[A-Za-z0-9- ]{1,63}"
    },
    "ProvisionedModelId": {
      "type": "string",
      "pattern": "((([0-9a-zA-Z][_-]?)+)|(arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:[0-9]{12}:provisioned-model/[a-z0-9]{12}))"
    },
    "ProvisionedModelName": {
      "type": "string",
      "min": 1,
      "max": 63,
      "pattern": "([0-9a-zA-Z][_-]?)+"
    },
    "ProvisionedModelStatus": {
      "type": "string",
      "enum": [
        "Creating",
        "InService",
        "Updating",
        "Failed"
      ]
    },
    "SortByProvisionedModels": {
      "type": "string",
      "enum": [
        "CreationTime"
      ]
    },
    "SortModelsBy": {
      "type": "string",
      "enum": [
        "CreationTime"
      ]
    },
    "SortOrder": {
      "type": "string",
      "enum": [
        "Ascending",
        "Descending"
      ]
    },
    "Tag": {
      "type": "structure",
      "required": [
        "key",
        "value"
      ],
      "members": {
        "key": {
          "shape": "TagKey"
        },
        "value": {
          "shape": "TagValue"
        }
      }
    },
    "TagKey": {
      "type": "string",
      "min": 1,
      "max": 128,
      "pattern": "[a-zA-Z0-9\\s._:/=+@-]*"
    },
    "TagKeyList": {
      "type": "list",
      "min": 0,
      "max": 200,
      "member": "TagKey"
    },
    "TagList": {
      "type": "list",
      "min": 0,
      "max": 200,
      "member": "Tag"
    },
    "TagValue": {
      "type": "string",
      "min": 0,
      "max": 256,
      "pattern": "[a-zA-Z0-9\\s._:/=+@-]*"
    },
    "TaggableResourcesArn": {
      "type": "string",
      "min": 20,
      "max": 1011,
      "pattern": ".*(^[a-zA-Z0-9][a-zA-Z0-9\\-]*$)|(^arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:[0-9]{12}:custom-model/(imported)/[a-z0-9]{12}$)|(^arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:([0-9]{12}|)((:(fine-tuning-job|model-customization-job|custom-model)/[a-z0-9-]{1,63}[.]{1}[a-z0-9-]{1,63}([a-z0-9-]{1,63}[.]){0,2}[a-z0-9-]{1,63}([:][a-z0-9-]{1,63}){0,2}(/[a-z0-9]{12})$)|(:guardrail/[a-z0-9]+$)|(:automated-reasoning-policy/[a-zA-Z0-9]+(:[a-zA-Z0-9]+)?$)|(:(inference-profile|application-inference-profile)/[a-zA-Z0-9-:.]+$)|(:(provisioned-model|model-invocation-job|model-evaluation-job|evaluation-job|model-import-job|imported-model|async-invoke|provisioned-model-v2|provisioned-model-reservation|prompt-router|custom-model-deployment)/[a-z0-9]{12}$))).*"
    },
    "Timestamp": {
      "type": "timestamp"
    }
  }
};
