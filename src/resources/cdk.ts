/**
 * The one place that chooses between CDK for Terraform 0.21 (`cdktf`, `@cdktf/provider-aws`)
 * and its community continuation CDK Terrain (`cdktn`, `@cdktn/provider-aws`). Everything else
 * in bedrock-pt's constructs (and the generated bedrockpt bindings) takes the library from here,
 * so a cdktn app gets stacks, tokens and AWS resources of its own library, never a mix.
 *
 * The two share one API (CDK Terrain renamed the package, not the classes), so the types are
 * cdktf's. Which one is loaded, in this order:
 * 1. `BEDROCK_PT_CDK=cdktf` or `=cdktn`;
 * 2. the only one of the two installed where bedrock-pt is (a project has one of them);
 * 3. both installed (bedrock-pt's own checkout, or a project moving over): the one the app
 *    loaded first — an app imports its `App` before it builds stacks — else cdktf.
 * A stack whose App is of the other library is refused with the fix (checkSameLibrary).
 */
import type * as Cdktf from 'cdktf';
import type * as AwsProviderModule from '@cdktf/provider-aws/lib/provider';
import type * as PtModule from '@cdktf/provider-aws/lib/bedrock-provisioned-model-throughput';

export type CdkFlavour = 'cdktf' | 'cdktn';

/** The npm packages of each flavour: the core library and its prebuilt AWS provider bindings. */
export const CDK_PACKAGES: Record<CdkFlavour, { core: string; aws: string; cli: string; title: string }> = {
  cdktf: { core: 'cdktf', aws: '@cdktf/provider-aws', cli: 'cdktf', title: 'CDK for Terraform (cdktf)' },
  cdktn: { core: 'cdktn', aws: '@cdktn/provider-aws', cli: 'cdktn', title: 'CDK Terrain (cdktn)' },
};

const FLAVOURS = Object.keys(CDK_PACKAGES) as CdkFlavour[];

function resolvable(name: string): string | undefined {
  try {
    return require.resolve(name);
  } catch {
    return undefined;
  }
}

/**
 * Which library to load; see the module comment for the order. `loadedFirst` is the installed
 * one the process loaded first, if any.
 */
export function chooseFlavour(asked: string | undefined, installed: readonly CdkFlavour[], loadedFirst: CdkFlavour | undefined): CdkFlavour {
  if (asked) {
    if (!(FLAVOURS as string[]).includes(asked)) throw new Error(`BEDROCK_PT_CDK is ${JSON.stringify(asked)}; it must be cdktf or cdktn`);
    return asked as CdkFlavour;
  }
  if (installed.length === 1) return installed[0];
  if (installed.length === 0) {
    throw new Error("bedrock-pt's constructs need cdktf 0.21 (with @cdktf/provider-aws) or cdktn 0.24 (with @cdktn/provider-aws) installed beside bedrock-pt");
  }
  return loadedFirst ?? 'cdktf';
}

function detect(): CdkFlavour {
  const entries = new Map(FLAVOURS.map((f) => [f, resolvable(CDK_PACKAGES[f].core)] as const));
  const installed = FLAVOURS.filter((f) => entries.get(f) !== undefined);
  // require.cache keeps load order, so the first entry point of the two found is the app's own import.
  const loadedFirst = Object.keys(require.cache)
    .map((file) => installed.find((f) => entries.get(f) === file))
    .find((f) => f !== undefined);
  return chooseFlavour(process.env.BEDROCK_PT_CDK, installed, loadedFirst);
}

function load<T>(flavour: CdkFlavour, module: string): T {
  try {
    return require(module) as T;
  } catch (error) {
    throw new Error(
      `bedrock-pt is using ${CDK_PACKAGES[flavour].title}, which needs ${module.split('/lib/')[0]} installed beside it: ${(error as Error).message.split('\n')[0]}`,
    );
  }
}

export const flavour: CdkFlavour = detect();
const packages = CDK_PACKAGES[flavour];
const core = load<typeof Cdktf>(flavour, packages.core);
const awsProvider = load<typeof AwsProviderModule>(flavour, `${packages.aws}/lib/provider`);
const awsPt = load<typeof PtModule>(flavour, `${packages.aws}/lib/bedrock-provisioned-model-throughput`);

// The interfaces of the core library, for the constructs and the generated bindings (which import
// this module as `cdktf`). A class also needs its type alias below: the value hides the type.
export type * from 'cdktf';

export const {
  App,
  ComplexObject,
  ImportableResource,
  Lazy,
  LocalBackend,
  S3Backend,
  StringMap,
  TerraformOutput,
  TerraformProvider,
  TerraformResource,
  TerraformStack,
  TerraformVariable,
  Testing,
  Token,
  Tokenization,
  canInspect,
  hashMapper,
  hashMapperHcl,
  isComplexElement,
  listMapper,
  listMapperHcl,
  numberToHclTerraform,
  numberToTerraform,
  stringToHclTerraform,
  stringToTerraform,
} = core;
export type App = Cdktf.App;
export type ComplexObject = Cdktf.ComplexObject;
export type ImportableResource = Cdktf.ImportableResource;
export type Lazy = Cdktf.Lazy;
export type LocalBackend = Cdktf.LocalBackend;
export type S3Backend = Cdktf.S3Backend;
export type StringMap = Cdktf.StringMap;
export type TerraformOutput = Cdktf.TerraformOutput;
export type TerraformProvider = Cdktf.TerraformProvider;
export type TerraformResource = Cdktf.TerraformResource;
export type TerraformStack = Cdktf.TerraformStack;
export type TerraformVariable = Cdktf.TerraformVariable;
export type Token = Cdktf.Token;
export type Tokenization = Cdktf.Tokenization;

/** The flavour's prebuilt AWS provider: its provider and the PT resource of hashicorp/aws. */
export const { AwsProvider } = awsProvider;
export type AwsProvider = AwsProviderModule.AwsProvider;
export const { BedrockProvisionedModelThroughput } = awsPt;
export type BedrockProvisionedModelThroughput = PtModule.BedrockProvisionedModelThroughput;

/**
 * Throws when `scope` belongs to an App of the other library (both installed, and bedrock-pt
 * loaded before the app's own import): such a tree would synthesize a mix of the two.
 */
export function checkSameLibrary(scope: { node: { root: unknown; path: string } }, what: string): void {
  const root = scope.node.root;
  if (!App.isApp(root) || root instanceof App) return;
  const other = FLAVOURS.find((f) => f !== flavour) as CdkFlavour;
  throw new Error(
    `${what}: the app's App comes from ${CDK_PACKAGES[other].core}, but bedrock-pt loaded ${packages.core} (both are installed here). ` +
      `Set BEDROCK_PT_CDK=${other}, or import ${CDK_PACKAGES[other].core} before bedrock-pt.`,
  );
}
