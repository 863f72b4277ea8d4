import { Construct } from 'constructs';
import { AwsProvider, BedrockProvisionedModelThroughput, Lazy, TerraformStack, Token, type TerraformProvider } from './cdk';
import { BedrockptProvider } from './bedrockpt/provider';
import { ProvisionedModelThroughput } from './bedrockpt/provisioned-model-throughput';
import { EnvironmentStack, type PtResourceKind } from './environment-stack';
import type { Commitment, Tags } from '../engine/model/desired';
import { IGNORABLE_PT_ATTRIBUTES } from '../engine/pt/attributes';
import {
  MODEL_IDENTIFIER_PATTERN,
  checkModelIdentifier,
  checkPtAttributes,
  checkTagCount,
  checkTags,
  describeViolation,
  showValue,
  type PtFieldNames,
  type Violation,
} from './limits';
import { parseIgnoreEntry } from '../engine/rules/ignore-changes';
import { Model } from './model';

/** Terraform attributes of the resource that `ignoreChanges` may name (all but the computed ARN and id). */
/** The construct's property names, which its validation messages use. */
const CONSTRUCT_FIELD_NAMES: PtFieldNames = { provisioned_model_name: 'name', model_units: 'modelUnits', commitment_duration: 'commitment' };

export const PT_ATTRIBUTES = IGNORABLE_PT_ATTRIBUTES;

export interface ProvisionedThroughputTimeouts {
  /**
   * How long Terraform waits for the PT to become InService, e.g. "60m".
   * The provider's schema has only a create timeout (update is a no-op, delete is immediate).
   * @default the provider's 10m
   */
  readonly create?: string;
}

export interface ProvisionedThroughputProps {
  /** The PT's name in Bedrock: 1-63 characters of letters and digits, single `_`/`-` between. */
  readonly name: string;
  /** The model served: a foundation-model ID or ARN, a custom-model ARN, or a `Model`. */
  readonly model: string | Model;
  /** Model units to buy; each one is billed hourly (or for the whole term when committed). */
  readonly modelUnits: number;
  /**
   * Commitment term. A committed PT cannot be deleted before the term ends.
   * @default no commitment (billed hourly, deletable any time)
   */
  readonly commitment?: Commitment;
  /** Resource tags, merged over the provider's default tags (at most 50 in total). */
  readonly tags?: Tags;
  /**
   * Terraform `lifecycle.prevent_destroy`.
   * @default true when a commitment is set, false otherwise
   */
  readonly preventDestroy?: boolean;
  /** Terraform `lifecycle.create_before_destroy`. @default unset (Terraform's false) */
  readonly createBeforeDestroy?: boolean;
  /** Terraform `lifecycle.ignore_changes`: attribute names from `PT_ATTRIBUTES`, single tag keys (`tags["Owner"]`), or 'all'. */
  readonly ignoreChanges?: string[] | 'all';
  readonly timeouts?: ProvisionedThroughputTimeouts;
  /**
   * The provider to use: an `AwsProvider` for the `aws` resource, a `BedrockptProvider` for
   * the `bedrockpt` one. @default the stack's provider of that kind without an alias
   */
  readonly provider?: TerraformProvider;
  /**
   * Which resource to synthesize: `aws_bedrock_provisioned_model_throughput` (hashicorp/aws,
   * planned by `bedrock-pt plan`) or `bedrockpt_provisioned_model_throughput` (the bedrock-pt
   * Terraform provider, for `cdktf plan/deploy`). Both take the same arguments.
   * @default the EnvironmentStack's `ptResource`, else 'aws'
   */
  readonly resourceType?: PtResourceKind;
  /**
   * Adds a `moved` block from `aws_bedrock_provisioned_model_throughput.<same name>` to this
   * `bedrockpt_provisioned_model_throughput`, for a PT that hashicorp/aws manages today: the
   * next plan moves the state and changes nothing in Bedrock. Only with resourceType
   * 'bedrockpt'. The block may stay after the move (Terraform ignores a moved block whose
   * source is gone); remove it when no state anywhere still has the old address.
   * @default the EnvironmentStack's `migrateFromAws`, else false
   */
  readonly migrateFromAws?: boolean;
}

/** The provider settings the construct's validation reads. */
interface ProviderView {
  region?: string;
  defaultTags?: Tags;
}

