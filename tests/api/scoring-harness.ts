/**
 * The scoring tests' API: the demo bureau with this year's facts and rater assignments (not last
 * year's history, which these tests do not read). The seed is retried: on a loaded machine a cold
 * DynamoDB Local can time out the first burst of writes, and every seed write is create-if-absent.
 */

import { seedDemoAssignments } from '../../scripts/seed/demo-assignments';
import { seedDemoFacts } from '../../scripts/seed/demo-facts';
import { seedDemo } from '../../scripts/seed/seed';
import { CURRENT_YEAR, createTestApi, type TestApi } from './harness';
import type { TokenShape } from './token-shapes';

const retry = async <T>(work: () => Promise<T>, attempts = 4): Promise<T> => {
  for (let i = 1; ; i++) {
    try {
      return await work();
    } catch (error) {
      if (i >= attempts) throw error;
      await new Promise((r) => setTimeout(r, 500 * i));
    }
  }
};

export const createScoringApi = async (
  options: { tokens?: TokenShape; liveResultsMaxUnits?: number } = {},
): Promise<TestApi> => {
  const api = await createTestApi({ seed: false, ...options });
  await retry(() => seedDemo(api.db, CURRENT_YEAR));
  await retry(() => seedDemoFacts(api.db, CURRENT_YEAR, CURRENT_YEAR));
  await retry(() => seedDemoAssignments(api.db, CURRENT_YEAR));
  return api;
};
