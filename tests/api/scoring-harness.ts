/**
 * The scoring tests' API: the demo bureau with this year's facts and rater assignments (not last
 * year's history, which these tests do not read). The seed is retried: on a loaded machine a cold
 * DynamoDB Local can time out the first burst of writes, and every seed write is create-if-absent.
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { seedDemoAssignments } from '../../scripts/seed/demo-assignments';
import { seedDemoFacts } from '../../scripts/seed/demo-facts';
import { seedDemo } from '../../scripts/seed/seed';
import { agreementKey } from '../../shared/db/keys';
import { CURRENT_YEAR, createTestApi, type TestApi } from './harness';
import type { TokenShape } from './token-shapes';

/**
 * Breaks a unit's signed agreement so the engine refuses the year (its first leaf worth 5 more points
 * than the template allows), for the jobs' failure paths.
 */
export const makeUnscorable = async (api: TestApi, year: number, unitId: string): Promise<void> => {
  const Key = agreementKey(year, unitId);
  const { Item } = await api.db.doc.send(new GetCommand({ TableName: api.db.tableName, Key }));
  const leaf = Item!.dimensions[0].leaves[0];
  leaf.W = typeof leaf.W === 'number' ? leaf.W + 5 : String(Number(leaf.W) + 5);
  await api.db.doc.send(new PutCommand({ TableName: api.db.tableName, Item }));
};

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
