/**
 * Work that follows a committed change (notices to the people concerned). The change is already
 * stored, so a failure here is logged and never answered as a failure of the change: a client
 * retrying a publication that did happen would otherwise be asked for a correction's reason.
 */
import type { AppDeps } from './env';

export const afterCommit = async (
  logger: AppDeps['logger'],
  what: string,
  work: () => Promise<unknown>,
): Promise<void> => {
  try {
    await work();
  } catch (error) {
    logger.warn('follow-up of a committed change failed', { what, error });
  }
};
