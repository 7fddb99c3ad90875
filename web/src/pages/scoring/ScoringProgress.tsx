/** The admin's scoring progress of a period: per rater, per indicator, and spread alerts. */
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Loading } from '../../components/Loading';
import { useResource } from '../../use-resource';
import { ReopenSheet } from './ReopenSheet';
import { type Period, scoringApi } from './scoring-api';

const points = (cents: number) => (cents / 100).toFixed(2);

export const ScoringProgressView = ({ year, period }: { year: number; period: Period }) => {
  const [progress, reload] = useResource(() => scoringApi.progress(year, period), [year, period]);
  if (progress.status === 'loading') return <Loading />;
  if (progress.status === 'error') return <ErrorBanner message={progress.error.message} />;
  const p = progress.data;
  return (
    <section aria-labelledby="scoring-progress-title">
      <h2 id="scoring-progress-title">评分进度</h2>
      <button type="button" class="button" onClick={reload}>
        刷新
      </button>
      {p.counted && (
        <p class="hint">
          本年度单位较多：按成员统计已评分数与分派数（不含已退回；评分表未定稿时，公式类指标的核定不计入已评），不在此按指标统计，也不在此计算评分差异预警；
          评分差异见考核结果计算后的评分一致性报告。
        </p>
      )}
      {p.byRater.length === 0 ? (
        <EmptyState title="本期尚未分派评分任务" />
      ) : (
        <div class="table-wrap">
          <table class="data-table">
            <caption>按考核组成员</caption>
            <thead>
              <tr>
                <th scope="col">成员</th>
                <th scope="col" class="num">
                  已评
                </th>
                <th scope="col" class="num">
                  待评
                </th>
                <th scope="col" class="num">
                  已退回
                </th>
                <th scope="col">评分表</th>
              </tr>
            </thead>
            <tbody>
              {p.byRater.map((r) => (
                <tr key={r.raterId} data-rater={r.raterId}>
                  <th scope="row">{r.name}</th>
                  <td class="num" data-label="已评">
                    {r.scored}
                  </td>
                  <td class="num" data-label="待评">
                    {r.pending}
                  </td>
                  <td class="num" data-label="已退回">
                    {r.returned}
                  </td>
                  <td data-label="评分表">
                    {r.finalized ? '已定稿 ' : '未定稿'}
                    {r.finalized && (
                      <ReopenSheet
                        year={year}
                        period={period}
                        raterId={r.raterId}
                        name={r.name}
                        onDone={reload}
                      />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {p.byIndicator.length > 0 && (
        <div class="table-wrap">
          <table class="data-table">
            <caption>按指标</caption>
            <thead>
              <tr>
                <th scope="col">指标</th>
                <th scope="col" class="num">
                  已评
                </th>
                <th scope="col" class="num">
                  待评
                </th>
                <th scope="col" class="num">
                  已退回
                </th>
              </tr>
            </thead>
            <tbody>
              {p.byIndicator.map((i) => (
                <tr key={i.code}>
                  <th scope="row">
                    {i.code} {i.name}
                  </th>
                  <td class="num" data-label="已评">
                    {i.scored}
                  </td>
                  <td class="num" data-label="待评">
                    {i.pending}
                  </td>
                  <td class="num" data-label="已退回">
                    {i.returned}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h3>评分差异预警（同一指标评分相差超过分值的 20%）</h3>
      {p.counted ? (
        <p>单位较多时不在此计算</p>
      ) : p.spreadAlerts.length === 0 ? (
        <p>暂无预警</p>
      ) : (
        <ul class="spread-alerts">
          {p.spreadAlerts.map((a) => (
            <li key={`${a.unitId}|${a.code}`}>
              {a.unitId} · 指标 {a.code}：最高 {points(a.maxCents)}，最低 {points(a.minCents)}（分值{' '}
              {points(a.wCents)}）
            </li>
          ))}
        </ul>
      )}
    </section>
  );
};
