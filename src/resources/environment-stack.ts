import type { Construct } from 'constructs';
import { AwsProvider, TerraformStack, Token, checkSameLibrary } from './cdk';
import { BedrockptProvider } from './bedrockpt/provider';
import type { AssumeRole, Tags } from '../engine/model/desired';
import { checkTagCount, checkTags, describeViolation, type Violation } from './limits';
import { backendViolations, createBackend, s3Key, type EnvironmentBackend } from './state-backend';

export type { EnvironmentBackend, LocalStateBackend, S3StateBackend } from './state-backend';

export interface EnvironmentStackProps {
  readonly region: string;
  /** Named profile from the shared AWS config/credentials files. */
  readonly profile?: string;
  /** Role the provider assumes for every call. */
  readonly assumeRole?: AssumeRole;
  /**
   * Accounts the provider may act in; Terraform refuses any other, which guards against
   * applying one environment's PTs with another environment's credentials.
   */
  readonly allowedAccountIds?: string[];
  /** Service endpoint overrides, e.g. a local Bedrock emulator (`servicequotas`: where model-unit quotas are read). */
  readonly endpoints?: { readonly bedrock?: string; readonly sts?: string; readonly servicequotas?: string };
  /**
   * Makes the `aws` provider skip the calls a local emulator cannot answer when Terraform runs
   * it (credential validation, the EC2 metadata check, the region list).
   * Only for endpoints that are not AWS.
   * @default false
   */
  readonly skipAwsProviderChecks?: boolean;
  /** Tags applied to every resource of the stack (counted in each PT's 50-tag limit). */
  readonly defaultTags?: Tags;
  /**
   * Where Terraform keeps the stack's state. For a team, `{ type: 's3', bucket, project }`: one
   * object per stack (`<project>/<stack>.tfstate`), locked (see S3StateBackend).
   * @default cdktf's local backend, one state file per stack
   */
  readonly backend?: EnvironmentBackend;
  /**
   * Which Terraform resource the stack's `ProvisionedThroughput`s synthesize by default:
   * `aws` (`aws_bedrock_provisioned_model_throughput`, planned by `bedrock-pt plan`) or
   * `bedrockpt` (`bedrockpt_provisioned_model_throughput`, for `cdktf plan/deploy` with the
   * bedrock-pt Terraform provider). With `bedrockpt` the stack also configures a `bedrockpt`
   * provider with the same region, credentials, endpoints, account guard and default tags;
   * the `aws` provider stays, so the stack's other AWS resources keep working.
   * @default 'aws'
   */
  readonly ptResource?: PtResourceKind;
  /**
   * Moving a stack from hashicorp/aws's resource to bedrock-pt's: with `ptResource: 'bedrockpt'`,
   * every PT of the stack gets a `moved` block from `aws_bedrock_provisioned_model_throughput`
   * of the same name, so Terraform moves its state (the provider converts it) instead of
   * destroying one PT and buying another. See ProvisionedThroughputProps.migrateFromAws.
   * @default false
   */
  readonly migrateFromAws?: boolean;
}

/** The two Terraform resources a `ProvisionedThroughput` can synthesize. */
export type PtResourceKind = 'aws' | 'bedrockpt';

/**
 * A stack is a Construct whichever library it comes from. Said here too because the declared base
 * class is cdktf's TerraformStack, whose type a project with only cdktn installed cannot resolve.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging, @typescript-eslint/no-empty-object-type -- the merge is the point, see above
export interface EnvironmentStack extends Construct {}

/**
 * One environment's stack: its AWS provider (region, credentials, endpoints, default tags)
 * and its state backend. Add `ProvisionedThroughput`s to it.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- with the interface above
export class EnvironmentStack extends TerraformStack {
  readonly provider: AwsProvider;
  /** The bedrock-pt provider, when `ptResource` is `bedrockpt`. */
  readonly bedrockptProvider?: BedrockptProvider;
  readonly ptResource: PtResourceKind;
  readonly migrateFromAws: boolean;

  constructor(
    scope: Construct,
    id: string,
    private readonly props: EnvironmentStackProps,
  ) {
    super(scope, id);
    checkSameLibrary(this, `EnvironmentStack ${id}`);
    const { assumeRole, endpoints, defaultTags } = props;
    this.provider = new AwsProvider(this, 'aws', {
      region: props.region,
      profile: props.profile,
      allowedAccountIds: props.allowedAccountIds,
      assumeRole: assumeRole && [
        {
          roleArn: assumeRole.roleArn,
          sessionName: assumeRole.sessionName,
          externalId: assumeRole.externalId,
        },
      ],
      endpoints: endpoints && [{ bedrock: endpoints.bedrock, sts: endpoints.sts, servicequotas: endpoints.servicequotas }],
      defaultTags: defaultTags && [{ tags: defaultTags }],
      ...(props.skipAwsProviderChecks && {
        // The account ID is still requested (STS GetCallerIdentity, which an emulator answers),
        // so allowed_account_ids keeps guarding the stack.
        skipCredentialsValidation: true,
        skipMetadataApiCheck: 'true',
        skipRegionValidation: true,
      }),
    });
    this.ptResource = props.ptResource ?? 'aws';
    this.migrateFromAws = props.migrateFromAws ?? false;
    if (this.ptResource === 'bedrockpt') {
      this.bedrockptProvider = new BedrockptProvider(this, 'bedrockpt', {
        region: props.region,
        profile: props.profile,
        allowedAccountIds: props.allowedAccountIds,
        assumeRole: assumeRole && { roleArn: assumeRole.roleArn, sessionName: assumeRole.sessionName, externalId: assumeRole.externalId },
        endpoints: endpoints && [{ bedrock: endpoints.bedrock, sts: endpoints.sts, servicequotas: endpoints.servicequotas }],
        defaultTags: defaultTags && { tags: defaultTags },
      });
    }
    createBackend(this, props.backend ?? { type: 'local' });
    this.node.addValidation({ validate: () => this.violations().map(describeViolation) });
  }

  violations(): Violation[] {
    const out: Violation[] = [];
    const tags = this.props.defaultTags;
    if (tags !== undefined) {
      const literal = (v: unknown) => !Token.isUnresolved(v);
      out.push(...checkTags(tags, 'defaultTags', literal), ...checkTagCount(tags, 'defaultTags', 'default tags'));
    }
    if (this.props.backend) out.push(...backendViolations(this.props.backend, this.node.id, this.otherStatesInApp()));
    return out;
  }

  /** The S3 bucket and key of this stack's state, when it has an S3 backend. */
  s3State(): { bucket: string; key?: string } | undefined {
    const backend = this.props.backend;
    return backend?.type === 's3' ? { bucket: backend.bucket, key: s3Key(backend, this.node.id) } : undefined;
  }

  private otherStatesInApp(): { stack: string; bucket: string; key?: string }[] {
    return this.node.root.node
      .findAll()
      .filter((c): c is EnvironmentStack => c instanceof EnvironmentStack && c !== this)
      .flatMap((s) => {
        const state = s.s3State();
        return state ? [{ stack: s.node.id, ...state }] : [];
      });
  }
}
