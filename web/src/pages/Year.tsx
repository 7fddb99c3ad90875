/**
 * 考核年度: the year's settings, windows and history, read-only; an admin moves the year to its
 * next state after confirming in a dialog, and while it is in 年初设置 can change its settings.
 * The moves that compute the whole year's results, 进入结果公示 and 发布最终结果, are jobs (the
 * publicity and publication jobs): their progress shows here and survives a reload. A published
 * year whose newest version stopped after its commit says so and offers 重新生成公布页面.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ApiError, Me, Readiness, Year } from '../api';
import { api } from '../api';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { DataTable } from '../components/DataTable';
import { EmptyState } from '../components/EmptyState';
import { ErrorBanner, Notice } from '../components/ErrorBanner';
import { JobProgress } from '../components/JobProgress';
import { Loading } from '../components/Loading';
import { PageHeader } from '../components/PageHeader';
import { NEXT_YEAR_STATE, YEAR_STATE_LABELS } from '../labels';
import { canEdit } from '../navigation';
import { useJob } from '../use-job';
import { toApiError, useResource } from '../use-resource';
import { NewYearForm } from './NewYearForm';
import { SiteRegeneration } from './results/SiteRegeneration';
import { acknowledgementsOf, IssueList, type Reasons, refusalOf, YearChecklist } from './YearChecklist';
import { historyColumns, StateSteps, windowColumns, YearSettings } from './YearOverview';
import { YearSettingsForm } from './YearSettingsForm';
import { TRANSITION_COPY } from './year-transitions';

const YearDetails = ({
  year,
  editable,
  names,
  onChanged,
}: {
  year: Year;
  editable: boolean;
  names: Map<string, string>;
  onChanged: (year: Year) => void;
}) => {
  const [confirming, setConfirming] = useState(false);
  // null: never opened, so nothing to give focus back to.
  const [editing, setEditing] = useState<boolean | null>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (editing === false) editButton.current?.focus();
  }, [editing]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const next = NEXT_YEAR_STATE[year.state];
  const copy = next ? TRANSITION_COPY[next] : null;
  // The checklist of the next step, reloaded whenever the year moves; a refused move replaces it.
  const [checklist, , setChecklist] = useResource(
    () => (editable && next ? api.years.readiness(year.year, next) : Promise.resolve(null)),
    [year.year, year.version, next, editable],
  );
  const readiness = checklist.status === 'ready' ? checklist.data : null;
  const [reasons, setReasons] = useState<Reasons>({});
  const refusal = readiness ? refusalOf(readiness, reasons) : '正在检查是否可以进行下一步……';
  // The moves that compute the whole year run as jobs (docs/jobs.md): 进入结果公示 and 发布最终结果.
  // Their progress shows here and survives a reload; once the job has ended the year is read again:
  // a publication that failed after its commit (PUBLICATION_UNFINISHED) has published the year too.
  const readAgain = (told?: (updated: Year) => void) =>
    void api.years.get(year.year).then(
      (updated) => {
        told?.(updated);
        onChanged(updated);
      },
      (e: unknown) => setError(toApiError(e)),
    );
  const moveJob = useJob({
    types: ['publicity', 'publication'],
    onSucceeded: (job) =>
      readAgain((updated) => {
        const action = TRANSITION_COPY[job.type === 'publicity' ? 'publicity' : 'published'].action;
        setDone(`已${action}：${year.title}当前状态为“${YEAR_STATE_LABELS[updated.state]}”。`);
      }),
    onFailed: () => readAgain(),
  });
  // A published year whose newest version stopped after its commit says so, with 重新生成公布页面;
  // a role that cannot read the versions simply sees no notice.
  const published = year.state === 'published';
  const [publications, reloadPublications] = useResource(
    () => (published ? api.results.publications(year.year).catch(() => []) : Promise.resolve([])),
    [year.year, published],
  );

  const advance = async () => {
    if (!next || !copy || !readiness || refusal) return;
    setBusy(true);
    setError(null);
    try {
      const acknowledgements = acknowledgementsOf(readiness, reasons);
      // A job's start refuses as the move does (NOT_READY / WARNINGS_UNACKNOWLEDGED with the checklist).
      if (next === 'publicity' || next === 'published') {
        await moveJob.launch(
          `/api/years/${year.year}/jobs/${next === 'publicity' ? 'publicity' : 'publication'}`,
          next === 'publicity'
            ? { version: year.version, acknowledgements }
            : { confirm: true, acknowledgements },
        );
        setReasons({});
        return;
      }
      const updated = await api.years.advance(year.year, next, year.version, acknowledgements);
      setDone(`已${copy.action}：${year.title}当前状态为“${YEAR_STATE_LABELS[updated.state]}”。`);
      setReasons({});
      onChanged(updated);
    } catch (e) {
      const failure = toApiError(e);
      setError(failure);
      // Refused for what is not ready (another tab, or facts changed since the page loaded): show why.
      const refused = failure.extra.readiness as Readiness | undefined;
      if (refused) setChecklist({ status: 'ready', data: refused });
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };

  return (
    <>
      {done && <Notice>{done}</Notice>}
      {moveJob.error && <ErrorBanner message={moveJob.error} />}
      {moveJob.job && <JobProgress job={moveJob.job} />}
      {error && (
        <ErrorBanner title="年度状态未改变" message={error.message}>
          {Array.isArray((error.extra.readiness as Readiness | undefined)?.blockers) && (
            <IssueList issues={(error.extra.readiness as Readiness).blockers} />
          )}
          {error.status === 409 && !error.extra.readiness && (
            <button type="button" class="button" onClick={() => location.reload()}>
              刷新页面
            </button>
          )}
        </ErrorBanner>
      )}
      <section class="panel" aria-labelledby="year-title">
        <div class="panel-heading">
          <h2 id="year-title">{year.title}</h2>
          <p class="state-line">
            当前状态：<strong class="state-badge">{YEAR_STATE_LABELS[year.state]}</strong>
          </p>
        </div>
        <StateSteps year={year} />
        {published && (
          <SiteRegeneration
            year={year}
            newest={publications.status === 'ready' ? publications.data.at(-1) : undefined}
            isAdmin={editable}
            onFinished={reloadPublications}
            onlyUnfinished
          />
        )}
        {editable && copy && (
          <div class="next-step">
            <button
              type="button"
              class="button button-primary"
              aria-disabled={moveJob.running}
              onClick={() => !moveJob.running && setConfirming(true)}
            >
              {copy.action}
            </button>
            <p class="hint">此操作需要确认，且不可撤销。{refusal && readiness ? refusal : ''}</p>
          </div>
        )}
      </section>
      {editable && copy && checklist.status === 'error' && (
        <ErrorBanner title="无法检查下一步" message={checklist.error.message} />
      )}
      {editable && copy && readiness && (
        <YearChecklist
          readiness={readiness}
          action={copy.action}
          reasons={reasons}
          onReason={(code, reason) => setReasons((r) => ({ ...r, [code]: reason }))}
        />
      )}
      {editing ? (
        <YearSettingsForm
          year={year}
          onCancel={() => setEditing(false)}
          onSaved={(updated) => {
            setDone(`已保存${updated.title}的年度设置。`);
            onChanged(updated);
            setEditing(false);
          }}
        />
      ) : (
        <section class="panel" aria-labelledby="year-settings">
          <h2 id="year-settings">考核设置</h2>
          <YearSettings year={year} />
          {editable && year.state === 'setup' && (
            <div class="next-step">
              <button type="button" class="button" ref={editButton} onClick={() => setEditing(true)}>
                修改年度设置
              </button>
              <p class="hint">权重、上限和季度窗口只能在“年初设置”阶段修改。</p>
            </div>
          )}
        </section>
      )}
      <section class="panel" aria-labelledby="year-windows">
        <h2 id="year-windows">季度上报窗口</h2>
        <DataTable
          caption="季度上报窗口"
          captionHidden
          columns={windowColumns(new Date())}
          rows={year.periods}
          rowKey={(w) => w.period}
        />
      </section>
      <section class="panel" aria-labelledby="year-history">
        <h2 id="year-history">状态记录</h2>
        <DataTable
          caption="状态记录"
          captionHidden
          columns={historyColumns(names)}
          rows={year.history}
          rowKey={(h) => `${h.state}-${h.at}`}
        />
      </section>
      {copy && (
        <ConfirmDialog
          open={confirming}
          title={`确认${copy.action}？`}
          confirmLabel={`确认${copy.action}`}
          busy={busy}
          confirmDisabled={refusal !== null}
          onConfirm={advance}
          onCancel={() => setConfirming(false)}
        >
          <p>
            {year.title}将从“{YEAR_STATE_LABELS[year.state]}”转为“{next && YEAR_STATE_LABELS[next]}”。
          </p>
          <p>{copy.effect(year)}</p>
          {refusal ? (
            <p class="warning">{refusal}请先按页面上的检查清单处理。</p>
          ) : (
            readiness &&
            readiness.warnings.length > 0 && (
              <p>将确认 {readiness.warnings.length} 项提醒，理由记入年度状态记录。</p>
            )
          )}
          <p class="warning">此操作不可撤销。</p>
        </ConfirmDialog>
      )}
    </>
  );
};

export const YearPage = ({ user }: { user: Me }) => {
  const editable = canEdit(user.roles, 'year');
  const [years, reload, setYears] = useResource(() => api.years.list(), []);
  // Operator names for the history; a role without users.read simply sees user ids.
  const [users] = useResource(() => api.users.list().catch(() => []), []);
  const [selected, setSelected] = useState<number | null>(null);
  const names = new Map(users.status === 'ready' ? users.data.map((u) => [u.id, u.name]) : []);
  const list = years.status === 'ready' ? years.data : [];
  const year = list.find((y) => y.year === selected) ?? list[0];

  return (
    <>
      <PageHeader
        title="考核年度"
        actions={
          list.length > 1 && (
            <div class="field inline-field">
              <label for="year-select">查看年度</label>
              <select
                id="year-select"
                value={year?.year}
                onChange={(e) => setSelected(Number(e.currentTarget.value))}
              >
                {list.map((y) => (
                  <option key={y.year} value={y.year}>
                    {y.year} 年
                  </option>
                ))}
              </select>
            </div>
          )
        }
      >
        {!editable && (
          <p>
            <span class="tag tag-plain">只读</span> 年度设置和状态由考核办维护。
          </p>
        )}
      </PageHeader>
      {editable && years.status === 'ready' && (
        <NewYearForm
          newest={list[0]?.year}
          onCreated={(created) => {
            setYears({ status: 'ready', data: [created, ...list] });
            setSelected(created.year);
          }}
        />
      )}
      {years.status === 'loading' && <Loading />}
      {years.status === 'error' && (
        <ErrorBanner title="无法加载考核年度" message={years.error.message}>
          <button type="button" class="button" onClick={reload}>
            重试
          </button>
        </ErrorBanner>
      )}
      {years.status === 'ready' && !year && (
        <EmptyState title="尚未设置考核年度">
          <p>年度创建后，这里会显示权重、上限、季度窗口和状态记录。</p>
        </EmptyState>
      )}
      {year && (
        <YearDetails
          key={year.year}
          year={year}
          editable={editable}
          names={names}
          onChanged={(updated) =>
            setYears({ status: 'ready', data: list.map((y) => (y.year === updated.year ? updated : y)) })
          }
        />
      )}
    </>
  );
};
