/**
 * The progress matrix of a period: units × indicators with each item's status, counts per unit and
 * per category, and the units without an agreement in force (not hidden: listed with the state
 * their agreement is in). Pure: the route hands in what the table holds.
 */
import type { AgreementDimension, AgreementState } from '../../schemas/agreement';
import type {
  Extension,
  PeriodSubmission,
  Progress,
  StatusCounts,
  SubmissionItem,
} from '../../schemas/submission';
import type { Period } from '../../schemas/year';
import { indicatorsForPeriod } from './indicators';
import type { ItemStatus } from './status';

export type CellStatus = ItemStatus | 'missing';

export interface ProgressInput {
  year: number;
  period: Period;
  closesAt: string;
  units: readonly { id: string; name: string; categoryId: string }[];
  categories: readonly { id: string; name: string; sortOrder: number }[];
  /** Unit id → the content of its agreement in force; units without one have no row. */
  agreements: ReadonlyMap<string, readonly AgreementDimension[]>;
  /** Unit id → the state of its agreement (absent: none generated), for the units without a row. */
  agreementStates?: ReadonlyMap<string, AgreementState>;
  items: readonly SubmissionItem[];
  submissions: readonly PeriodSubmission[];
  extensions: readonly Extension[];
}

export interface ProgressFilter {
  categoryId?: string | undefined;
  status?: CellStatus | undefined;
  unitId?: string | undefined;
}

export const emptyCounts = (): StatusCounts => ({
  missing: 0,
  draft: 0,
  submitted: 0,
  returned: 0,
  resubmitted: 0,
  accepted: 0,
});

export const buildProgress = (input: ProgressInput, filter: ProgressFilter = {}): Progress => {
  const itemsByUnit = new Map<string, Map<string, SubmissionItem>>();
  for (const item of input.items) {
    const ofUnit = itemsByUnit.get(item.unitId) ?? new Map<string, SubmissionItem>();
    ofUnit.set(item.code, item);
    itemsByUnit.set(item.unitId, ofUnit);
  }
  const submissionOf = new Map(input.submissions.map((s) => [s.unitId, s]));
  const extensionOf = new Map(input.extensions.map((e) => [e.unitId, e]));
  const categoryName = new Map(input.categories.map((c) => [c.id, c.name]));
  const categoryOrder = new Map(input.categories.map((c) => [c.id, c.sortOrder]));

  const columns = new Map<string, { code: string; name: string; dimension: string }>();
  const categoryColumns = new Map<string, Map<string, { code: string; name: string; dimension: string }>>();
  const rows: Progress['units'] = [];
  const unsigned: Progress['unsigned'] = [];
  const units = [...input.units].sort(
    (a, b) =>
      (categoryOrder.get(a.categoryId) ?? 999) - (categoryOrder.get(b.categoryId) ?? 999) ||
      a.id.localeCompare(b.id),
  );
  for (const unit of units) {
    if (filter.categoryId && unit.categoryId !== filter.categoryId) continue;
    if (filter.unitId && unit.id !== filter.unitId) continue;
    const dimensions = input.agreements.get(unit.id);
    if (!dimensions) {
      unsigned.push({
        unitId: unit.id,
        unitName: unit.name,
        categoryId: unit.categoryId,
        categoryName: categoryName.get(unit.categoryId) ?? unit.categoryId,
        agreement: input.agreementStates?.get(unit.id) ?? null,
      });
      continue;
    }
    const indicators = indicatorsForPeriod(dimensions, input.period);
    const items = itemsByUnit.get(unit.id) ?? new Map<string, SubmissionItem>();
    const cells: Record<string, CellStatus> = {};
    const counts = emptyCounts();
    for (const indicator of indicators) {
      const status: CellStatus = items.get(indicator.code)?.status ?? 'missing';
      cells[indicator.code] = status;
      counts[status]++;
    }
    if (filter.status && counts[filter.status] === 0) continue;
    const ofCategory = categoryColumns.get(unit.categoryId) ?? new Map();
    categoryColumns.set(unit.categoryId, ofCategory);
    for (const indicator of indicators) {
      if (!ofCategory.has(indicator.code)) {
        ofCategory.set(indicator.code, {
          code: indicator.code,
          name: indicator.name,
          dimension: indicator.dimension,
        });
      }
      if (!columns.has(indicator.code)) {
        columns.set(indicator.code, {
          code: indicator.code,
          name: indicator.name,
          dimension: indicator.dimension,
        });
      }
    }
    rows.push({
      unitId: unit.id,
      unitName: unit.name,
      categoryId: unit.categoryId,
      categoryName: categoryName.get(unit.categoryId) ?? unit.categoryId,
      cells,
      counts,
      submittedAt: submissionOf.get(unit.id)?.submittedAt ?? null,
      extension: extensionOf.get(unit.id) ?? null,
    });
  }

  const byCategory = new Map<string, Progress['categories'][number]>();
  for (const row of rows) {
    const entry = byCategory.get(row.categoryId) ?? {
      categoryId: row.categoryId,
      categoryName: row.categoryName,
      units: 0,
      counts: emptyCounts(),
      indicators: [...(categoryColumns.get(row.categoryId)?.values() ?? [])],
    };
    entry.units++;
    for (const [status, n] of Object.entries(row.counts) as [CellStatus, number][]) entry.counts[status] += n;
    byCategory.set(row.categoryId, entry);
  }
  return {
    year: input.year,
    period: input.period,
    closesAt: input.closesAt,
    indicators: [...columns.values()],
    units: rows,
    unsigned,
    categories: [...byCategory.values()],
  };
};
