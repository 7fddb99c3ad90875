/**
 * 审批队列 (admin): submitted inspections (on 检查记录) or proposed bonuses, penalties and vetoes (on
 * 加减分与否决), each with its photos or evidence files one click away. Every approval or rejection is confirmed first; the API
 * refuses the proposer's own approval and says so.
 */
import { useState } from 'preact/hooks';
import { api } from '../../api';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { type Column, DataTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner, Notice } from '../../components/ErrorBanner';
import { Field } from '../../components/Field';
import { formatPoints } from '../../format';
import { toApiError, useResource } from '../../use-resource';
import { attachmentsColumn } from '../attachments/AttachmentList';
import {
  type Inspection,
  inspectionsApi,
  PROPOSAL_KIND_LABELS,
  type Proposal,
} from '../inspections/inspections-api';

type Pending =
  | { what: 'inspection'; item: Inspection; decision: 'approve' | 'reject' }
  | { what: 'proposal'; item: Proposal; decision: 'approve' | 'reject' };

const findingsText = (i: Inspection) =>
  i.findings.length === 0
    ? '未发现问题'
    : i.findings
        .map(
          (f) =>
            `${f.itemText}${f.veto ? '（一票否决）' : `（−${(f.pointsCents / 100).toFixed(2)}，${f.leafCode}）`}`,
        )
        .join('；');

interface QueueProps {
  year: number;
  names: Map<string, string>;
  /** Which approvals this page decides: inspection records or proposals. */
  of: 'inspections' | 'proposals';
}

export const ApprovalQueue = ({ year, names, of }: QueueProps) => {
  const [queue, reload] = useResource(
    () =>
      Promise.all([
        of === 'inspections' ? inspectionsApi.list(year) : Promise.resolve([]),
        of === 'proposals' ? inspectionsApi.proposals(year, 'proposed') : Promise.resolve([]),
      ]),
    [year, of],
  );
  // The proposer's name, not their sign-in id; the admin may list users.
  const [users] = useResource(() => api.users.list(), []);
  const userName = (id: string) =>
    (users.status === 'ready' ? users.data.find((u) => u.id === id)?.name : undefined) ?? id;
  const [pending, setPending] = useState<Pending>();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();

  if (queue.status === 'loading') return <p>正在加载审批队列…</p>;
  if (queue.status === 'error') return <ErrorBanner message={queue.error.message} />;
  const inspections = queue.data[0].filter((i) => i.state === 'submitted');
  const proposals = queue.data[1];
  const unitName = (id: string) => names.get(id) ?? id;

  const confirm = async () => {
    if (!pending) return;
    setBusy(true);
    try {
      const why = reason.trim() || undefined;
      if (pending.what === 'inspection') await inspectionsApi.decide(pending.item, pending.decision, why);
      else await inspectionsApi.decideProposal(year, pending.item, pending.decision, why);
      setMessage({ ok: true, text: pending.decision === 'approve' ? '已审核通过' : '已退回' });
      reload();
    } catch (e) {
      setMessage({ ok: false, text: toApiError(e).message });
    } finally {
      setBusy(false);
      setPending(undefined);
      setReason('');
    }
  };
  const ask = (p: Pending) => () => {
    setMessage(undefined);
    setPending(p);
  };
  /** The approve / reject buttons of a row; each asks for confirmation first. */
  const decisionColumn = <T,>(
    subject: (row: T) => Omit<Pending, 'decision'>,
    approve: string,
    reject: string,
  ): Column<T> => ({
    header: '操作',
    render: (row) => (
      <span class="row-actions">
        <button
          type="button"
          class="button button-primary"
          onClick={ask({ ...subject(row), decision: 'approve' } as Pending)}
        >
          {approve}
        </button>
        <button
          type="button"
          class="button"
          onClick={ask({ ...subject(row), decision: 'reject' } as Pending)}
        >
          {reject}
        </button>
      </span>
    ),
  });

  return (
    <section class="stack" aria-labelledby="queue-title">
      <h2 id="queue-title">{of === 'inspections' ? '检查记录审核' : '提议审批'}</h2>
      {message && (message.ok ? <Notice>{message.text}</Notice> : <ErrorBanner message={message.text} />)}
      {of === 'inspections' && inspections.length === 0 && <EmptyState title="没有待审核的检查记录" />}
      {inspections.length > 0 && (
        <DataTable
          caption="待审核的检查记录"
          rows={inspections}
          rowKey={(i) => i.id}
          columns={[
            { header: '单位', render: (i) => unitName(i.unitId) },
            { header: '方式', render: (i) => i.kind },
            { header: '日期', render: (i) => i.date },
            { header: '检查发现', render: findingsText },
            attachmentsColumn<Inspection>('photos', (i) => ({
              year: i.year,
              unitId: i.unitId,
              kind: 'inspection',
              id: i.id,
            })),
            decisionColumn<Inspection>((i) => ({ what: 'inspection', item: i }), '通过', '退回'),
          ]}
        />
      )}
      {of === 'proposals' && proposals.length === 0 && (
        <EmptyState title="没有待审批的加分、减分或一票否决提议" />
      )}
      {proposals.length > 0 && (
        <DataTable
          caption="待审批的提议"
          rows={proposals}
          rowKey={(p) => `${p.kind}-${p.id}`}
          columns={[
            { header: '类别', render: (p) => PROPOSAL_KIND_LABELS[p.kind] },
            { header: '单位', render: (p) => unitName(p.unitId) },
            {
              header: '事项',
              render: (p) =>
                p.pointsCents === undefined ? p.title : `${p.title}（${formatPoints(p.pointsCents)}）`,
            },
            { header: '理由', render: (p) => p.reason },
            { header: '提议人', render: (p) => userName(p.proposedBy) },
            attachmentsColumn<Proposal>('evidence', (p) => ({
              year,
              unitId: p.unitId,
              kind: p.kind,
              id: p.id,
            })),
            decisionColumn<Proposal>((p) => ({ what: 'proposal', item: p }), '批准', '不予通过'),
          ]}
        />
      )}
      <ConfirmDialog
        open={pending !== undefined}
        title={pending?.decision === 'approve' ? '确认审核通过？' : '确认退回？'}
        confirmLabel={pending?.decision === 'approve' ? '确认通过' : '确认退回'}
        busy={busy}
        onConfirm={confirm}
        onCancel={() => setPending(undefined)}
      >
        {pending?.what === 'inspection' && (
          <p>
            {unitName(pending.item.unitId)} {pending.item.date} {pending.item.kind}：
            {findingsText(pending.item)}。
            {pending.decision === 'approve' && '通过后扣分立即计入该单位的考核结果。'}
          </p>
        )}
        {pending?.what === 'proposal' && (
          <p>
            {PROPOSAL_KIND_LABELS[pending.item.kind]}：{unitName(pending.item.unitId)}，{pending.item.title}。
            {pending.decision === 'approve' &&
              pending.item.kind === 'veto' &&
              '批准后该单位考核等次为不合格，排在本类别最后。'}
          </p>
        )}
        <Field
          id="decision-reason"
          label="意见"
          hint={pending?.decision === 'reject' ? '退回须说明理由' : '可不填'}
        >
          {(p) => (
            <textarea {...p} rows={2} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
          )}
        </Field>
      </ConfirmDialog>
    </section>
  );
};
