/**
 * 申诉处理: the committee's inbox of a year's objections, filtered by state and unit, with the
 * counts per state. Open ones are decided here; upheld ones wait for rescoring until a new draft
 * version answers them, which then shows the indicator's score before and after.
 */
import { useState } from 'preact/hooks';
import { api, type Objection, type ObjectionInboxState } from '../../api';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Link } from '../../components/Link';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { SelectField } from '../../components/SelectField';
import { formatDateTime } from '../../format';
import { useResource } from '../../use-resource';
import { Decide, formatOutcome, ObjectionFiles } from '../results/ObjectionsPanel';
import { countByState, INBOX_LABELS, INBOX_STATES, inboxStateOf } from './objection-states';

const param = (name: string) => new URLSearchParams(location.search).get(name) ?? '';

const Outcome = ({ o, year }: { o: Objection; year: number }) => {
  const state = inboxStateOf(o);
  if (state === 'open') return null;
  if (state === 'rescoring')
    return (
      <>
        {o.decision?.reason}
        <br />
        <Link href={`/scoring?year=${year}`}>重新评分</Link> 后在{' '}
        <Link href={`/results?year=${year}`}>考核结果</Link> 重新计算公示结果并选中此申诉
      </>
    );
  return (
    <>
      {o.decision?.reason}
      {o.answer && (
        <>
          <br />第 {o.answer.draftVersion} 版：{formatOutcome(o.answer)}
        </>
      )}
    </>
  );
};

export const ObjectionInbox = () => {
  const [years] = useResource(() => api.years.list(), []);
  const year = Number(param('year')) || (years.status === 'ready' ? years.data[0]?.year : undefined);
  const [state, setState] = useState<ObjectionInboxState | ''>(param('state') as ObjectionInboxState | '');
  const [unitId, setUnitId] = useState(param('unitId'));
  const [list, reload] = useResource(
    () => (year ? api.objections.list(year) : Promise.resolve([] as Objection[])),
    [year],
  );
  const all = list.status === 'ready' ? list.data : [];
  const counts = countByState(all);
  const units = [...new Map(all.map((o) => [o.unitId, o.unitName])).entries()];
  const shown = all.filter((o) => (!state || inboxStateOf(o) === state) && (!unitId || o.unitId === unitId));
  const setFilter = (next: { state?: string; unitId?: string }) => {
    const q = new URLSearchParams({ year: String(year ?? '') });
    const s = next.state ?? state;
    const u = next.unitId ?? unitId;
    if (s) q.set('state', s);
    if (u) q.set('unitId', u);
    history.replaceState(null, '', `/objections?${q}`);
  };
  return (
    <>
      <PageHeader title="申诉处理">
        <p>
          {year ? `${year} 年度` : ''}
          公示期内各单位提出的申诉：待处理的在此认定，成立的须重新评分并重新计算公示结果后才能发布。
        </p>
      </PageHeader>
      <section class="panel" aria-labelledby="inbox-filters">
        <h2 id="inbox-filters" class="visually-hidden">
          筛选
        </h2>
        <p>{INBOX_STATES.map((s) => `${INBOX_LABELS[s]} ${counts[s]} 件`).join('，')}</p>
        <div class="filters">
          <SelectField<ObjectionInboxState | ''>
            id="inbox-state"
            label="状态"
            inline
            value={state}
            options={[
              ['', '全部'],
              ...INBOX_STATES.map((s) => [s, `${INBOX_LABELS[s]}（${counts[s]}）`] as const),
            ]}
            onChange={(value) => {
              setState(value);
              setFilter({ state: value });
            }}
          />
          <SelectField
            id="inbox-unit"
            label="单位"
            inline
            value={unitId}
            options={[['', '全部单位'], ...units]}
            onChange={(value) => {
              setUnitId(value);
              setFilter({ unitId: value });
            }}
          />
        </div>
      </section>
      {list.status === 'loading' && <Loading />}
      {list.status === 'error' && <ErrorBanner title="无法加载申诉" message={list.error.message} />}
      {list.status === 'ready' && (
        <section class="panel" aria-labelledby="inbox-list">
          <h2 id="inbox-list">申诉（{shown.length} 件）</h2>
          {shown.length === 0 ? (
            <p>没有符合条件的申诉。</p>
          ) : (
            <div class="table-wrap">
              <table class="data-table">
                <caption class="visually-hidden">申诉列表</caption>
                <thead>
                  <tr>
                    <th scope="col">单位与指标</th>
                    <th scope="col">申诉理由</th>
                    <th scope="col">提交时间</th>
                    <th scope="col">状态</th>
                    <th scope="col">处理</th>
                  </tr>
                </thead>
                <tbody>
                  {shown.map((o) => (
                    <tr key={o.id}>
                      <th scope="row">
                        <Link href={`/results/units/${o.unitId}?year=${o.year}`}>{o.unitName}</Link> {o.code}{' '}
                        {o.leafName}
                      </th>
                      <td data-label="申诉理由">
                        {o.reason}
                        <ObjectionFiles objection={o} editable={false} />
                      </td>
                      <td data-label="提交时间">{formatDateTime(o.filedAt)}</td>
                      <td data-label="状态">{INBOX_LABELS[inboxStateOf(o)]}</td>
                      <td data-label="处理">
                        {o.state === 'open' ? (
                          <Decide objection={o} onDone={reload} />
                        ) : (
                          <Outcome o={o} year={o.year} />
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      )}
    </>
  );
};
