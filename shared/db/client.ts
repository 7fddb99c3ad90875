/**
 * The module-scope DynamoDB clients. Configured once from the environment: in AWS the SDK's
 * defaults apply; locally `DDB_ENDPOINT` points at DynamoDB Local.
 */
import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { requiredEnv } from '../env';
import { DEFAULT_LOCAL_TABLE_NAME } from './table-def';

export interface DbConfig {
  tableName: string;
  endpoint?: string;
  region?: string;
}

export interface Db {
  tableName: string;
  raw: DynamoDBClient;
  doc: DynamoDBDocumentClient;
}

/** Builds the clients. Transient errors and throttling are retried by the SDK (adaptive, 4 attempts). */
export const createDb = (config: DbConfig, extra: Partial<DynamoDBClientConfig> = {}): Db => {
  const raw = new DynamoDBClient({
    region: config.region ?? process.env.AWS_REGION ?? 'cn-north-1',
    ...(config.endpoint
      ? { endpoint: config.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {}),
    maxAttempts: 4,
    retryMode: 'adaptive',
    // A store that is down or stuck must answer 503 quickly instead of hanging the request. DynamoDB Local
    // on a busy laptop can be slow to page through a large partition, so it gets more patience.
    requestHandler: {
      connectionTimeout: config.endpoint ? 10_000 : 2_000,
      requestTimeout: config.endpoint ? 30_000 : 5_000,
      throwOnRequestTimeout: true,
    },
    ...extra,
  });
  const doc = DynamoDBDocumentClient.from(raw, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  return { tableName: config.tableName, raw, doc };
};

/**
 * Reads the table name and endpoint from the environment (TABLE_NAME, DDB_ENDPOINT). In Lambda the
 * table name is required (a missing one fails the cold start, naming the variable); locally it
 * defaults to the local table.
 */
export const dbConfigFromEnv = (env: NodeJS.ProcessEnv = process.env): DbConfig => ({
  tableName: env.AWS_LAMBDA_FUNCTION_NAME
    ? requiredEnv('TABLE_NAME', env)
    : (env.TABLE_NAME ?? DEFAULT_LOCAL_TABLE_NAME),
  ...(env.DDB_ENDPOINT ? { endpoint: env.DDB_ENDPOINT } : {}),
});
