/**
 * 预警: the units of a quarter view whose score rate is below the warning line, each linked to its
 * results. A city can flag hundreds: the list is paged (Pagination) and needs no controls when short.
 */
import type { Period, UnitResult } from '../../api';
import { Link } from '../../components/Link';
import { Pagination, usePagination } from '../../components/Pagination';

export interface FlaggedUnit {
  category: string;
  unit: UnitResult;
}

export const WarningList = ({
  flagged,
  rateText,
  href,
  asOf,
}: {
  flagged: FlaggedUnit[];
  rateText: (unit: UnitResult) => string;
  href: (unitId: string) => string;
  asOf: Period;
}) => {
  const paged = usePagination(flagged, asOf);
  return (
    <section class="results-warning" aria-labelledby="results-warning-heading">
      <h2 id="results-warning-heading">预警：以下单位本季度得分率低于 60%</h2>
      <ul>
        {paged.rows.map(({ category, unit }) => (
          <li key={unit.unitId}>
            <Link href={href(unit.unitId)}>{unit.unitName}</Link>（{category}） 得分率 {rateText(unit)}
          </li>
        ))}
      </ul>
      <Pagination id="results-warning" label="预警单位" paged={paged} unit="个单位" />
    </section>
  );
};
