/**
 * 整改通知: a unit answers its open orders; the inspection team closes or returns answered ones;
 * the admin sees the overdue ones. The same list, with the action each role may take. The unit's
 * evidence (整改佐证) is uploaded while the order is open, before the answer is reported (the answer
 * closes the order to changes); the team sees it when it reviews.
 */
import { useState } from 'preact/hooks';
import type { Me } from '../../api';
import { DataTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner, Notice } from '../../components/ErrorBanner';
import { Field } from '../../components/Field';
import { formatPoints } from '../../format';
import { toApiError, useResource } from '../../use-resource';
import { AttachmentList, AttachmentsToggle } from '../attachments/AttachmentList';
import type { AttachmentOwner } from '../attachments/attachments-api';
import { inspectionsApi, RECTIFICATION_STATE_LABELS, type RectificationRow } from './inspections-api';

interface Props {
  user: Me;
  year: number;
  names: Map<string, string>;
  overdueOnly?: boolean;
  title: string;
}

const RectificationAction = ({
  user,
  row,
  onDone,
}: {
  user: Me;
  row: RectificationRow;
  onDone: (text: string) => void;
}) => {
  const [text, setText] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const isUnit = user.roles.some((r) => r === 'reporter' || r === 'unit_head') && user.unitId === row.unitId;
  const isTeam = user.roles.includes('inspector') && row.team.includes(user.userId);
  const owner: AttachmentOwner = { year: row.year, unitId: row.unitId, kind: 'rectification', id: row.id };
  const run = async (action: () => Promise<unknown>, done: string) => {
    setBusy(true);
    setError(undefined);
    try {
      await action();
      onDone(done);
    } catch (e) {
      setError(toApiError(e).message);
    } finally {
      setBusy(false);
    }
  };
  if (isUnit && row.state === 'open')
    return (
      <div class="stack">
        {error && <ErrorBanner message={error} />}
        <Field id={`answer-${row.id}`} label="整改情况" required>
          {(p) => <textarea {...p} rows={2} value={text} onInput={(e) => setText(e.currentTarget.value)} />}
        </Field>
        <AttachmentList owner={owner} title="整改佐证" editable />
        <button
          type="button"
          class="button button-primary"
          aria-disabled={busy}
          onClick={() => run(() => inspectionsApi.answer(row, text), '已报告整改情况')}
        >
          报告整改情况
        </button>
      </div>
    );
  if (isTeam && row.state === 'answered')
    return (
      <div class="stack">
        {error && <ErrorBanner message={error} />}
        <p>{row.answer}</p>
        <AttachmentList owner={owner} title="整改佐证" />
        <Field id={`review-${row.id}`} label="审核意见" hint="退回时必填">
          {(p) => <textarea {...p} rows={2} value={text} onInput={(e) => setText(e.currentTarget.value)} />}
        </Field>
        <span class="row-actions">
          <button
            type="button"
            class="button button-primary"
            aria-disabled={busy}
            onClick={() => run(() => inspectionsApi.review(row, 'close', text), '已销号')}
          >
            整改到位，销号
          </button>
          <button
            type="button"
            class="button"
            aria-disabled={busy}
            onClick={() => run(() => inspectionsApi.review(row, 'return', text), '已退回')}
          >
            退回重新整改
          </button>
        </span>
      </div>
    );
  if (row.state === 'open') return <span>{row.answer ?? '—'}</span>;
  return (
    <div class="stack">
      <span>{row.answer ?? '—'}</span>
      <AttachmentsToggle owner={owner} title="整改佐证" label="查看整改佐证" />
    </div>
  );
};

/** The finding, the points it cost the unit, and the inspector's reason when the answer was returned. */
const RectificationProblem = ({ row }: { row: RectificationRow }) => {
  const returned =
    row.state === 'open' ? [...row.history].reverse().find((h) => h.action === 'returned') : undefined;
  return (
    <div class="stack">
      <span>
        {row.itemText}
        {row.note ? `：${row.note}` : ''}
        {row.pointsCents ? `（扣 ${formatPoints(row.pointsCents)}）` : ''}
      </span>
      {returned && <strong>整改被退回：{returned.note}</strong>}
    </div>
  );
};

export const RectificationList = ({ user, year, names, overdueOnly = false, title }: Props) => {
  const [list, reload] = useResource(
    () => inspectionsApi.rectifications(year, overdueOnly),
    [year, overdueOnly],
  );
  const [notice, setNotice] = useState<string>();
  if (list.status === 'loading') return <p>正在加载整改通知…</p>;
  if (list.status === 'error') return <ErrorBanner message={list.error.message} />;
  return (
    <section class="stack" aria-label={title}>
      <h2>{title}</h2>
      {notice && <Notice>{notice}</Notice>}
      {list.data.length === 0 ? (
        <EmptyState title={overdueOnly ? '没有逾期未整改的问题' : '没有整改通知'} />
      ) : (
        <DataTable
          caption={title}
          captionHidden
          rows={list.data}
          rowKey={(r) => r.id}
          rowClass={(r) => (r.overdue ? 'row-warning' : undefined)}
          columns={[
            { header: '单位', render: (r) => names.get(r.unitId) ?? r.unitId },
            { header: '问题', render: (r) => <RectificationProblem row={r} /> },
            { header: '整改期限', render: (r) => `${r.dueDate}${r.overdue ? '（已逾期）' : ''}` },
            { header: '状态', render: (r) => RECTIFICATION_STATE_LABELS[r.state] },
            {
              header: '整改情况',
              render: (r) => (
                <RectificationAction
                  user={user}
                  row={r}
                  onDone={(text) => {
                    setNotice(text);
                    reload();
                  }}
                />
              ),
            },
          ]}
        />
      )}
    </section>
  );
};