/**
 * One Amazon Bedrock Provisioned Throughput, synthesized as one
 * `aws_bedrock_provisioned_model_throughput` or `bedrockpt_provisioned_model_throughput`
 * resource. Created directly in a stack, its Terraform address is `<type>.<id>`.
 * Values breaking the Bedrock API's limits are reported together at synth.
 */
export class ProvisionedThroughput extends Construct {
  readonly resource: BedrockProvisionedModelThroughput | ProvisionedModelThroughput;
  readonly resourceType: PtResourceKind;
  readonly migrateFromAws: boolean;
  /** The PT's ARN (a token, known after apply). */
  readonly arn: string;
  /** The PT's name (a token referencing the resource). */
  readonly name: string;
  readonly model: Model;

  constructor(
    scope: Construct,
    id: string,
    private readonly props: ProvisionedThroughputProps,
  ) {
    super(scope, id);
    this.model = Model.of(props.model);
    const ignoreChanges = props.ignoreChanges;
    const stack = TerraformStack.of(this);
    this.resourceType = props.resourceType ?? (stack instanceof EnvironmentStack ? stack.ptResource : 'aws');
    const Resource = this.resourceType === 'bedrockpt' ? ProvisionedModelThroughput : BedrockProvisionedModelThroughput;
    // The id 'Default' is left out of cdktf's logical-id path, so a PT created in a stack
    // gets the construct's own id as its Terraform name, with no hash suffix.
    this.resource = new Resource(this, 'Default', {
      provisionedModelName: props.name,
      modelArn: this.needsRegion() ? Lazy.stringValue({ produce: () => this.modelArn() }) : this.model.identifier,
      modelUnits: props.modelUnits,
      commitmentDuration: props.commitment,
      tags: props.tags,
      timeouts: props.timeouts,
      provider: props.provider,
      lifecycle: {
        preventDestroy: props.preventDestroy ?? props.commitment !== undefined,
        ...(props.createBeforeDestroy !== undefined && { createBeforeDestroy: props.createBeforeDestroy }),
        ...(ignoreChanges !== undefined && { ignoreChanges }),
      },
    });
    this.node.defaultChild = this.resource;
    this.migrateFromAws = props.migrateFromAws ?? (stack instanceof EnvironmentStack && stack.migrateFromAws);
    if (this.migrateFromAws && this.resourceType === 'bedrockpt') {
      this.resource.moveFromId(`${BedrockProvisionedModelThroughput.tfResourceType}.${this.resource.friendlyUniqueId}`);
    }
    this.arn = this.resource.provisionedModelArn;
    this.name = this.resource.provisionedModelName;
    this.node.addValidation({ validate: () => this.violations().map(describeViolation) });
  }

  /** Terraform address, e.g. `aws_bedrock_provisioned_model_throughput.support_chat`. */
  get address(): string {
    return `${this.resource.terraformResourceType}.${this.resource.friendlyUniqueId}`;
  }

  /** Every broken API rule, skipping values that are unresolved tokens. */
  violations(): Violation[] {
    const { props } = this;
    const literal = (v: unknown) => !Token.isUnresolved(v);
    const known = <T>(value: T | undefined): T | undefined => (value !== undefined && literal(value) ? value : undefined);
    const createTimeout = known(props.timeouts?.create);
    const out: Violation[] = checkPtAttributes(
      {
        provisioned_model_name: known(props.name),
        model_units: known(props.modelUnits),
        commitment_duration: known(props.commitment),
        timeouts: createTimeout === undefined ? undefined : { create: createTimeout },
      },
      literal,
      CONSTRUCT_FIELD_NAMES,
    );
    out.push(...this.modelViolations());
    out.push(...this.tagViolations(literal));
    out.push(...this.ignoreChangesViolations());
    if (this.migrateFromAws && this.resourceType !== 'bedrockpt') {
      out.push({
        field: 'migrateFromAws',
        problem: 'is set on an aws_bedrock_provisioned_model_throughput',
        rule: "moves state to the bedrockpt resource, so it needs resourceType 'bedrockpt' (or the stack's ptResource 'bedrockpt')",
      });
    }
    return out;
  }

