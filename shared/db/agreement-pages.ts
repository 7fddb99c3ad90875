/**
 * A year's agreements (or one category's) a page at a time, in the index's order (category, unit):
 * Query of gsi1 with `Limit` and `ExclusiveStartKey`, the start rebuilt here from the position of the
 * last row shown (its category and unit) so a cursor can only point into this year's index. Rows the
 * caller may not see (`visible`) and other states (`state`, a FilterExpression) are skipped, reading on
 * until the page is full: one row more than the page is read to know whether a next page exists.
 */
import type { Agreement } from '../schemas/agreement';
import { storedAgreementCount } from './agreement-count';
import { getAgreementsOf } from './agreement-repo';
import type { Db } from './client';
import { queryPages, stripKeys } from './items';
import { agreementIndexes, agreementKey, agreementsQuery } from './keys';
import { getUnitsOf } from './org-repo';

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

/** What a page asks for: the year, its filters, where it starts, and which rows the reader may see. */
export interface AgreementPageOptions {
  year: number;
  categoryId?: string | undefined;
  state?: Agreement['state'] | undefined;
  /** Part of the unit's name (on the index a FilterExpression: every row of the range is still read). */
  search?: string | undefined;
  after?: AgreementPosition | undefined;
  pageSize: number;
  visible: (agreement: Agreement) => boolean;
}

export const pageAgreements = async (db: Db, options: AgreementPageOptions): Promise<AgreementPage> => {
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

/** A row's place in the year's agreements index (gsi1's sort key): the order both walks share. */
const indexOrder = (year: number, position: AgreementPosition) =>
  agreementIndexes(year, position.categoryId, position.unitId).gsi1sk;

/**
 * The same page for a reader whose scope is a set of units (a unit's members, a rater): those units'
 * agreements read by key instead of the year's index filtered in code. The units (BatchGetItem, small
 * items) give each one's place in the index's order (category, unit); the walk starts after `after`
 * and reads the agreements by key (BatchGetItem) a page plus one at a time until the page is full.
 * Only units of `unitIds` are ever read, so no cursor reaches outside the scope; `visible` still
 * decides each row (a draft is shown to the bureau only).
 */
export const pageAgreementsOf = async (
  db: Db,
  options: AgreementPageOptions & { unitIds: ReadonlySet<string> },
): Promise<AgreementPage> => {
  const { year, unitIds, categoryId, state, search, after, pageSize, visible } = options;
  const units = unitIds.size > 0 ? await getUnitsOf(db, unitIds) : [];
  let read = units.length;
  const start = after && indexOrder(year, after);
  const positions = units
    .map((u) => ({ categoryId: u.categoryId, unitId: u.id }))
    .filter((p) => (!categoryId || p.categoryId === categoryId) && (!start || indexOrder(year, p) > start))
    .sort((a, b) => (indexOrder(year, a) < indexOrder(year, b) ? -1 : 1));
  const rows: { agreement: Agreement; position: AgreementPosition }[] = [];
  for (let i = 0; i < positions.length && rows.length <= pageSize; i += pageSize + 1) {
    const chunk = positions.slice(i, i + pageSize + 1);
    const found = await getAgreementsOf(
      db,
      year,
      chunk.map((p) => p.unitId),
    );
    read += found.length;
    const byUnit = new Map(found.map((a) => [a.unitId, a]));
    for (const position of chunk) {
      const agreement = byUnit.get(position.unitId);
      if (
        agreement &&
        // A unit moved to another category after its agreement was made is not shown under the new one.
        (!categoryId || agreement.categoryId === categoryId) &&
        (!state || agreement.state === state) &&
        (!search || agreement.unitName.includes(search)) &&
        visible(agreement)
      )
        rows.push({ agreement, position });
    }
  }
  const shown = rows.slice(0, pageSize);
  const last = shown.at(-1);
  return {
    items: shown.map((r) => r.agreement),
    next: rows.length > pageSize && last ? last.position : null,
    read,
  };
};

/** A set of units' agreements of the year (or one category's), by key, in the index's order. */
export const listAgreementsOf = async (
  db: Db,
  year: number,
  unitIds: ReadonlySet<string>,
  categoryId?: string,
): Promise<Agreement[]> =>
  (unitIds.size > 0 ? await getAgreementsOf(db, year, unitIds) : [])
    .filter((a) => !categoryId || a.categoryId === categoryId)
    .sort((a, b) => (indexOrder(year, a) < indexOrder(year, b) ? -1 : 1));

/**
 * A page for a reader whose scope is every unit or a set of them, by the cheaper walk: by key reads
 * the scope's units and about a page of agreements; the index reads about `count / scope` rows per
 * row shown (the year's count is one GetItem of its counter). A unit's members read by key; a rater
 * of most of the year's units walks the index. Both decide each row by `visible` (the reader's scope
 * and the draft rule), so either walk shows the same rows and cursors.
 */
export const pageAgreementsIn = async (
  db: Db,
  scope: 'all' | ReadonlySet<string>,
  options: AgreementPageOptions,
): Promise<AgreementPage> => {
  if (scope === 'all') return pageAgreements(db, options);
  const count = scope.size > options.pageSize ? await storedAgreementCount(db, options.year) : undefined;
  const row = options.pageSize + 1;
  const byIndex = count !== undefined && (row * count) / scope.size < scope.size + row;
  return byIndex ? pageAgreements(db, options) : pageAgreementsOf(db, { ...options, unitIds: scope });
};
