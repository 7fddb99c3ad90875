/**
 * One unit's agreement: its content and state, what changed since the previous revision, every
 * revision with its signature and hash check, and the one next step the reader may take — the
 * admin edits, issues, locks and amends; the unit head signs.
 */
import { useState } from 'preact/hooks';
import { AGREEMENT_STATE_LABELS } from '../../../../shared/domain/agreements/labels';
import type { ApiError, Me, Period } from '../../api';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { type Column, DataTable } from '../../components/DataTable';
import { ErrorBanner, Notice } from '../../components/ErrorBanner';
import { Field } from '../../components/Field';
import { Link } from '../../components/Link';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime } from '../../format';
import { PERIOD_LABELS } from '../../labels';
import { toApiError, useResource } from '../../use-resource';
import { agreementsApi, type Customisation, type VersionView } from './agreements-api';
import { CustomisationEditor } from './CustomisationEditor';
import { DiffView } from './DiffView';
import { IndicatorTable } from './IndicatorTable';

type Mode = 'view' | 'edit' | 'amend';
type Confirm = 'issued' | 'draft' | 'locked' | 'sign' | 'approve' | 'reject' | null;

const CONFIRM_COPY: Record<Exclude<Confirm, null>, { title: string; label: string; text: string }> = {
  issued: {
    title: '下达责任书？',
    label: '确认下达',
    text: '下达后单位负责人即可阅读并签订；内容不能再直接修改。',
  },
  draft: { title: '撤回为草稿？', label: '确认撤回', text: '单位负责人将看不到该责任书，直到再次下达。' },
  locked: { title: '锁定责任书？', label: '确认锁定', text: '锁定后只能通过经审批的变更修改。' },
  sign: { title: '签订目标责任书', label: '确认签订', text: '' },
  approve: {
    title: '批准变更？',
    label: '批准',
    text: '变更内容将成为责任书的新版本，须由单位负责人重新签订。',
  },
  reject: { title: '驳回变更？', label: '驳回', text: '责任书保持现行版本。' },
};

const versionColumns: Column<VersionView>[] = [
  { header: '版本', render: (v) => `第 ${v.revision} 版`, className: 'num' },
  { header: '形成时间', render: (v) => formatDateTime(v.createdAt) },
  { header: '变更理由', render: (v) => v.reason ?? <span class="muted">初始版本</span> },
  {
    header: '签订',
    render: (v) =>
      v.signature ? (
        <>
          {v.signature.name} <span class="nowrap muted">{formatDateTime(v.signature.at)}</span>
        </>
      ) : (
        <span class="muted">未签订</span>
      ),
  },
  {
    header: '内容哈希（SHA-256）',
    render: (v) => (
      <>
        <code class="hash" title={v.contentHash}>
          {v.contentHash.slice(0, 16)}…
        </code>{' '}
        {v.hashValid ? <span class="tag tag-ok">校验一致</span> : <span class="tag tag-bad">校验不一致</span>}
      </>
    ),
  },
];

