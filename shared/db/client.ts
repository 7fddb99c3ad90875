/**
 * The module-scope DynamoDB clients. Configured once from the environment (locally `DDB_ENDPOINT`
 * points at DynamoDB Local), with the timeouts, retry budget and deadline that make a sick store
 * answer 503 quickly (docs/resilience.md).
 */
import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { addStoreDeadline } from './deadline';
import { DEFAULT_LOCAL_TABLE_NAME } from './table-def';

export interface DbConfig {
  tableName: string;
  endpoint?: string;
  region?: string;
  /** Longest a store call may take, retries included, before it fails with 503 (default 4,500 ms). */
  deadlineMs?: number;
}

export interface Db {
  tableName: string;
  raw: DynamoDBClient;
  doc: DynamoDBDocumentClient;
}

/** The default deadline of one store call: a request answers 503 well inside 5 s when the store is stuck. */
export const STORE_DEADLINE_MS = 4_500;

/**
 * Builds the clients. Every call has a deadline (see deadline.ts): a connection must open within 1 s
 * and an attempt answer within 2 s (4 s on DynamoDB Local, which is slower on a busy laptop);
 * throttling, timeouts and transaction conflicts are retried at most twice with jittered exponential
 * back-off (the SDK's standard mode, whose retry quota stops retries when most calls fail).
 */
export const createDb = (config: DbConfig, extra: Partial<DynamoDBClientConfig> = {}): Db => {
  const raw = new DynamoDBClient({
    region: config.region ?? process.env.AWS_REGION ?? 'cn-north-1',
    ...(config.endpoint
      ? { endpoint: config.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {}),
    maxAttempts: 3,
    retryMode: 'standard',
    requestHandler: {
      connectionTimeout: 1_000,
      requestTimeout: config.endpoint ? 4_000 : 2_000,
      throwOnRequestTimeout: true,
    },
    ...extra,
  });
  addStoreDeadline(raw, { deadlineMs: config.deadlineMs ?? STORE_DEADLINE_MS });
  const doc = DynamoDBDocumentClient.from(raw, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  return { tableName: config.tableName, raw, doc };
};

/** Reads the table name and endpoint from the environment (TABLE_NAME, DDB_ENDPOINT). */
export const dbConfigFromEnv = (env: NodeJS.ProcessEnv = process.env): DbConfig => ({
  tableName: env.TABLE_NAME ?? DEFAULT_LOCAL_TABLE_NAME,
  ...(env.DDB_ENDPOINT ? { endpoint: env.DDB_ENDPOINT } : {}),
});
