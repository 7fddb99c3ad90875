/**
 * The module-scope DynamoDB clients. Configured once from the environment (locally `DDB_ENDPOINT`
 * points at DynamoDB Local), with the timeouts, retry budget and deadline that make a sick store
 * answer 503 quickly (docs/resilience.md).
 */
import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { requiredEnv } from '../env';
import { addStoreDeadline } from './deadline';
import { DEFAULT_LOCAL_TABLE_NAME } from './table-def';

export interface DbConfig {
  tableName: string;
  endpoint?: string;
  region?: string;
  /** Longest a store call may take, retries included, before it fails with 503 (default 4,000 ms). */
  deadlineMs?: number;
}

export interface Db {
  tableName: string;
  raw: DynamoDBClient;
  doc: DynamoDBDocumentClient;
}

/** The default deadline of one store call: a request answers 503 well inside 5 s when the store is stuck. */
export const STORE_DEADLINE_MS = 4_000;

/** `DDB_DEADLINE_MS` overrides the default (the test suite runs many files against one busy DynamoDB Local). */
const deadlineFromEnv = (env: NodeJS.ProcessEnv = process.env): number | undefined => {
  const ms = Number(env.DDB_DEADLINE_MS);
  return Number.isInteger(ms) && ms > 0 ? ms : undefined;
};

/**
 * Builds the clients. Every call has a deadline (see deadline.ts): a connection must open within 1 s
 * and, in AWS, an attempt answer within 2 s; throttling, timeouts and transaction conflicts are
 * retried at most twice with jittered exponential back-off (the SDK's standard mode, whose retry quota
 * stops retrying when most calls fail). DynamoDB Local never throttles and a refused connection
 * fails at once: a slow answer there is load (often this process's own event loop, busy computing
 * results, noticing the socket late), so one attempt may use the whole deadline.
 */
export const createDb = (config: DbConfig, extra: Partial<DynamoDBClientConfig> = {}): Db => {
  const deadlineMs = config.deadlineMs ?? deadlineFromEnv() ?? STORE_DEADLINE_MS;
  const raw = new DynamoDBClient({
    region: config.region ?? process.env.AWS_REGION ?? 'cn-north-1',
    ...(config.endpoint
      ? { endpoint: config.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {}),
    maxAttempts: 3,
    retryMode: 'standard',
    requestHandler: {
      connectionTimeout: config.endpoint ? deadlineMs : 1_000,
      requestTimeout: config.endpoint ? deadlineMs : 2_000,
      throwOnRequestTimeout: true,
    },
    ...extra,
  });
  addStoreDeadline(raw, { deadlineMs });
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
