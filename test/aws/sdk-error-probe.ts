/**
 * Makes one Bedrock call with the real SDK in a plain Node process and prints, as JSON, the error
 * it threw and what isTransient says of it. Run as a child by transient.test.ts: inside Jest's VM
 * the SDK wraps Node's own errors ("AWS SDK error wrapper for …") and drops their `code`, so only
 * a plain process sees the errors the CLI and the provider see.
 *
 * Usage: node sdk-error-probe.js URL list|create:NAME [REQUEST_TIMEOUT_MS]
 */
import { BedrockClient, CreateProvisionedModelThroughputCommand, ListProvisionedModelThroughputsCommand } from '@aws-sdk/client-bedrock';
import { isTransient } from '../../src/engine/aws/errors';

export interface ProbeResult {
  name?: string;
  code?: string;
  message?: string;
  status?: number;
  transient: boolean;
}

export const DEV_CUSTOM = 'arn:aws:bedrock:us-east-1:111111111111:custom-model/amazon.titan-text-express-v1:0:8k/devsupport01';

async function probe(url: string, call: string, timeoutMs: number): Promise<ProbeResult> {
  const client = new BedrockClient({
    endpoint: url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIADEVEXAMPLE000001', secretAccessKey: 'not-checked' },
    maxAttempts: 1,
    requestHandler: { requestTimeout: timeoutMs, throwOnRequestTimeout: true },
  });
  const command = call.startsWith('create:')
    ? new CreateProvisionedModelThroughputCommand({ provisionedModelName: call.slice('create:'.length), modelId: DEV_CUSTOM, modelUnits: 1 })
    : new ListProvisionedModelThroughputsCommand({});
  try {
    await client.send(command as ListProvisionedModelThroughputsCommand);
    throw new Error(`${call} at ${url} succeeded; the probe expects a failure`);
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { $metadata?: { httpStatusCode?: number } };
    return { name: e?.name, code: e?.code, message: e?.message, status: e?.$metadata?.httpStatusCode, transient: isTransient(error) };
  } finally {
    client.destroy();
  }
}

if (require.main === module) {
  const [url, call, timeout] = process.argv.slice(2);
  probe(url, call, Number(timeout) || 5000).then(
    (result) => process.stdout.write(`${JSON.stringify(result)}\n`),
    (error) => {
      process.stderr.write(`${(error as Error).message}\n`);
      process.exitCode = 1;
    },
  );
}
