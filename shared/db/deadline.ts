/**
 * A deadline for every store call: the SDK's retries run inside it, and whatever is still failing
 * (or still waiting) when it passes becomes one named error, StoreUnavailableError (503 +
 * Retry-After), instead of a request that hangs for as long as DynamoDB does.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { StoreUnavailableError } from '../errors';

/** Error names that mean "the store is overloaded, unreachable or slow", after the SDK's retries. */
const UNAVAILABLE_NAMES = new Set([
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'TransactionInProgressException',
  'TransactionConflictException',
  'InternalServerError',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'AggregateError',
]);
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

interface SdkError {
  name?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number };
  CancellationReasons?: { Code?: string }[];
}

/**
 * A transaction cancelled only because another transaction touched the same items: nothing of it
 * was applied, and trying again is right (unlike a failed condition, which is a real 409). The SDK
 * retries it within the deadline; one still conflicting after that stays a 409 (items.ts `transact`).
 */
export const isTransactionConflictOnly = (error: unknown): boolean => {
  const e = error as SdkError;
  if (e?.name !== 'TransactionCanceledException') return false;
  const codes = (e.CancellationReasons ?? []).map((r) => r.Code ?? 'None');
  return (
    codes.includes('TransactionConflict') && codes.every((c) => c === 'TransactionConflict' || c === 'None')
  );
};

/** Whether an SDK error means the store cannot answer now (as opposed to a refused condition or a bug). */
export const isStoreUnavailable = (error: unknown): boolean => {
  const e = error as SdkError;
  if (!e || typeof e !== 'object') return false;
  if (error instanceof StoreUnavailableError) return true;
  return (
    UNAVAILABLE_NAMES.has(e.name ?? '') ||
    NETWORK_CODES.has(e.code ?? '') ||
    (e.$metadata?.httpStatusCode ?? 0) >= 500
  );
};

const TICK_MS = 200;

export interface DeadlineOptions {
  /** The whole call, retries and back-off included (ms). */
  deadlineMs: number;
}

/**
 * Adds the two middlewares: inside the retry loop, a transaction that lost a race to another one
 * is marked retryable (the SDK does not retry it by itself); outside it, the deadline and the
 * mapping to StoreUnavailableError.
 */
export const addStoreDeadline = (client: DynamoDBClient, { deadlineMs }: DeadlineOptions): void => {
  client.middlewareStack.add(
    (next) => async (args) => {
      try {
        return await next(args);
      } catch (error) {
        if (isTransactionConflictOnly(error) || (error as SdkError).name === 'TransactionConflictException') {
          Object.assign(error as object, { $retryable: { throttling: false } });
        }
        throw error;
      }
    },
    { step: 'finalizeRequest', priority: 'low', name: 'retryTransactionConflicts' },
  );
  client.middlewareStack.add(
    (next) => async (args) => {
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<never>((_, fail) => {
        // Counts only time this process could have heard the answer: a tick that comes late because the
        // event loop was busy (tests and the local server compute results in-process) counts as two ticks,
        // so a slow computation elsewhere never turns into a 503 of a call that has in fact answered.
        let left = deadlineMs;
        let last = performance.now();
        timer = setInterval(() => {
          const now = performance.now();
          left -= Math.min(now - last, 2 * TICK_MS);
          last = now;
          if (left <= 0) fail(new StoreUnavailableError());
        }, TICK_MS);
      });
      try {
        // The abandoned attempt ends by its own request timeout; its answer, if any, is dropped.
        return await Promise.race([next(args), deadline]);
      } catch (error) {
        if (isStoreUnavailable(error) && !(error instanceof StoreUnavailableError)) {
          throw new StoreUnavailableError(error);
        }
        throw error;
      } finally {
        clearInterval(timer);
      }
    },
    { step: 'initialize', priority: 'high', name: 'storeDeadline' },
  );
};
