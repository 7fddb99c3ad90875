/**
 * Every key of the single table is built here, one function per entity, so the key design can be
 * read in one screen. docs/data-model.md maps each access pattern to these keys and indexes.
 */
export const orgKey = () => ({ pk: 'ORG' });

export const categoryKey = (categoryId: string) => ({ pk: 'ORG', sk: `CATEGORY#${categoryId}` });

/** Units live under ORG (listed with one Query); gsi1 lists the units of a category. */
export const unitKey = (unitId: string) => ({ pk: 'ORG', sk: `UNIT#${unitId}` });
export const unitByCategory = (categoryId: string, unitId: string) => ({
  gsi1pk: `CATEGORY#${categoryId}`,
  gsi1sk: `UNIT#${unitId}`,
});

/** Users: one item each; gsi1 lists all users, gsi2 the users attached to a unit. */
export const userKey = (userId: string) => ({ pk: `USER#${userId}`, sk: 'USER' });
export const userIndexes = (userId: string, unitId: string | null) => ({
  gsi1pk: 'USERS',
  gsi1sk: `USER#${userId}`,
  ...(unitId ? { gsi2pk: `UNIT#${unitId}#USERS`, gsi2sk: `USER#${userId}` } : {}),
});

/** An appraisal year; gsi1 lists the years newest first. */
export const yearKey = (year: number) => ({ pk: `YEAR#${year}`, sk: 'YEAR' });
export const yearIndexes = (year: number) => ({ gsi1pk: 'YEARS', gsi1sk: `YEAR#${year}` });

/** Idempotency records of retried submissions (expire after a day). */
export const idempotencyKey = (scope: string, key: string) => ({ pk: `IDEMPOTENCY#${scope}`, sk: key });
