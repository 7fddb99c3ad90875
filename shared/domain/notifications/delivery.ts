/**
 * Delivery decisions of one outbox message: bounded retries with exponential backoff, robot
 * messages re-checked against quiet hours when they are finally sent.
 */
export const MAX_ATTEMPTS = 4;
const BASE_BACKOFF_MS = 60_000;

export type OutboxState = 'queued' | 'sending' | 'sent' | 'failed';

/** After a failed attempt: try again later (1, 2, 4 minutes…) or give up after MAX_ATTEMPTS. */
export const afterFailure = (
  attempts: number,
  at: Date,
): { state: 'queued'; dueAt: string } | { state: 'failed' } =>
  attempts >= MAX_ATTEMPTS
    ? { state: 'failed' }
    : {
        state: 'queued',
        dueAt: new Date(at.getTime() + BASE_BACKOFF_MS * 2 ** (attempts - 1)).toISOString(),
      };
