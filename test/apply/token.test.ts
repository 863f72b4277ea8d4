import { createToken } from '../../src/engine/apply/token';
import type { PtAttributes } from '../../src/engine/model';

const after: PtAttributes = {
  provisioned_model_name: 'prod-support-chat',
  model_arn: 'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0:200k',
  model_units: 2,
  commitment_duration: 'SixMonths',
  tags: { CostCenter: 'cc-1234' },
  tags_all: { CostCenter: 'cc-1234', Project: 'support-bot' },
  provisioned_model_arn: null,
  id: null,
};
const ADDRESS = 'aws_bedrock_provisioned_model_throughput.support_chat';
// The API's IdempotencyToken shape: 1–256 chars of [a-zA-Z0-9]([-a-zA-Z0-9]{0,254}[a-zA-Z0-9])?
const TOKEN_PATTERN = /^[a-zA-Z0-9]([-a-zA-Z0-9]{0,254}[a-zA-Z0-9])?$/;

describe('createToken', () => {
  it('gives the same token for the same intent, so every retry of a create is deduplicated', () => {
    expect(createToken('lineage-1', ADDRESS, after, 4)).toBe(
      createToken('lineage-1', ADDRESS, { ...after, tags_all: { Project: 'support-bot', CostCenter: 'cc-1234' } }, 4),
    );
  });

  it('gives a different token for a separate create of the same address (another serial), another state or other attributes', () => {
    const base = createToken('lineage-1', ADDRESS, after, 4);
    expect(createToken('lineage-1', ADDRESS, after, 9)).not.toBe(base);
    expect(createToken('lineage-2', ADDRESS, after, 4)).not.toBe(base);
    expect(createToken('lineage-1', `${ADDRESS}2`, after, 4)).not.toBe(base);
    expect(createToken('lineage-1', ADDRESS, { ...after, model_units: 3 }, 4)).not.toBe(base);
  });

  it('fits the API idempotency-token pattern', () => {
    expect(createToken('lineage-1', ADDRESS, after, 4)).toMatch(TOKEN_PATTERN);
  });
});
