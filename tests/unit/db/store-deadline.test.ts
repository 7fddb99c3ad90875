/** Which SDK failures mean "the store cannot answer now" (503) and which are real answers (409, bugs). */
import { describe, expect, it } from 'vitest';
import { isStoreUnavailable, isTransactionConflictOnly } from '../../../shared/db/deadline';
import { StoreUnavailableError } from '../../../shared/errors';

const sdkError = (name: string, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(name), { name, $metadata: { httpStatusCode: 400 }, ...extra });

describe('store failure classification', () => {
  it('calls throttling, timeouts, 5xx and network errors unavailable', () => {
    for (const error of [
      sdkError('ThrottlingException'),
      sdkError('ProvisionedThroughputExceededException'),
      sdkError('TimeoutError'),
      sdkError('InternalServerError', { $metadata: { httpStatusCode: 500 } }),
      Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
      new StoreUnavailableError(),
    ]) {
      expect(isStoreUnavailable(error)).toBe(true);
    }
  });

  it('leaves failed conditions, validation errors and bugs alone', () => {
    for (const error of [
      sdkError('ConditionalCheckFailedException'),
      sdkError('ValidationException'),
      sdkError('TransactionCanceledException', { CancellationReasons: [{ Code: 'ConditionalCheckFailed' }] }),
      new TypeError('x is undefined'),
    ]) {
      expect(isStoreUnavailable(error)).toBe(false);
    }
  });

  it('retries a transaction cancelled only by another transaction, never one with a failed condition', () => {
    const conflict = (...codes: string[]) =>
      sdkError('TransactionCanceledException', { CancellationReasons: codes.map((Code) => ({ Code })) });
    expect(isTransactionConflictOnly(conflict('TransactionConflict', 'None'))).toBe(true);
    expect(isTransactionConflictOnly(conflict('TransactionConflict', 'ConditionalCheckFailed'))).toBe(false);
    expect(isTransactionConflictOnly(conflict('None'))).toBe(false);
  });
});
