/**
 * The provider reports in the engine's diagnostic type and converts it once to tfplugin6: an
 * engine error about one of the resource's attributes reaches Terraform on that attribute.
 */
import { BedrockPtError } from '../../src/engine/errors';
import { fromError } from '../../src/provider/resources/diagnostics';
import { toProtoDiagnostic } from '../../src/provider/protocol/diagnostics';

it('gives Terraform the attribute path of a BedrockPtError about a resource attribute', () => {
  const err = new BedrockPtError('validation', 'dev/aws_bedrock_provisioned_model_throughput.chat: model_units must be at least 1', {
    stack: 'dev',
    address: 'aws_bedrock_provisioned_model_throughput.chat',
    field: 'model_units',
  });
  expect(toProtoDiagnostic(fromError(err, 'Creating Provisioned Throughput'))).toEqual({
    severity: 'ERROR',
    summary: 'Creating Provisioned Throughput',
    detail: 'model_units must be at least 1',
    attribute: { steps: [{ attribute_name: 'model_units' }] },
  });
});

it('points at no attribute when the error is about something the resource has not (a provider block, a file)', () => {
  const err = new BedrockPtError('config', 'dev provider.aws alias: expected a string', { stack: 'dev', field: 'provider.aws alias' });
  expect(toProtoDiagnostic(fromError(err, 'Configuring the provider')).attribute).toBeUndefined();
});

it('shows a note as a warning, Terraform having no notes', () => {
  expect(toProtoDiagnostic({ severity: 'note', code: 'other-resources', summary: 'left to Terraform' })).toEqual({
    severity: 'WARNING',
    summary: 'left to Terraform',
    detail: '',
  });
});
