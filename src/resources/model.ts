/**
 * Which model a Provisioned Throughput serves. Terraform's `model_arn` only accepts an
 * ARN, so a foundation-model ID is turned into an ARN in the provider's region.
 */
import { partitionOf } from '../engine/aws/partition';
import { foundationModelArn } from '../engine/pt/model-identity';

export { partitionOf };

export type ModelKind = 'foundation' | 'custom';

export class Model {
  /** A foundation model by ID (`anthropic.claude-3-haiku-20240307-v1:0:200k`) or ARN. */
  static foundation(idOrArn: string): Model {
    return new Model('foundation', idOrArn);
  }

  /** A custom (fine-tuned, distilled or imported) model by its ARN. */
  static custom(arn: string): Model {
    return new Model('custom', arn);
  }

  /** A string is taken as an ARN when it starts with `arn:`, otherwise as a foundation-model ID. */
  static of(model: string | Model): Model {
    if (model instanceof Model) return model;
    return model.includes(':custom-model/') ? Model.custom(model) : Model.foundation(model);
  }

  private constructor(
    readonly kind: ModelKind,
    /** The identifier as the user wrote it. */
    readonly identifier: string,
  ) {}

  get isArn(): boolean {
    return this.identifier.startsWith('arn:');
  }

  /** The ARN for Terraform's `model_arn`; IDs are qualified with the region's partition. */
  arnIn(region: string): string {
    if (this.isArn) return this.identifier;
    return foundationModelArn(this.identifier, region);
  }
}
