// https://registry.terraform.io/providers/bedrock-pt/bedrockpt/0.1.0/docs/resources/provisioned_model_throughput
// generated from terraform resource schema

import { Construct } from 'constructs';
import * as cdktf from '../../cdk';

// Configuration

export interface ProvisionedModelThroughputConfig extends cdktf.TerraformMetaArguments {
  /**
  * OneMonth or SixMonths; omit for no commitment (custom models only).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bedrock-pt/bedrockpt/0.1.0/docs/resources/provisioned_model_throughput#commitment_duration ProvisionedModelThroughput#commitment_duration}
  */
  readonly commitmentDuration?: string;
  /**
  * Foundation-model ID or ARN, or custom-model ARN.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bedrock-pt/bedrockpt/0.1.0/docs/resources/provisioned_model_throughput#model_arn ProvisionedModelThroughput#model_arn}
  */
  readonly modelArn: string;
  /**
  * Model units to buy; changing it needs a new PT.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bedrock-pt/bedrockpt/0.1.0/docs/resources/provisioned_model_throughput#model_units ProvisionedModelThroughput#model_units}
  */
  readonly modelUnits: number;
  /**
  * Unique per account and region; renamed in place.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bedrock-pt/bedrockpt/0.1.0/docs/resources/provisioned_model_throughput#provisioned_model_name ProvisionedModelThroughput#provisioned_model_name}
  */
  readonly provisionedModelName: string;
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bedrock-pt/bedrockpt/0.1.0/docs/resources/provisioned_model_throughput#tags ProvisionedModelThroughput#tags}
  */
  readonly tags?: { [key: string]: string };
  /**
  * timeouts block
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bedrock-pt/bedrockpt/0.1.0/docs/resources/provisioned_model_throughput#timeouts ProvisionedModelThroughput#timeouts}
  */
  readonly timeouts?: ProvisionedModelThroughputTimeouts;
}
export interface ProvisionedModelThroughputTimeouts {
  /**
  * How long to wait for InService after a create, e.g. "60m".
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bedrock-pt/bedrockpt/0.1.0/docs/resources/provisioned_model_throughput#create ProvisionedModelThroughput#create}
  */
  readonly create?: string;
  /**
  * How long to wait for the PT to be gone.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bedrock-pt/bedrockpt/0.1.0/docs/resources/provisioned_model_throughput#delete ProvisionedModelThroughput#delete}
  */
  readonly delete?: string;
  /**
  * How long to wait for InService after a model swap or rename.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bedrock-pt/bedrockpt/0.1.0/docs/resources/provisioned_model_throughput#update ProvisionedModelThroughput#update}
  */
  readonly update?: string;
}

export function provisionedModelThroughputTimeoutsToTerraform(struct?: ProvisionedModelThroughputTimeouts | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
    create: cdktf.stringToTerraform(struct!.create),
    delete: cdktf.stringToTerraform(struct!.delete),
    update: cdktf.stringToTerraform(struct!.update),
  }
}


export function provisionedModelThroughputTimeoutsToHclTerraform(struct?: ProvisionedModelThroughputTimeouts | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
    create: {
      value: cdktf.stringToHclTerraform(struct!.create),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    delete: {
      value: cdktf.stringToHclTerraform(struct!.delete),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    update: {
      value: cdktf.stringToHclTerraform(struct!.update),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
  };

  // remove undefined attributes
  return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined));
}

export class ProvisionedModelThroughputTimeoutsOutputReference extends cdktf.ComplexObject {
  private isEmptyObject = false;
  private resolvableValue?: cdktf.IResolvable;

  /**
  * @param terraformResource The parent resource
  * @param terraformAttribute The attribute on the parent resource this class is referencing
  */
  public constructor(terraformResource: cdktf.IInterpolatingParent, terraformAttribute: string) {
    super(terraformResource, terraformAttribute, false);
  }

  public get internalValue(): ProvisionedModelThroughputTimeouts | cdktf.IResolvable | undefined {
    if (this.resolvableValue) {
      return this.resolvableValue;
    }
    let hasAnyValues = this.isEmptyObject;
    const internalValueResult: any = {};
    if (this._create !== undefined) {
      hasAnyValues = true;
      internalValueResult.create = this._create;
    }
    if (this._delete !== undefined) {
      hasAnyValues = true;
      internalValueResult.delete = this._delete;
    }
    if (this._update !== undefined) {
      hasAnyValues = true;
      internalValueResult.update = this._update;
    }
    return hasAnyValues ? internalValueResult : undefined;
  }

