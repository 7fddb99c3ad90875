/**
 * Objections (申诉) on a unit's report: during publicity the unit head contests one indicator's
 * score with a reason; the committee (admin) upholds or rejects each with its opinion.
 */
import { useState } from 'preact/hooks';
import { ApiError, api, type Objection, type UnitResult, type Year } from '../../api';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Field } from '../../components/Field';
import { formatDateTime, formatPoints } from '../../format';
import { useResource } from '../../use-resource';
import { AttachmentsToggle } from '../attachments/AttachmentList';

const STATE_LABELS: Record<Objection['state'], string> = {
  open: '待处理',
  upheld: '成立，重新评分',
  rejected: '不成立',
};

const points = (cents: number | null) => (cents === null ? '—' : formatPoints(cents));
/** 得分 3.00 分 → 4.80 分，总分 … → … */
export const formatOutcome = (a: NonNullable<Objection['answer']>) =>
  `得分 ${points(a.leafBeforeCents)} → ${points(a.leafAfterCents)}，总分 ${points(a.finalBeforeCents)} → ${points(a.finalAfterCents)}`;

/** 查看材料: the objection's files, uploaded by the unit head while it is undecided (same path as evidence). */
export const ObjectionFiles = ({ objection, editable }: { objection: Objection; editable: boolean }) => (
  <AttachmentsToggle
    label="查看材料"
    title="申诉材料"
    owner={{ year: objection.year, unitId: objection.unitId, kind: 'objection', id: objection.id }}
    editable={editable}
  />
);

const fieldError = (error: unknown, path: string) =>
  error instanceof ApiError ? error.details.find((d) => d.path === path)?.message : undefined;

const FileObjection = ({ year, unit, onFiled }: { year: Year; unit: UnitResult; onFiled: () => void }) => {
  const [code, setCode] = useState(unit.leaves[0]?.code ?? '');
  const [reason, setReason] = useState('');
  const [evidence, setEvidence] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await api.objections.file(year.year, { code, reason, evidence });
      setReason('');
      setEvidence('');
      onFiled();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="objection-form" onSubmit={(e) => void submit(e)}>
      <Field id="objection-code" label="申诉指标" required error={fieldError(error, 'body.code')}>
        {(control) => (
          <select {...control} value={code} onChange={(e) => setCode(e.currentTarget.value)}>
            {unit.leaves.map((l) => (
              <option key={l.code} value={l.code}>
                {l.code} {l.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id="objection-reason" label="申诉理由" required error={fieldError(error, 'body.reason')}>
        {(control) => (
          <textarea {...control} rows={3} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
        )}
      </Field>
      <Field id="objection-evidence" label="佐证材料说明" error={fieldError(error, 'body.evidence')}>
        {(control) => (
          <textarea
            {...control}
            rows={2}
            value={evidence}
            onInput={(e) => setEvidence(e.currentTarget.value)}
          />
        )}
      </Field>
      {error instanceof Error && !fieldError(error, 'body.code') && !fieldError(error, 'body.reason') && (
        <ErrorBanner message={error.message} />
      )}
      <button type="submit" class="button primary" disabled={busy}>
        {busy ? '正在提交…' : '提交申诉'}
      </button>
    </form>
  );
};

export const Decide = ({ objection, onDone }: { objection: Objection; onDone: () => void }) => {
  const [decision, setDecision] = useState<'upheld' | 'rejected' | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    if (!decision) return;
    setBusy(true);
    try {
      await api.objections.decide(objection, decision, reason);
      setDecision(null);
      onDone();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" class="button small" onClick={() => setDecision('upheld')}>
        成立
      </button>{' '}
      <button type="button" class="button small" onClick={() => setDecision('rejected')}>
        不成立
      </button>
      <ConfirmDialog
        open={decision !== null}
        title={`${decision === 'upheld' ? '认定申诉成立' : '认定申诉不成立'}：${objection.leafName}`}
        confirmLabel="确认"
        busy={busy}
        onConfirm={() => void confirm()}
        onCancel={() => setDecision(null)}
      >
        <p>
          {decision === 'upheld'
            ? '成立后由考核组在评分工作台重新评分，结果更正后发布更正版。'
            : '不成立将维持原分。'}
          处理结果会通知该单位。
        </p>
        <Field
          id={`decision-${objection.id}`}
          label="处理意见"
          required
          error={fieldError(error, 'body.reason')}
        >
          {(control) => (
            <textarea
              {...control}
              rows={3}
              value={reason}
              onInput={(e) => setReason(e.currentTarget.value)}
            />
          )}
        </Field>
        {error instanceof Error && !fieldError(error, 'body.reason') && (
          <ErrorBanner message={error.message} />
        )}
      </ConfirmDialog>
    </>
  );
};

export const ObjectionsPanel = ({ year, unit }: { year: Year; unit: UnitResult }) => {
  const [me] = useResource(() => api.me(), []);
  const [list, reload] = useResource(() => api.objections.list(year.year), [year.year]);
  if (me.status !== 'ready') return null;
  const roles = me.data.roles;
  const isHead = roles.includes('unit_head') && me.data.unitId === unit.unitId;
  const isAdmin = roles.includes('admin');
  if (!isHead && !isAdmin && !roles.includes('leader')) return null;
  const mine = list.status === 'ready' ? list.data.filter((o) => o.unitId === unit.unitId) : [];
  if (year.state !== 'publicity' && mine.length === 0) return null;
  return (
    <section class="panel no-print" aria-labelledby="objections-heading">
      <h2 id="objections-heading">结果公示与申诉</h2>
      {list.status === 'error' && <ErrorBanner message={list.error.message} />}
      {isHead && year.state === 'publicity' && <FileObjection year={year} unit={unit} onFiled={reload} />}
      {mine.length === 0 ? (
        <p>本单位尚无申诉。</p>
      ) : (
        <div class="table-wrap">
          <table class="data-table">
            <caption>本单位申诉</caption>
            <thead>
              <tr>
                <th scope="col">指标</th>
                <th scope="col">申诉理由</th>
                <th scope="col">提交时间</th>
                <th scope="col">状态</th>
                <th scope="col">处理意见</th>
                <th scope="col">申诉材料</th>
              </tr>
            </thead>
            <tbody>
              {mine.map((o) => (
                <tr key={o.id}>
                  <th scope="row">
                    {o.code} {o.leafName}
                  </th>
                  <td data-label="申诉理由">{o.reason}</td>
                  <td data-label="提交时间">{formatDateTime(o.filedAt)}</td>
                  <td data-label="状态">{STATE_LABELS[o.state]}</td>
                  <td data-label="处理意见">
                    {o.decision?.reason ??
                      (isAdmin && o.state === 'open' ? <Decide objection={o} onDone={reload} /> : '—')}
                    {o.answer && (
                      <>
                        <br />
                        重新评分（第 {o.answer.draftVersion} 版）：{formatOutcome(o.answer)}
                      </>
                    )}
                  </td>
                  <td data-label="申诉材料">
                    <ObjectionFiles objection={o} editable={isHead && o.state === 'open'} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
};
