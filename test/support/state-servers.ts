/**
 * Terraform's s3 backend, offline: an S3-compatible object store (s3rver) and a DynamoDB-compatible
 * lock table (dynalite), both dev dependencies, started on 127.0.0.1 on free ports by the test
 * that needs them and stopped by it. s3rver accepts any PUT whether or not an `If-None-Match`
 * says the object must not exist, so Terraform's S3 lock file cannot lock here: tests lock with
 * the DynamoDB table, as Terraform did before 1.10.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CreateTableCommand, DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import S3rver from 's3rver';
import dynalite from 'dynalite';

/** s3rver's built-in account; any other key is refused. */
export const S3RVER_KEYS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

/** What Terraform records in the lock table for a held lock. */
export interface LockInfo {
  ID: string;
  Operation: string;
  Who: string;
  Path: string;
}

export class StateServers {
  readonly bucket = 'tf-state';
  readonly table = 'tf-locks';
  /** Lock attempts the table refused because another holder has the lock (a PutItem whose condition failed). */
  refusedLockAttempts = 0;
  private readonly dynamodb: DynamoDBClient;

  private constructor(
    private readonly s3: S3rver,
    private readonly locks: Server,
    readonly s3Url: string,
    readonly dynamodbUrl: string,
  ) {
    this.dynamodb = new DynamoDBClient({ endpoint: dynamodbUrl, region: 'us-east-1', credentials: S3RVER_KEYS, maxAttempts: 1 });
    // Terraform takes the lock with a conditional PutItem; a 400 answer is a lock held by another.
    locks.on('request', (req: IncomingMessage, res: ServerResponse) => {
      if (!String(req.headers['x-amz-target'] ?? '').endsWith('.PutItem')) return;
      res.on('finish', () => {
        if (res.statusCode === 400) this.refusedLockAttempts++;
      });
    });
  }

  /** Starts both servers with the bucket and the lock table (partition key LockID, as Terraform requires) in place. */
  static async start(directory: string): Promise<StateServers> {
    const s3 = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: 'tf-state' }] });
    const s3Address = await s3.run();
    const locks = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
    await new Promise<void>((resolve, reject) => locks.once('error', reject).listen(0, '127.0.0.1', resolve));
    const servers = new StateServers(s3, locks, `http://127.0.0.1:${s3Address.port}`, `http://127.0.0.1:${(locks.address() as AddressInfo).port}`);
    await servers.dynamodb.send(
      new CreateTableCommand({
        TableName: servers.table,
        AttributeDefinitions: [{ AttributeName: 'LockID', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'LockID', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    return servers;
  }

  /** The lock Terraform holds on the state at `key`, if any. */
  async lock(key: string): Promise<LockInfo | undefined> {
    const { Item } = await this.dynamodb.send(
      new GetItemCommand({ TableName: this.table, Key: { LockID: { S: `${this.bucket}/${key}` } }, ConsistentRead: true }),
    );
    const info = Item?.Info?.S;
    return info ? (JSON.parse(info) as LockInfo) : undefined;
  }

  async close(): Promise<void> {
    this.dynamodb.destroy();
    this.s3.httpServer?.closeAllConnections();
    this.locks.closeAllConnections();
    await Promise.all([this.s3.close(), new Promise<void>((resolve) => this.locks.close(() => resolve()))]);
  }
}
