/**
 * 本年度概况 (the leader's home): the few figures that matter — units by grade as of the quarter,
 * against last year's published result; the units under the warning rate; how many units handed in
 * the quarter's report — then the dashboard (领导看板) before any table.
 */
import type { Results, Year } from '../../api';
import { api } from '../../api';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Link } from '../../components/Link';
import { Loading } from '../../components/Loading';
import { PERIOD_LABELS } from '../../labels';
import { useResource } from '../../use-resource';
import { submissionsApi } from '../submissions/submissions-api';
import { ResultsCharts } from './ResultsCharts';
import {
  currentQuarter,
  GRADES,
  gradeLabel,
  isRunning,
  PERIODS,
  scoreRate,
  WARNING_RATE,
} from './results-model';

const gradeCounts = (results: Results) => {
  const units = results.categories.flatMap((c) => c.units);
  return Object.fromEntries(GRADES.map((g) => [g, units.filter((u) => u.grade === g).length]));
};

export const LeaderFigures = ({ year, years }: { year: Year; years: readonly Year[] }) => {
  const quarter = isRunning(year) ? currentQuarter(year, new Date()) : 'Q4';
  const lastYear = years.find((y) => y.year === year.year - 1 && y.state === 'published');
  const [data] = useResource(
    () =>
      Promise.all([
        api.results.get(year.year, quarter),
        lastYear ? api.results.get(lastYear.year, 'Q4') : Promise.resolve(null),
        submissionsApi.progress(year.year, quarter, ''),
      ]),
    [year.year, quarter, lastYear?.year],
  );
  if (data.status === 'loading') return <Loading />;
  if (data.status === 'error') return <ErrorBanner title="无法加载本年度概况" message={data.error.message} />;
  const [results, previous, progress] = data.data;
  const now = gradeCounts(results);
  const before = previous ? gradeCounts(previous) : null;
  const warned = results.categories
    .flatMap((c) => c.units)
    .filter((u) => {
      const rate = scoreRate(u);
      return rate !== null && rate < WARNING_RATE;
    }).length;
  const handedIn = progress.units.filter((u) => u.submittedAt).length;
  const periods = PERIODS.slice(0, PERIODS.indexOf(quarter) + 1);
  return (
    <>
      <section class="panel" aria-labelledby="year-figures">
        <h2 id="year-figures">本年度概况</h2>
        <dl class="figures">
          <div>
            <dt>
              {gradeLabel(results)}（{PERIOD_LABELS[quarter]}）
            </dt>
            <dd>
              {GRADES.map((g) => (
                <span key={g} class="figure-grade">
                  {g} <strong>{now[g]}</strong>
                  {before && <span class="muted">（上年 {before[g]}）</span>}
                </span>
              ))}
            </dd>
          </div>
          <div>
            <dt>预警单位（得分率低于 {WARNING_RATE}%）</dt>
            <dd>
              <strong>{warned}</strong> 个 <Link href="/results">查看</Link>
            </dd>
          </div>
          <div>
            <dt>{PERIOD_LABELS[quarter]}上报</dt>
            <dd>
              已提交 <strong>{handedIn}</strong> / {progress.units.length} 个单位
              {progress.unsigned.length > 0 && `，${progress.unsigned.length} 个单位未签订责任书`}{' '}
              <Link href="/progress">查看</Link>
            </dd>
          </div>
        </dl>
        {!lastYear && <p class="muted">上年度结果尚未发布，暂无对比。</p>}
      </section>
      {results.categories.length > 0 && (
        <ResultsCharts year={year.year} results={results} periods={periods} />
      )}
    </>
  );
};
