/**
 * What the provider tells a plain Terraform user is in Terraform's terms: a committed PT that
 * must grow is answered with a second resource (or the term end), a destroy is not told to
 * "revert a change", and no message speaks of stacks, synthesizing, bedrock-pt's own commands or
 * the stand-in address the engine uses for the one resource it plans. Real terraform, emulator.
 */
import type { Emulator } from '../../src/emulator';
import { closedPort, DEV, HAIKU_PT, mutatingCalls, startE2eEmulator } from '../e2e/harness';
import { describeWithTerraform, providerConfig, removeTempDirs, TerraformWorkspace } from './harness';

afterAll(removeTempDirs);

/** Words of the CLI door (cdktf stacks, bedrock-pt commands) and the engine's stand-ins, none of which a Terraform user wrote or can run. */
const NOT_TERRAFORM_WORDS =
  /of stack |this stack|synthesize|cdktf|bedrock-pt (state|import|plan|apply)|--stack|aws_bedrock_provisioned_model_throughput\.this|^\s*(terraform|provider): |revert this change|ProvisionedThroughput\b/m;

/** Terraform wraps long diagnostics; compare with the wrapping taken out. */
const unwrapped = (text: string) => text.replace(/│/g, '').replace(/\s+/g, ' ');

describeWithTerraform('the bedrockpt provider speaks Terraform', () => {
  let emulator: Emulator;
  let ws: TerraformWorkspace;
  const provider = (endpoint: string, profile = DEV.profile) =>
    providerConfig(`  region  = "${DEV.region}"\n  profile = "${profile}"\n  endpoints {\n    bedrock = "${endpoint}"\n    sts     = "${endpoint}"\n  }\n`);
  const resource = (units: number) =>
    `resource "bedrockpt_provisioned_model_throughput" "chat" {\n  provisioned_model_name = "support-chat"\n  model_arn = "${HAIKU_PT}"\n  model_units = ${units}\n  commitment_duration = "OneMonth"\n  timeouts {\n    create = "5m"\n  }\n}\n`;
  const plan = () => ws.terraform(['plan', '-input=false', '-no-color']);

  beforeAll(async () => {
    emulator = await startE2eEmulator();
    ws = await TerraformWorkspace.create({ emulatorUrl: emulator.url });
    ws.writeConfig(provider(emulator.url) + resource(1));
    expect((await ws.terraform(['init', '-input=false', '-no-color'])).code).toBe(0);
    const apply = await ws.terraform(['apply', '-auto-approve', '-input=false', '-no-color']);
    expect(apply.code).toBe(0);
  }, 180_000);
  afterAll(async () => emulator?.close());
  beforeEach(() => emulator.resetRequests());

  it('more units on a committed PT: keep model_units and add a second resource, or wait for the term end', async () => {
    ws.writeConfig(provider(emulator.url) + resource(2));
    const result = await plan();
    expect(result.code).toBe(1);
    const text = unwrapped(result.stderr);
    expect(text).toContain('Cannot be replaced');
    expect(text).toContain(
      'To add capacity now, keep `model_units = 1` on this resource and add a second bedrockpt_provisioned_model_throughput (with its own provisioned_model_name) for the extra units; or make this change after the term ends.',
    );
    expect(result.stderr).not.toMatch(NOT_TERRAFORM_WORDS);
    expect(mutatingCalls(emulator)).toEqual([]);
  }, 60_000);

  it("terraform destroy of a committed PT names Terraform's ways out, not a configuration change", async () => {
    ws.writeConfig(provider(emulator.url) + resource(1));
    const result = await ws.terraform(['destroy', '-auto-approve', '-input=false', '-no-color']);
    expect(result.code).toBe(1);
    const text = unwrapped(result.stderr);
    expect(text).toContain('Cannot be destroyed');
    expect(text).toContain('leave it out of this destroy');
    expect(text).toContain("terraform state rm <this resource's address>");
    expect(result.stderr).not.toMatch(NOT_TERRAFORM_WORDS);
    expect(mutatingCalls(emulator)).toEqual([]);
  }, 60_000);

  it('an emulator endpoint that refuses: the command that serves it, and the provider block, not a stack', async () => {
    const port = await closedPort();
    ws.writeConfig(provider(`http://127.0.0.1:${port}`) + resource(1));
    const result = await plan();
    expect(result.code).toBe(1);
    const text = unwrapped(result.stderr);
    expect(text).toContain(`in the provider block) for sts:GetCallerIdentity`);
    expect(text).toContain(
      `is the emulator running? Start it with \`bedrock-pt emulator --port ${port}\`; otherwise correct or remove endpoints.sts in the provider block`,
    );
    expect(result.stderr).not.toMatch(NOT_TERRAFORM_WORDS);
  }, 60_000);

  it('a profile that does not exist: the close match, and nothing to synthesize', async () => {
    ws.writeConfig(provider(emulator.url, 'bedrock-pt-dve') + resource(1));
    const result = await plan();
    expect(result.code).toBe(1);
    const text = unwrapped(result.stderr);
    expect(text).toContain('no AWS credentials for profile "bedrock-pt-dve", which the provider block names');
    expect(text).toContain('Did you mean "bedrock-pt-dev"? Those files define it; name it in the provider block.');
    expect(result.stderr).not.toMatch(NOT_TERRAFORM_WORDS);
  }, 60_000);

  it("a create that ends Failed is reported without the engine's stand-in address", async () => {
    ws.writeConfig(provider(emulator.url) + resource(1) + resource(1).replace('"chat"', '"other"').replace('support-chat', 'support-other'));
    emulator.failNextCreate('insufficient capacity', { account: DEV.account, region: DEV.region });
    const result = await ws.terraform(['apply', '-auto-approve', '-input=false', '-no-color', '-target=bedrockpt_provisioned_model_throughput.other']);
    expect(result.code).toBe(1);
    expect(unwrapped(result.stderr)).toContain('failed: insufficient capacity');
    expect(result.stderr).not.toMatch(NOT_TERRAFORM_WORDS);
  }, 60_000);
});
