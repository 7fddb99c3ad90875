/**
 * 公示结果版本 (admin, leaders): the version frozen when publicity opened and each recomputation
 * after an upheld objection was rescored, with what changed against the version before. The admin
 * recomputes during publicity (a job: its progress shows here and survives a reload), naming the
 * upheld objections the new version takes in.
 */
import { useState } from 'preact/hooks';
import type { DraftDetail, DraftHeaderView, Year } from '../../api';
import { api } from '../../api';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DataTable } from '../../components/DataTable';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Field } from '../../components/Field';
import { JobButton, JobProgress } from '../../components/JobProgress';
import { Loading } from '../../components/Loading';
import { formatDateTime, formatScore } from '../../format';
import { useJob } from '../../use-job';
import { useReasonedAction } from '../../use-reasoned-action';
import { useResource } from '../../use-resource';

type UnitChange = NonNullable<DraftDetail['diff']>['units'][number];

const cents = (value: number | null | undefined) =>
  value === null || value === undefined ? '—' : formatScore(value);

const change = (before: number | null | undefined, after: number | null | undefined) =>
  `${cents(before)} → ${cents(after)}`;

export const DraftDiff = ({ detail }: { detail: DraftDetail }) => {
  const { header, diff } = detail;
  if (!diff) return <p class="muted">第 1 版是开始公示时冻结的结果，没有可比较的上一版。</p>;
  if (diff.units.length === 0)
    return <p class="muted">与第 {diff.against} 版相比，所有单位的得分、名次和等级均无变化。</p>;
  return (
    <DataTable
      caption={`第 ${header.version} 版与第 ${diff.against} 版的差异（${diff.rescoredUnits} 个单位总分有变化）`}
      rows={diff.units}
      rowKey={(u) => u.unitId}
      columns={[
        { header: '单位', render: (u: UnitChange) => u.unitName },
        { header: '类别', render: (u: UnitChange) => u.categoryName },
        {
          header: '变化的指标',
          render: (u: UnitChange) =>
            u.leaves.length === 0 ? (
              <span class="muted">仅名次变化</span>
            ) : (
              <ul class="plain-list">
                {u.leaves.map((l) => (
                  <li key={l.code}>
                    {l.code} {l.name}：{change(l.beforeCents, l.afterCents)}
                  </li>
                ))}
              </ul>
            ),
        },
        {
          header: '最终得分',
          className: 'num',
          render: (u: UnitChange) => change(u.before?.finalCents, u.after?.finalCents),
        },
        {
          header: '名次',
          className: 'num',
          render: (u: UnitChange) => `${u.before?.rank ?? '—'} → ${u.after?.rank ?? '—'}`,
        },
        {
          header: '等级',
          render: (u: UnitChange) => `${u.before?.grade ?? '—'} → ${u.after?.grade ?? '—'}`,
        },
      ]}
    />
  );
};

const VersionDetail = ({ year, version }: { year: number; version: number }) => {
  const [detail] = useResource(() => api.results.draft(year, version), [year, version]);
  if (detail.status === 'loading') return <Loading />;
  if (detail.status === 'error') return <ErrorBanner message={detail.error.message} />;
  return <DraftDiff detail={detail.data} />;
};