export const AgreementDetail = ({ user, year, unitId }: { user: Me; year: number; unitId: string }) => {
  const isAdmin = user.roles.includes('admin');
  const isHead = user.roles.includes('unit_head') && user.unitId === unitId;
  const [data, reload, setData] = useResource(async () => {
    const agreement = await agreementsApi.get(year, unitId);
    const [versions, amendments, diff] = await Promise.all([
      agreementsApi.versions(year, unitId),
      agreementsApi.amendments(year, unitId),
      agreement.revision > 1
        ? agreementsApi.diff(year, unitId, agreement.revision - 1, agreement.revision)
        : Promise.resolve(null),
    ]);
    return { agreement, versions, amendments, diff };
  }, [year, unitId]);
  const [mode, setMode] = useState<Mode>('view');
  const [confirm, setConfirm] = useState<Confirm>(null);
  const [signerName, setSignerName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [signerError, setSignerError] = useState<string | undefined>();
  const [done, setDone] = useState<string | null>(null);

  const run = async (label: string, action: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    setSignerError(undefined);
    setDone(null);
    let keepOpen = false;
    try {
      await action();
      setDone(label);
      setMode('view');
      reload();
    } catch (e) {
      const apiError = toApiError(e);
      // A wrong signature name is corrected in the dialog, at its field.
      const atName = apiError.details.find((d) => d.path === 'body.signerName');
      keepOpen = atName !== undefined;
      if (atName) setSignerError(atName.message);
      else setError(apiError);
    } finally {
      setBusy(false);
      if (!keepOpen) setConfirm(null);
    }
  };

  if (data.status === 'loading') return <Loading />;
  if (data.status === 'error') {
    return (
      <>
        <PageHeader title="目标责任书" />
        <ErrorBanner title="无法加载责任书" message={data.error.message}>
          <Link href="/agreements" class="button">
            返回列表
          </Link>
        </ErrorBanner>
      </>
    );
  }
  const { agreement, versions, amendments, diff } = data.data;
  const pending = amendments.find((a) => a.id === agreement.pendingAmendmentId && a.state === 'pending');
  const a = agreement;
  const canAmend =
    isAdmin &&
    !pending &&
    (a.state === 'signed' || a.state === 'locked' || (a.state === 'issued' && a.revision > 1));

  const shown = CONFIRM_COPY[confirm ?? 'issued'];
  const confirmed = () => {
    switch (confirm) {
      case 'issued':
      case 'draft':
      case 'locked':
        return run(`已${CONFIRM_COPY[confirm].label.replace('确认', '')}。`, () =>
          agreementsApi.transition(year, unitId, confirm, a.version),
        );
      case 'sign':
        return run('已签订责任书。', () =>
          agreementsApi.sign(year, unitId, a.version, a.contentHash, signerName.trim()),
        );
      case 'approve':
      case 'reject':
        return run(confirm === 'approve' ? '已批准变更，等待单位负责人重新签订。' : '已驳回变更。', () =>
          agreementsApi.decide(year, unitId, pending!.id, a.version, confirm === 'approve'),
        );
      default:
        return undefined;
    }
  };
  const saveDraft = (customisation: Customisation) =>
    run('已保存本单位的调整。', async () => {
      const saved = await agreementsApi.edit(year, unitId, a.version, customisation);
      setData({ status: 'ready', data: { ...data.data, agreement: saved } });
    });
  const propose = (customisation: Customisation, reason: string, effectiveFrom?: Period) =>
    run('已提出变更，等待审批。', () =>
      agreementsApi.propose(year, unitId, a.version, reason, customisation, effectiveFrom),
    );

  return (
    <div class="agreement-page">
      <PageHeader
        title={`${a.unitName} · ${a.year}年度目标责任书`}
        actions={
          <>
            <Link href={`/agreements/${year}/${encodeURIComponent(unitId)}/print`} class="button">
              打印责任书
            </Link>
            <Link href={`/agreements?year=${year}`} class="button button-quiet">
              返回列表
            </Link>
          </>
        }
      >
        <p>
          <span class={`state-badge agreement-${a.state}`}>{AGREEMENT_STATE_LABELS[a.state]}</span> 第{' '}
          {a.revision} 版 · {a.categoryName} · 分值合计 {a.totalW} 分
        </p>
      </PageHeader>
      {done && <Notice>{done}</Notice>}
      {error && (
        <ErrorBanner title="操作未完成" message={error.message}>
          {error.details.length > 0 && (
            <ul class="error-links">
              {error.details.map((d) => (
                <li key={d.path}>{d.message}</li>
              ))}
            </ul>
          )}
          {error.status === 409 && (
            <button type="button" class="button" onClick={reload}>
              刷新
            </button>
          )}
        </ErrorBanner>
      )}

      <section class="panel" aria-labelledby="agreement-parties">
        <h2 id="agreement-parties">{a.title}</h2>
        <dl class="settings">
          <dt>甲方</dt>
          <dd>{a.partyA}</dd>
          <dt>乙方</dt>
          <dd>
            {a.unitName}（负责人：{a.unitHead}）
          </dd>
          <dt>签订</dt>
          <dd>
            {a.signature
              ? `${a.signature.name} 于 ${formatDateTime(a.signature.at)} 签订第 ${a.signature.revision} 版`
              : '尚未签订'}
          </dd>
          <dt>核验码</dt>
          <dd>
            <details class="history">
              <summary>查看内容哈希（SHA-256）</summary>
              <code class="hash">{a.contentHash}</code>
            </details>
          </dd>
        </dl>
        <div class="next-step">
          {isAdmin && a.state === 'draft' && mode === 'view' && (
            <>
              <button type="button" class="button" onClick={() => setMode('edit')}>
                调整本单位指标
              </button>
              <button type="button" class="button button-primary" onClick={() => setConfirm('issued')}>
                下达责任书
              </button>
            </>
          )}
          {isAdmin && a.state === 'issued' && a.revision === 1 && (
            <button type="button" class="button" onClick={() => setConfirm('draft')}>
              撤回为草稿
            </button>
          )}
          {isAdmin && a.state === 'signed' && (
            <button type="button" class="button" onClick={() => setConfirm('locked')}>
              锁定责任书
            </button>
          )}
          {canAmend && mode === 'view' && (
            <button type="button" class="button" onClick={() => setMode('amend')}>
              提出变更
            </button>
          )}
          {isHead && a.state === 'issued' && (
            <button type="button" class="button button-primary" onClick={() => setConfirm('sign')}>
              签订责任书
            </button>
          )}
        </div>
      </section>

      {a.problems.length > 0 && (
        <section class="banner banner-error" aria-labelledby="agreement-problems">
          <p id="agreement-problems" class="banner-title">
            有 {a.problems.length} 处问题，修正后才能下达
          </p>
          <ul>
            {a.problems.map((p) => (
              <li key={p.path}>{p.message}</li>
            ))}
          </ul>
        </section>
      )}

      {pending && (
        <section class="panel pending-amendment" aria-labelledby="pending-title">
          <h2 id="pending-title">待审批的变更</h2>
          <p>
            {pending.proposedByName} 于 {formatDateTime(pending.proposedAt)} 提出。理由：{pending.reason}
            {pending.effectiveFrom &&
              `。自${PERIOD_LABELS[pending.effectiveFrom]}起执行，此前各期仍按第 ${pending.fromRevision} 版计分`}
          </p>
          <DiffView diff={pending.diff} title={`拟将第 ${pending.fromRevision} 版修改为`} />
          {isAdmin && (
            <div class="next-step">
              <button type="button" class="button button-primary" onClick={() => setConfirm('approve')}>
                批准变更
              </button>
              <button type="button" class="button" onClick={() => setConfirm('reject')}>
                驳回变更
              </button>
            </div>
          )}
        </section>
      )}

      {diff && <DiffView diff={diff} title={`第 ${diff.fromRevision} 版 → 第 ${diff.toRevision} 版的变化`} />}

      {(mode === 'edit' || mode === 'amend') && (
        <section class="panel" aria-labelledby="editor-title">
          <h2 id="editor-title">{mode === 'edit' ? '调整本单位指标' : '提出变更'}</h2>
          <CustomisationEditor
            base={a.base}
            initial={a.customisation}
            submitLabel={mode === 'edit' ? '保存调整' : '提交变更'}
            busy={busy}
            withReason={mode === 'amend'}
            onSubmit={(c, reason, from) => (mode === 'edit' ? saveDraft(c) : propose(c, reason, from))}
            onCancel={() => setMode('view')}
          />
        </section>
      )}

      <section class="panel" aria-labelledby="indicators-title">
        <h2 id="indicators-title">考核指标</h2>
        <IndicatorTable dimensions={a.dimensions} caption={`${a.unitName}考核指标`} />
      </section>

      {versions.length > 0 && (
        <section class="panel" aria-labelledby="versions-title">
          <h2 id="versions-title">版本记录</h2>
          <DataTable
            caption="版本记录"
            captionHidden
            columns={versionColumns}
            rows={versions}
            rowKey={(v) => String(v.revision)}
          />
        </section>
      )}

      <ConfirmDialog
        open={confirm !== null}
        title={shown.title}
        confirmLabel={shown.label}
        busy={busy}
        onConfirm={() => void confirmed()}
        onCancel={() => {
          setConfirm(null);
          setSignerError(undefined);
        }}
      >
        {confirm === 'sign' ? (
          <>
            <p>
              您将以单位负责人身份签订《{a.title}》第 {a.revision} 版（{a.unitName}
              ）。签订将记录您的姓名、时间和所签的内容。
            </p>
            <details class="history">
              <summary>详情：核验码</summary>
              <p>
                所签内容的 SHA-256 哈希，可与打印件核对：<code class="hash">{a.contentHash}</code>
              </p>
            </details>
            <Field id="signer-name" label={`请输入本人姓名“${user.name}”以签名`} required error={signerError}>
              {(control) => (
                <input
                  {...control}
                  autoComplete="off"
                  value={signerName}
                  onInput={(e) => setSignerName(e.currentTarget.value)}
                />
              )}
            </Field>
          </>
        ) : (
          <p>{shown.text}</p>
        )}
      </ConfirmDialog>
    </div>
  );
};