  public set internalValue(value: ProvisionedModelThroughputTimeouts | cdktf.IResolvable | undefined) {
    if (value === undefined) {
      this.isEmptyObject = false;
      this.resolvableValue = undefined;
      this._create = undefined;
      this._delete = undefined;
      this._update = undefined;
    }
    else if (cdktf.Tokenization.isResolvable(value)) {
      this.isEmptyObject = false;
      this.resolvableValue = value;
    }
    else {
      this.isEmptyObject = Object.keys(value).length === 0;
      this.resolvableValue = undefined;
      this._create = value.create;
      this._delete = value.delete;
      this._update = value.update;
    }
  }

  // create - computed: false, optional: true, required: false
  private _create?: string; 
  public get create() {
    return this.getStringAttribute('create');
  }
  public set create(value: string) {
    this._create = value;
  }
  public resetCreate() {
    this._create = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get createInput() {
    return this._create;
  }

  // delete - computed: false, optional: true, required: false
  private _delete?: string; 
  public get delete() {
    return this.getStringAttribute('delete');
  }
  public set delete(value: string) {
    this._delete = value;
  }
  public resetDelete() {
    this._delete = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get deleteInput() {
    return this._delete;
  }

  // update - computed: false, optional: true, required: false
  private _update?: string; 
  public get update() {
    return this.getStringAttribute('update');
  }
  public set update(value: string) {
    this._update = value;
  }
  public resetUpdate() {
    this._update = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get updateInput() {
    return this._update;
  }
}

/**
* Represents a {@link https://registry.terraform.io/providers/bedrock-pt/bedrockpt/0.1.0/docs/resources/provisioned_model_throughput bedrockpt_provisioned_model_throughput}
*/
export class ProvisionedModelThroughput extends cdktf.TerraformResource {

  // =================
  // STATIC PROPERTIES
  // =================
  public static readonly tfResourceType = "bedrockpt_provisioned_model_throughput";

  // ==============
  // STATIC Methods
  // ==============
  /**
  * Generates CDKTF code for importing a ProvisionedModelThroughput resource upon running "cdktf plan <stack-name>"
  * @param scope The scope in which to define this construct
  * @param importToId The construct id used in the generated config for the ProvisionedModelThroughput to import
  * @param importFromId The id of the existing ProvisionedModelThroughput that should be imported. Refer to the {@link https://registry.terraform.io/providers/bedrock-pt/bedrockpt/0.1.0/docs/resources/provisioned_model_throughput#import import section} in the documentation of this resource for the id to use
  * @param provider? Optional instance of the provider where the ProvisionedModelThroughput to import is found
  */
  public static generateConfigForImport(scope: Construct, importToId: string, importFromId: string, provider?: cdktf.TerraformProvider) {
        return new cdktf.ImportableResource(scope, importToId, { terraformResourceType: "bedrockpt_provisioned_model_throughput", importId: importFromId, provider });
      }

  // ===========
  // INITIALIZER
  // ===========

  /**
  * Create a new {@link https://registry.terraform.io/providers/bedrock-pt/bedrockpt/0.1.0/docs/resources/provisioned_model_throughput bedrockpt_provisioned_model_throughput} Resource
  *
  * @param scope The scope in which to define this construct
  * @param id The scoped construct ID. Must be unique amongst siblings in the same scope
  * @param options ProvisionedModelThroughputConfig
  */
  public constructor(scope: Construct, id: string, config: ProvisionedModelThroughputConfig) {
    super(scope, id, {
      terraformResourceType: 'bedrockpt_provisioned_model_throughput',
      terraformGeneratorMetadata: {
        providerName: 'bedrockpt',
        providerVersion: '0.1.0',
        providerVersionConstraint: '0.1.0'
      },
      provider: config.provider,
      dependsOn: config.dependsOn,
      count: config.count,
      lifecycle: config.lifecycle,
      provisioners: config.provisioners,
      connection: config.connection,
      forEach: config.forEach
    });
    this._commitmentDuration = config.commitmentDuration;
    this._modelArn = config.modelArn;
    this._modelUnits = config.modelUnits;
    this._provisionedModelName = config.provisionedModelName;
    this._tags = config.tags;
    this._timeouts.internalValue = config.timeouts;
  }

  // ==========
  // ATTRIBUTES
  // ==========

  // commitment_duration - computed: false, optional: true, required: false
  private _commitmentDuration?: string; 
  public get commitmentDuration() {
    return this.getStringAttribute('commitment_duration');
  }
  public set commitmentDuration(value: string) {
    this._commitmentDuration = value;
  }
  public resetCommitmentDuration() {
    this._commitmentDuration = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get commitmentDurationInput() {
    return this._commitmentDuration;
  }

  // commitment_expiration_time - computed: true, optional: false, required: false
  public get commitmentExpirationTime() {
    return this.getStringAttribute('commitment_expiration_time');
  }

  // foundation_model_arn - computed: true, optional: false, required: false
  public get foundationModelArn() {
    return this.getStringAttribute('foundation_model_arn');
  }

  // id - computed: true, optional: false, required: false
  public get id() {
    return this.getStringAttribute('id');
  }

  // model_arn - computed: false, optional: false, required: true
  private _modelArn?: string; 
  public get modelArn() {
    return this.getStringAttribute('model_arn');
  }
  public set modelArn(value: string) {
    this._modelArn = value;
  }
  // Temporarily expose input value. Use with caution.
  public get modelArnInput() {
    return this._modelArn;
  }

  // model_units - computed: false, optional: false, required: true
  private _modelUnits?: number; 
  public get modelUnits() {
    return this.getNumberAttribute('model_units');
  }
  public set modelUnits(value: number) {
    this._modelUnits = value;
  }
  // Temporarily expose input value. Use with caution.
  public get modelUnitsInput() {
    return this._modelUnits;
  }

  // provisioned_model_arn - computed: true, optional: false, required: false
  public get provisionedModelArn() {
    return this.getStringAttribute('provisioned_model_arn');
  }

  // provisioned_model_name - computed: false, optional: false, required: true
  private _provisionedModelName?: string; 
  public get provisionedModelName() {
    return this.getStringAttribute('provisioned_model_name');
  }
  public set provisionedModelName(value: string) {
    this._provisionedModelName = value;
  }
  // Temporarily expose input value. Use with caution.
  public get provisionedModelNameInput() {
    return this._provisionedModelName;
  }

  // status - computed: true, optional: false, required: false
  public get status() {
    return this.getStringAttribute('status');
  }

  // tags - computed: false, optional: true, required: false
  private _tags?: { [key: string]: string }; 
  public get tags() {
    return this.getStringMapAttribute('tags');
  }
  public set tags(value: { [key: string]: string }) {
    this._tags = value;
  }
  public resetTags() {
    this._tags = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get tagsInput() {
    return this._tags;
  }

  // tags_all - computed: true, optional: false, required: false
  private _tagsAll = new cdktf.StringMap(this, "tags_all");
  public get tagsAll() {
    return this._tagsAll;
  }

  // timeouts - computed: false, optional: true, required: false
  private _timeouts = new ProvisionedModelThroughputTimeoutsOutputReference(this, "timeouts");
  public get timeouts() {
    return this._timeouts;
  }
  public putTimeouts(value: ProvisionedModelThroughputTimeouts) {
    this._timeouts.internalValue = value;
  }
  public resetTimeouts() {
    this._timeouts.internalValue = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get timeoutsInput() {
    return this._timeouts.internalValue;
  }

  // =========
  // SYNTHESIS
  // =========

  protected override synthesizeAttributes(): { [name: string]: any } {
    return {
      commitment_duration: cdktf.stringToTerraform(this._commitmentDuration),
      model_arn: cdktf.stringToTerraform(this._modelArn),
      model_units: cdktf.numberToTerraform(this._modelUnits),
      provisioned_model_name: cdktf.stringToTerraform(this._provisionedModelName),
      tags: cdktf.hashMapper(cdktf.stringToTerraform)(this._tags),
      timeouts: provisionedModelThroughputTimeoutsToTerraform(this._timeouts.internalValue),
    };
  }

  protected override synthesizeHclAttributes(): { [name: string]: any } {
    const attrs = {
      commitment_duration: {
        value: cdktf.stringToHclTerraform(this._commitmentDuration),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      model_arn: {
        value: cdktf.stringToHclTerraform(this._modelArn),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      model_units: {
        value: cdktf.numberToHclTerraform(this._modelUnits),
        isBlock: false,
        type: "simple",
        storageClassType: "number",
      },
      provisioned_model_name: {
        value: cdktf.stringToHclTerraform(this._provisionedModelName),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      tags: {
        value: cdktf.hashMapperHcl(cdktf.stringToHclTerraform)(this._tags),
        isBlock: false,
        type: "map",
        storageClassType: "stringMap",
      },
      timeouts: {
        value: provisionedModelThroughputTimeoutsToHclTerraform(this._timeouts.internalValue),
        isBlock: true,
        type: "struct",
        storageClassType: "ProvisionedModelThroughputTimeouts",
      },
    };

    // remove undefined attributes
    return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined ))
  }
}