export const DraftsPanel = ({ year, isAdmin }: { year: Year; isAdmin: boolean }) => {
  const [drafts, reload] = useResource(() => api.results.drafts(year.year), [year.year]);
  const [shown, setShown] = useState<number | null>(null);
  const [recomputing, setRecomputing] = useState(false);
  // Once the job has made the new version, the list reloads and shows the newest with its diff.
  const draftJob = useJob({
    types: ['draft'],
    onSucceeded: () => {
      setShown(null);
      reload();
    },
  });
  const canRecompute = isAdmin && year.state === 'publicity';
  if (drafts.status === 'loading') return <Loading />;
  if (drafts.status === 'error') return <ErrorBanner message={drafts.error.message} />;
  const list = drafts.data;
  if (list.length === 0 && !canRecompute) return null;
  const selected = shown ?? list.at(-1)?.version ?? null;
  return (
    <section class="panel stack" aria-labelledby="drafts-heading">
      <h2 id="drafts-heading">公示结果版本</h2>
      {draftJob.error && <ErrorBanner message={draftJob.error} />}
      {draftJob.job && <JobProgress job={draftJob.job} />}
      {list.length === 0 ? (
        <p class="muted">
          {year.state === 'publicity'
            ? '尚无公示版本，请点击“重新计算公示结果”生成第 1 版。'
            : '开始公示时将冻结第 1 版公示结果。'}
        </p>
      ) : (
        <>
          <ul class="plain-list">
            {list.map((d: DraftHeaderView) => (
              <li key={d.version}>
                <button
                  type="button"
                  class="link-button"
                  aria-pressed={selected === d.version}
                  onClick={() => setShown(d.version)}
                >
                  第 {d.version} 版
                </button>{' '}
                · {formatDateTime(d.computedAt)} · {d.reason}
                {d.objectionIds.length > 0 && `（涉及 ${d.objectionIds.length} 件成立的申诉）`}
              </li>
            ))}
          </ul>
          {selected !== null && <VersionDetail key={selected} year={year.year} version={selected} />}
        </>
      )}
      {canRecompute && (
        <div>
          <JobButton
            running={draftJob.running}
            onStart={() => setRecomputing(true)}
            label="重新计算公示结果"
            busyLabel="正在重新计算…"
          />
        </div>
      )}
      {recomputing && (
        <RecomputeDialog
          year={year.year}
          recompute={(body) => draftJob.launch(`/api/years/${year.year}/jobs/draft`, body)}
          onStarted={() => setRecomputing(false)}
          onCancel={() => setRecomputing(false)}
        />
      )}
    </section>
  );
};

const RecomputeDialog = ({
  year,
  recompute,
  onStarted,
  onCancel,
}: {
  year: number;
  /** Starts the draft job; a refusal (not in publicity, an objection not upheld) is thrown. */
  recompute: (body: { reason: string; objectionIds: string[] }) => Promise<unknown>;
  onStarted: () => void;
  onCancel: () => void;
}) => {
  const [objections] = useResource(() => api.objections.list(year), [year]);
  // Upheld objections no version answers yet: publication waits for them, so they start ticked.
  const upheld =
    objections.status === 'ready' ? objections.data.filter((o) => o.state === 'upheld' && !o.answer) : [];
  const [picked, setChosen] = useState<string[] | null>(null);
  const chosen = picked ?? upheld.map((o) => o.id);
  const { reason, setReason, reasonError, error, busy, confirm } = useReasonedAction({
    initialReason: '申诉成立，重新评分后更新公示结果',
    tooShort: '请说明重新计算的原因（至少 4 个字）',
    run: (text) => recompute({ reason: text, objectionIds: chosen }),
    onDone: onStarted,
  });

  return (
    <ConfirmDialog
      open
      title="重新计算公示结果"
      confirmLabel="生成新版本"
      busy={busy}
      onConfirm={() => void confirm()}
      onCancel={onCancel}
    >
      <p>将按当前评分重新计算，生成新一版公示结果，并列出与上一版的差异。已有版本保留不变。</p>
      <Field id="draft-reason" label="原因" required error={reasonError}>
        {(control) => (
          <textarea {...control} rows={2} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
        )}
      </Field>
      {upheld.length > 0 && (
        <fieldset>
          <legend>本版采纳的成立申诉</legend>
          {upheld.map((o) => (
            <div key={o.id} class="checkbox-field">
              <input
                type="checkbox"
                id={`draft-objection-${o.id}`}
                checked={chosen.includes(o.id)}
                onChange={(e) =>
                  setChosen(e.currentTarget.checked ? [...chosen, o.id] : chosen.filter((id) => id !== o.id))
                }
              />
              <label for={`draft-objection-${o.id}`}>
                {o.unitName} · {o.code} {o.leafName}
              </label>
            </div>
          ))}
        </fieldset>
      )}
      {error && <ErrorBanner message={error} />}
    </ConfirmDialog>
  );
};
