import { endpointOrigin } from '../../src/engine/aws/reach';

const provider = { region: 'eu-west-1', defaultTags: {} };

describe('endpointOrigin', () => {
  it.each([
    [
      'the provider block over every variable',
      { ...provider, bedrockEndpoint: 'http://p' },
      { AWS_ENDPOINT_URL_BEDROCK: 'http://b', AWS_ENDPOINT_URL: 'http://a' },
      { url: 'http://p', from: 'provider' },
    ],
    [
      'AWS_ENDPOINT_URL_BEDROCK over AWS_ENDPOINT_URL',
      provider,
      { AWS_ENDPOINT_URL_BEDROCK: 'http://b', AWS_ENDPOINT_URL: 'http://a' },
      { url: 'http://b', from: 'AWS_ENDPOINT_URL_BEDROCK' },
    ],
    ['AWS_ENDPOINT_URL for every service', provider, { AWS_ENDPOINT_URL: 'http://a' }, { url: 'http://a', from: 'AWS_ENDPOINT_URL' }],
    ['the regional endpoint when nothing is set', provider, {}, { url: 'https://bedrock.eu-west-1.amazonaws.com', from: 'default' }],
  ])('takes %s', (_name, config, env, expected) => {
    expect(endpointOrigin(config, 'bedrock', env)).toEqual(expected);
  });

  it("reads STS's own variable for STS, not Bedrock's", () => {
    expect(endpointOrigin(provider, 'sts', { AWS_ENDPOINT_URL_BEDROCK: 'http://b', AWS_ENDPOINT_URL_STS: 'http://s' })).toEqual({
      url: 'http://s',
      from: 'AWS_ENDPOINT_URL_STS',
    });
  });

  it("reads Service Quotas' endpoint from endpoints.servicequotas, then AWS_ENDPOINT_URL_SERVICE_QUOTAS", () => {
    const env = { AWS_ENDPOINT_URL_BEDROCK: 'http://b', AWS_ENDPOINT_URL_SERVICE_QUOTAS: 'http://q' };
    expect(endpointOrigin({ ...provider, bedrockEndpoint: 'http://p', serviceQuotasEndpoint: 'http://pq' }, 'servicequotas', env)).toEqual({
      url: 'http://pq',
      from: 'provider',
    });
    expect(endpointOrigin({ ...provider, bedrockEndpoint: 'http://p' }, 'servicequotas', env)).toEqual({
      url: 'http://q',
      from: 'AWS_ENDPOINT_URL_SERVICE_QUOTAS',
    });
    expect(endpointOrigin(provider, 'servicequotas', {})).toEqual({ url: 'https://servicequotas.eu-west-1.amazonaws.com', from: 'default' });
  });
});
