/**
 * 自评报告: a unit's self-assessment of a period as a printable A4 page (the printed agreement's
 * layout): per indicator the points, the reported value, the self score, the 自评说明 and the
 * review chain so far; the total; signature lines for the unit head and the date.
 */
import type { Period } from '../../api';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Link } from '../../components/Link';
import { Loading } from '../../components/Loading';
import { usePageTitle } from '../../components/PageHeader';
import { formatScore } from '../../format';
import { PERIOD_LABELS } from '../../labels';
import { useResource } from '../../use-resource';
import { reviewsApi } from './reviews-api';
import { SelfAssessmentHead } from './SelfAssessmentHead';

const ENTERED = new Set(['rating', 'deduction']);

export const SelfAssessmentPrint = ({
  year,
  unitId,
  period,
}: {
  year: number;
  unitId: string;
  period: Period;
}) => {
  const [view] = useResource(() => reviewsApi.selfAssessment(year, unitId, period), [year, unitId, period]);
  const unitName = view.status === 'ready' ? (view.data.items[0]?.unitName ?? '') : '';
  usePageTitle(`${unitName} 自评报告`);
  if (view.status === 'loading') return <Loading />;
  if (view.status === 'error') return <ErrorBanner title="无法加载自评" message={view.error.message} />;
  const items = view.data.items;
  const selfOf = (i: (typeof items)[number]) =>
    i.review?.self?.pointsCents ?? (ENTERED.has(i.rule) ? null : i.liveSelfCents);
  const total = items.reduce((sum, i) => sum + (selfOf(i) ?? 0), 0);
  const max = items.reduce((sum, i) => sum + i.wCents, 0);
  return (
    <article class="agreement-print" aria-labelledby="print-title">
      <div class="print-toolbar">
        <button type="button" class="button button-primary" onClick={() => window.print()}>
          打印
        </button>
        <Link href={`/reviews?year=${year}&period=${period}`} class="button button-quiet">
          返回自评与审核
        </Link>
      </div>
      <header class="print-header">
        <h1 id="print-title">
          {unitName} {year} 年度目标责任制考核自查自评报告
        </h1>
        <p class="print-sub">考核期：{PERIOD_LABELS[period]}</p>
      </header>
      <table class="data-table">
        <caption>各项指标自评</caption>
        <SelfAssessmentHead />
        <tbody>
          {items.map((i) => {
            const self = selfOf(i);
            return (
              <tr key={i.code}>
                <td>
                  {i.code} {i.name}
                </td>
                <td class="num">{formatScore(i.wCents)}</td>
                <td>{i.reportedValue === null ? '—' : String(i.reportedValue)}</td>
                <td class="num">{self === null ? '—' : formatScore(self)}</td>
                <td>{i.review?.self?.note ?? ''}</td>
                <td>{i.chain}</td>
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">合计</th>
            <td class="num">{formatScore(max)}</td>
            <td />
            <td class="num">{formatScore(total)}</td>
            <td colSpan={2} />
          </tr>
        </tfoot>
      </table>
      <footer class="print-footer">
        <p>单位负责人（签字）：</p>
        <p>日期：　　年　　月　　日</p>
      </footer>
    </article>
  );
};
