/**
 * A year's agreements (or one category's) a page at a time, in the index's order (category, unit):
 * Query of gsi1 with `Limit` and `ExclusiveStartKey`, the start rebuilt here from the position of the
 * last row shown (its category and unit) so a cursor can only point into this year's index. Rows the
 * caller may not see (`visible`) and other states (`state`, a FilterExpression) are skipped, reading on
 * until the page is full: one row more than the page is read to know whether a next page exists.
 */
import type { Agreement } from '../schemas/agreement';
import type { Db } from './client';
import { queryPages, stripKeys } from './items';
import { agreementIndexes, agreementKey, agreementsQuery } from './keys';

/** Where a page starts: after this row of the index. */
export interface AgreementPosition {
  categoryId: string;
  unitId: string;
}

export interface AgreementPage {
  items: Agreement[];
  /** The last row's position when more rows follow, else null. */
  next: AgreementPosition | null;
  /** Items the store read for this page (the cost of filtering in code). */
  read: number;
}

export const pageAgreements = async (
  db: Db,
  options: {
    year: number;
    categoryId?: string | undefined;
    state?: Agreement['state'] | undefined;
    /** Part of the unit's name (a FilterExpression: every row of the range is still read). */
    search?: string | undefined;
    after?: AgreementPosition | undefined;
    pageSize: number;
    visible: (agreement: Agreement) => boolean;
  },
): Promise<AgreementPage> => {
  const { year, categoryId, state, search, after, pageSize, visible } = options;
  const filters = [
    ...(state ? ['#state = :state'] : []),
    ...(search ? ['contains(#unitName, :search)'] : []),
  ];
  const q = agreementsQuery(year, categoryId);
  const items: Agreement[] = [];
  let read = 0;
  const pages = queryPages(
    db,
    {
      IndexName: q.index,
      KeyConditionExpression: q.skPrefix ? 'gsi1pk = :pk AND begins_with(gsi1sk, :sk)' : 'gsi1pk = :pk',
      ExpressionAttributeValues: {
        ':pk': q.pk,
        ...(q.skPrefix ? { ':sk': q.skPrefix } : {}),
        ...(state ? { ':state': state } : {}),
        ...(search ? { ':search': search } : {}),
      },
      ...(filters.length > 0
        ? {
            FilterExpression: filters.join(' AND '),
            ExpressionAttributeNames: {
              ...(state ? { '#state': 'state' } : {}),
              ...(search ? { '#unitName': 'unitName' } : {}),
            },
          }
        : {}),
      Limit: pageSize + 1,
    },
    after && {
      ...agreementKey(year, after.unitId),
      ...agreementIndexes(year, after.categoryId, after.unitId),
    },
  );
  for await (const page of pages) {
    read += page.ScannedCount ?? 0;
    for (const raw of page.Items ?? []) {
      const agreement = stripKeys<Agreement>(raw);
      if (visible(agreement)) items.push(agreement);
    }
    if (items.length > pageSize) break;
  }
  const shown = items.slice(0, pageSize);
  const last = shown.at(-1);
  return {
    items: shown,
    next: items.length > pageSize && last ? { categoryId: last.categoryId, unitId: last.unitId } : null,
    read,
  };
};
