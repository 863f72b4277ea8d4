/** The provider as Terraform runs it: init from the mirror, schema, and a plan, with and without plugin TLS. */
import { VERSION } from '../../src/version';
import { describeWithTerraform, providerConfig, removeTempDirs, TerraformWorkspace } from './harness';

const ADDRESS = 'registry.terraform.io/bedrock-pt/bedrockpt';

afterAll(removeTempDirs);

describe.each([
  { mode: 'mutual TLS', disableTls: false },
  { mode: 'TF_DISABLE_PLUGIN_TLS=1', disableTls: true },
])('terraform with the bedrockpt provider over $mode', ({ disableTls }) => {
  describeWithTerraform(`terraform init/schema/plan (${disableTls ? 'no TLS' : 'TLS'})`, () => {
    let ws: TerraformWorkspace;
    beforeAll(async () => {
      ws = await TerraformWorkspace.create({ disableTls });
      ws.writeConfig(providerConfig());
    });

    it('installs the provider from the filesystem mirror with no network', async () => {
      const init = await ws.terraform(['init', '-input=false', '-no-color']);
      expect(init.stderr).toBe('');
      expect(init.code).toBe(0);
      expect(init.stdout).toContain(`Installing bedrock-pt/bedrockpt v${VERSION}`);
      expect(init.stdout).toContain('Terraform has been successfully initialized!');
    });

    it('reports the provider schema through terraform providers schema -json', async () => {
      const schema = await ws.terraform(['providers', 'schema', '-json']);
      expect(schema.code).toBe(0);
      const parsed = JSON.parse(schema.stdout);
      expect(Object.keys(parsed.provider_schemas)).toEqual([ADDRESS]);
      expect(parsed.provider_schemas[ADDRESS].provider).toEqual(expect.objectContaining({ version: 0, block: expect.any(Object) }));
    });

    it('plans an empty configuration with the provider block', async () => {
      const plan = await ws.terraform(['plan', '-input=false', '-no-color', '-detailed-exitcode']);
      expect(plan.stderr).toBe('');
      expect(plan.code).toBe(0);
      expect(plan.stdout).toContain('No changes.');
    });

    it(`logs through Terraform at their levels and serves ${disableTls ? 'without' : 'with'} TLS`, async () => {
      const plan = await ws.terraform(['plan', '-input=false', '-no-color'], { TF_LOG: 'info' });
      expect(plan.code).toBe(0);
      expect(plan.stderr).toMatch(
        new RegExp(`\\[INFO\\] +provider\\.terraform-provider-bedrockpt_v${VERSION.replace(/\./g, '\\.')}: provider started: .*tls=${!disableTls}`),
      );
    });
  });
});

describeWithTerraform('terraform with the provider in ~/.terraform.d/plugins', () => {
  it('finds a provider installed without --dir, with no CLI configuration and no network', async () => {
    const ws = await TerraformWorkspace.create({ defaultPluginDir: true });
    ws.writeConfig(providerConfig());
    const init = await ws.terraform(['init', '-input=false', '-no-color']);
    expect(init.stderr).toBe('');
    expect(init.code).toBe(0);
    expect(init.stdout).toContain(`Installing bedrock-pt/bedrockpt v${VERSION}`);
    const plan = await ws.terraform(['plan', '-input=false', '-no-color', '-detailed-exitcode']);
    expect(plan.code).toBe(0);
  });
});

describeWithTerraform('terraform with bedrockpt beside hashicorp/aws', () => {
  it('installs both from their filesystem mirrors with no network', async () => {
    const ws = await TerraformWorkspace.create();
    ws.writeConfig(
      'terraform {\n  required_providers {\n    aws       = { source = "hashicorp/aws" }\n    bedrockpt = { source = "bedrock-pt/bedrockpt" }\n  }\n}\n',
    );
    const init = await ws.terraform(['init', '-input=false', '-no-color']);
    expect(init.stderr).toBe('');
    expect(init.code).toBe(0);
    expect(init.stdout).toMatch(/Installing hashicorp\/aws v\d+\.\d+\.\d+/);
    expect(init.stdout).toContain(`Installing bedrock-pt/bedrockpt v${VERSION}`);
  });
});
