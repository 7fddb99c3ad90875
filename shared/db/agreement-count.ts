/**
 * How many units have an agreement of a year, read by key: the counter item `YEAR#y` /
 * `AGREEMENT-COUNT`. Agreements are created only by generating a category (agreement-repo.ts), whose
 * transaction also writes the counter: the new agreements' `attribute_not_exists` conditions and the
 * counter's `ADD` commit together or not at all, so a re-generation or a lost race never counts twice,
 * and two generations at once both count (DynamoDB serialises the two transactions on the counter; the
 * store's retry of a transaction conflict, db/deadline.ts, runs the loser again). No path removes an
 * agreement (withdrawal returns it to draft, units are never deleted); one that does must subtract in
 * its transaction. A year without a counter (written before it existed, or by a fixture) is counted by
 * a Query of the agreements index, and its first generation starts the counter from that count (the
 * index is eventually consistent: agreements written just before without the counter, by a seed, may
 * be missed; the municipal seed writes the counter with its agreements, the county demo's 25 do not and
 * are counted by the Query until a generation starts the counter).
 */
import type { Db } from './client';
import { getItem, type Item, putIfAbsent, queryPages, type TxItem } from './items';
import { agreementCountKey, agreementsQuery } from './keys';

/** The counter item as a seed writes it with the year's agreements. */
export const agreementCountItem = (year: number, count: number): Item => ({
  ...agreementCountKey(year),
  entity: 'agreement-count',
  count,
});

/** The agreements of a year counted by a Query of the agreements index (Select COUNT). */
const queryAgreementCount = async (db: Db, year: number): Promise<number> => {
  const q = agreementsQuery(year);
  let count = 0;
  for await (const page of queryPages(db, {
    IndexName: q.index,
    KeyConditionExpression: 'gsi1pk = :pk',
    ExpressionAttributeValues: { ':pk': q.pk },
    Select: 'COUNT',
  }))
    count += page.Count ?? 0;
  return count;
};

/** The year's counter alone (one GetItem), undefined when the year has none. */
export const storedAgreementCount = async (db: Db, year: number): Promise<number | undefined> =>
  (await getItem<{ count: number }>(db, agreementCountKey(year)))?.count;

/** How many units have an agreement of the year: the counter (one GetItem), else a counting Query. */
export const countAgreements = async (db: Db, year: number): Promise<number> => {
  const counter = await getItem<{ count: number }>(db, agreementCountKey(year));
  return counter ? counter.count : queryAgreementCount(db, year);
};

/**
 * The transaction item that counts `created` new agreements of the year: an `ADD` to the counter on
 * condition it exists. A year without one gets it first, put from a counting Query on condition it is
 * still absent: since every `ADD` needs the counter, a Put that succeeds comes before any counted
 * creation, and of two first generations at once the second's Put fails harmlessly and both `ADD`.
 */
export const countCreatedAgreements = async (db: Db, year: number, created: number): Promise<TxItem> => {
  const Key = agreementCountKey(year);
  if (!(await getItem(db, Key))) {
    await putIfAbsent(db, agreementCountItem(year, await queryAgreementCount(db, year)), {
      versioned: false,
    });
  }
  return {
    Update: {
      TableName: db.tableName,
      Key,
      UpdateExpression: 'ADD #count :n',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: { '#count': 'count' },
      ExpressionAttributeValues: { ':n': created },
    },
  };
};
