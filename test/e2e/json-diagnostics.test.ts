/**
 * Under `plan --json`, the error a run stops on and a diagnostic the plan carries are one kind of
 * line: the same `diagnostic` fields, and under `bedrock_pt` the same subject (stack, address,
 * field), with what raised it as the planner's `code` or the error's `kind`.
 */
import { DEV_CUSTOM, cli, emulatorPerFile } from './harness';

const shared = emulatorPerFile();
const planJson = () => cli(['plan', '--all', '--synth-dir', shared.project.synthDir, '--json'], { cwd: shared.project.dir, env: shared.project.env });

async function diagnosticLine(): Promise<Record<string, any>> {
  const result = await planJson();
  expect(result.code).toBe(1);
  const lines = result.stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
  const diagnostics = lines.filter((l) => l.type === 'diagnostic' && l.diagnostic.severity === 'error');
  expect(diagnostics).toHaveLength(1);
  return diagnostics[0];
}

it('gives a fatal error and a plan diagnostic the same JSON shape', async () => {
  shared.project.write({ dev: { pts: { chat: { name: 'dev-chat', model: DEV_CUSTOM, units: 0 } } } });
  const fatal = await diagnosticLine();
  shared.project.write({ dev: { pts: { chat: { name: 'dev-chat', model: 'amazon.no-such-model-v1:0:8k', units: 1 } } } });
  const planned = await diagnosticLine();

  const address = 'aws_bedrock_provisioned_model_throughput.chat';
  expect(fatal).toMatchObject({
    '@level': 'error',
    diagnostic: { severity: 'error', address },
    bedrock_pt: { stack: 'dev', address, field: 'model_units', kind: 'validation' },
  });
  expect(planned).toMatchObject({
    '@level': 'error',
    diagnostic: { severity: 'error', address },
    bedrock_pt: { stack: 'dev', address, field: 'model_arn', code: 'model-not-found' },
  });
  expect(Object.keys(fatal).sort()).toEqual(Object.keys(planned).sort());
  expect(Object.keys(fatal.diagnostic).sort()).toEqual(Object.keys(planned.diagnostic).sort());
  const subject = (line: Record<string, any>) =>
    Object.keys(line.bedrock_pt)
      .filter((k) => k !== 'code' && k !== 'kind')
      .sort();
  expect(subject(fatal)).toEqual(subject(planned));
  expect(fatal['@message']).toBe(`Error: ${fatal.diagnostic.summary}`);
  expect(planned['@message']).toBe(`Error: ${planned.diagnostic.summary}`);
});