  private modelViolations(): Violation[] {
    const id = this.model.identifier;
    if (Token.isUnresolved(id)) return [];
    const syntax = checkModelIdentifier(id);
    if (syntax.length > 0) return syntax;
    if (this.model.kind === 'custom' && !this.model.isArn) {
      return [{ field: 'model', problem: `is ${showValue(id)}`, rule: "must be the custom model's ARN (Terraform's model_arn accepts only ARNs)" }];
    }
    if (!this.needsRegion()) return [];
    const region = this.providerRegion();
    if (region === undefined) {
      return [
        {
          field: 'model',
          problem: `is the foundation-model ID ${showValue(id)} but the ${this.resourceType === 'aws' ? 'AWS' : 'bedrockpt'} provider sets no region`,
          rule: 'must be an ARN, or the provider must set region so the ARN can be formed',
        },
      ];
    }
    const arn = this.model.arnIn(region);
    if (Token.isUnresolved(region) || MODEL_IDENTIFIER_PATTERN.test(arn)) return [];
    return [
      {
        field: 'model',
        problem: `is ${showValue(id)}, which is neither an ARN nor a foundation-model ID`,
        rule: 'must be a foundation-model ID (provider.model) or an ARN; give a custom model with Model.custom(arn)',
      },
    ];
  }

  private tagViolations(literal: (v: unknown) => boolean): Violation[] {
    const tags = this.props.tags ?? {};
    const defaults = this.providerDefaultTags();
    const out = checkTags(tags, 'tags', literal);
    if (defaults !== undefined) {
      out.push(...checkTagCount({ ...defaults, ...tags }, 'tags', "tags once merged with the provider's default tags (tags_all)"));
    } else {
      out.push(...checkTagCount(tags));
    }
    return out;
  }

  private ignoreChangesViolations(): Violation[] {
    const names = this.props.ignoreChanges;
    if (names === undefined || names === 'all') return [];
    const known = PT_ATTRIBUTES as readonly string[];
    return names
      .filter((n) => !Token.isUnresolved(n))
      .flatMap((n) => {
        // The same entry grammar the engine reads back: an attribute, or one key of tags / tags_all.
        const parsed = parseIgnoreEntry(n);
        if (parsed.ok && known.includes(parsed.path.attribute)) return [];
        const root = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(n)?.[0] ?? '';
        const rule =
          !parsed.ok && known.includes(root) ? parsed.rule : `must name attributes among ${known.join(', ')} (or one tag key, as tags["Owner"]), or be 'all'`;
        return [{ field: 'ignoreChanges', problem: `names ${showValue(n)}`, rule }];
      });
  }

  private needsRegion(): boolean {
    return this.model.kind === 'foundation' && !this.model.isArn && !Token.isUnresolved(this.model.identifier);
  }

  private modelArn(): string {
    const region = this.providerRegion();
    // Without a region the ID is passed through; the validation above reports it.
    return region === undefined ? this.model.identifier : this.model.arnIn(region);
  }

  /** The provider the resource uses: the one given, else the stack's only unaliased one of the resource's kind. */
  private provider(): ProviderView | undefined {
    const kind = this.resourceType === 'bedrockpt' ? BedrockptProvider : AwsProvider;
    const given = this.props.provider;
    const defaults = TerraformStack.of(this)
      .node.findAll()
      .filter((c): c is AwsProvider | BedrockptProvider => c instanceof kind && (c as TerraformProvider).alias === undefined);
    const chosen = given !== undefined ? (given instanceof kind ? given : undefined) : defaults.length === 1 ? defaults[0] : undefined;
    if (chosen instanceof BedrockptProvider) return { region: chosen.region, defaultTags: chosen.defaultTags?.tags };
    if (chosen instanceof AwsProvider) {
      const blocks = chosen.defaultTags;
      return { region: chosen.region, defaultTags: Array.isArray(blocks) && blocks.length > 0 ? blocks[0].tags : undefined };
    }
    return undefined;
  }

  private providerRegion(): string | undefined {
    return this.provider()?.region;
  }

  /** The provider's `default_tags.tags`, or undefined when there are none or they are a token. */
  private providerDefaultTags(): Tags | undefined {
    const tags = this.provider()?.defaultTags;
    return tags === undefined || Token.isUnresolved(tags) ? undefined : tags;
  }
}
