/**
 * 加减分与否决: a unit head proposes a bonus (加分) for their own unit; an inspector or the admin a
 * penalty (减分) or a veto (一票否决, confirmed first). Evidence files are chosen with the proposal
 * and uploaded to it once it is created. Below, the user's proposals and their state; evidence can
 * be added or removed until the admin decides.
 */
import { useState } from 'preact/hooks';
import type { VetoRecord } from '../../../../shared/schemas/facts';
import type { Me, Unit } from '../../api';
import { api } from '../../api';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DataTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner, Notice } from '../../components/ErrorBanner';
import { Field } from '../../components/Field';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { SelectField } from '../../components/SelectField';
import { YearSwitch } from '../../components/YearChoice';
import { formatPoints } from '../../format';
import { toApiError, useResource } from '../../use-resource';
import { workingYear } from '../agreements/use-years';
import { attachmentsColumn } from '../attachments/AttachmentList';
import { FilePicker, UploadLines, useAttachmentUploads } from '../attachments/AttachmentUpload';
import {
  inspectionsApi,
  PROPOSAL_KIND_LABELS,
  PROPOSAL_STATE_LABELS,
  type Proposal,
  type ProposalInput,
} from '../inspections/inspections-api';
import { UnitSelect } from '../inspections/UnitSelect';
import { ApprovalQueue } from './ApprovalQueue';

type Kind = Proposal['kind'];
type VetoCategory = VetoRecord['category'];

/**
 * VETO_CATEGORIES of shared/schemas/facts.ts, restated: importing the value would bundle zod with
 * it (about 470 KB). The two type checks keep this list equal to the schema's.
 */
const VETO_CATEGORY_OPTIONS = [
  '重大医疗事故',
  '违纪违法案件',
  '瞒报迟报疫情',
  '安全生产责任事故',
  '其他',
] as const satisfies readonly VetoCategory[];
const _everyCategoryListed: [Exclude<VetoCategory, (typeof VETO_CATEGORY_OPTIONS)[number]>] extends [never]
  ? true
  : never = true;

/** What this user may propose: unit heads a bonus for their unit, inspectors and admins the rest. */
const kindsFor = (user: Me): Kind[] => [
  ...(user.roles.some((r) => r === 'admin' || r === 'unit_head') ? (['bonus'] as const) : []),
  ...(user.roles.some((r) => r === 'admin' || r === 'inspector') ? (['penalty', 'veto'] as const) : []),
];

interface FormProps {
  user: Me;
  year: number;
  units: Unit[];
  onSaved: (text: string) => void;
}

const ProposalForm = ({ user, year, units, onSaved }: FormProps) => {
  const kinds = kindsFor(user);
  const ownUnitOnly = !user.roles.includes('admin') && !user.roles.includes('inspector');
  const [kind, setKind] = useState<Kind>(kinds[0] ?? 'bonus');
  const [unitId, setUnitId] = useState(ownUnitOnly ? (user.unitId ?? '') : '');
  const [title, setTitle] = useState('');
  const [points, setPoints] = useState('');
  const [category, setCategory] = useState<VetoCategory>(VETO_CATEGORY_OPTIONS[0]);
  const [reason, setReason] = useState('');
  const [reference, setReference] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; details: { path: string; message: string }[] }>();
  const uploads = useAttachmentUploads();
  const fieldError = (path: string) => error?.details.find((d) => d.path === path)?.message;
  const unitName = (id: string) => units.find((u) => u.id === id)?.name ?? id;
  // A bonus is for the unit head's own unit; the admin may still choose any unit.
  const unitFixed = kind === 'bonus' && ownUnitOnly;

  const send = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const input: ProposalInput =
        kind === 'veto'
          ? { kind, unitId, category, reason, evidence: reference }
          : { kind, unitId, title, points: Number(points), reason, evidence: reference };
      if (kind !== 'veto' && points.trim() === '') delete input.points;
      const saved = await inspectionsApi.propose(year, input);
      const chosen = files;
      setFiles([]);
      setTitle('');
      setPoints('');
      setReason('');
      setReference('');
      const failed = await uploads.run(
        { year, unitId: saved.unitId, kind: saved.kind, id: saved.id },
        chosen,
      );
      if (failed.length > 0)
        setError({
          message: `提议已提交，但 ${failed.length} 个文件未能上传：${failed
            .map((f) => `“${f.file.name}”（${f.error}）`)
            .join('；')}。可在下方“我的提议”中补传。`,
          details: [],
        });
      else uploads.clearDone();
      onSaved(
        `已提交${PROPOSAL_KIND_LABELS[saved.kind]}提议：${unitName(saved.unitId)}，${saved.title}${
          chosen.length > failed.length ? `（佐证材料 ${chosen.length - failed.length} 个）` : ''
        }，等待考核办审批`,
      );
    } catch (e) {
      const apiError = toApiError(e);
      setError({ message: apiError.message, details: apiError.details });
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };

  const submit = (event: Event) => {
    event.preventDefault();
    if (kind === 'veto') setConfirming(true);
    else void send();
  };

  return (
    <form class="stack inspection-form" onSubmit={submit} aria-labelledby="proposal-form-title">
      <h2 id="proposal-form-title">提出{kinds.map((k) => PROPOSAL_KIND_LABELS[k]).join('、')}</h2>
      {error && <ErrorBanner message={error.message} />}
      {kinds.length > 1 && (
        <SelectField
          id="proposal-kind"
          label="类别"
          value={kind}
          options={kinds.map((k) => [k, PROPOSAL_KIND_LABELS[k]] as const)}
          onChange={(k) => {
            setKind(k);
            if (k === 'bonus' && ownUnitOnly) setUnitId(user.unitId ?? '');
          }}
        />
      )}
      {unitFixed ? (
        <p>
          单位：<strong>{user.unitName ?? unitName(unitId)}</strong>
        </p>
      ) : (
        <UnitSelect
          id="proposal-unit"
          label="单位"
          units={units}
          value={unitId}
          onChange={setUnitId}
          error={fieldError('body.unitId')}
        />
      )}
      {kind === 'veto' ? (
        <SelectField
          id="proposal-category"
          label="否决事项类别"
          value={category}
          options={VETO_CATEGORY_OPTIONS.map((c) => [c, c] as const)}
          onChange={setCategory}
        />
      ) : (
        <>
          <Field
            id="proposal-title"
            label="项目名称"
            required
            hint={kind === 'bonus' ? '如：市科技进步奖、省级重点专科' : '如：全县通报批评'}
            error={fieldError('body.title')}
          >
            {(p) => (
              <input {...p} value={title} maxLength={80} onInput={(e) => setTitle(e.currentTarget.value)} />
            )}
          </Field>
          <Field
            id="proposal-points"
            label="分值"
            required
            hint="0.01–20 分，最多 2 位小数"
            error={fieldError('body.points')}
          >
            {(p) => (
              <input
                {...p}
                type="number"
                inputMode="decimal"
                min="0.01"
                max="20"
                step="0.01"
                value={points}
                onInput={(e) => setPoints(e.currentTarget.value)}
              />
            )}
          </Field>
        </>
      )}
      <Field id="proposal-reason" label="理由" required hint="至少 4 个字" error={fieldError('body.reason')}>
        {(p) => <textarea {...p} rows={3} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />}
      </Field>
      <Field
        id="proposal-reference"
        label="文号或出处"
        hint="可不填，如表彰文件文号"
        error={fieldError('body.evidence')}
      >
        {(p) => (
          <input
            {...p}
            value={reference}
            maxLength={500}
            onInput={(e) => setReference(e.currentTarget.value)}
          />
        )}
      </Field>
      <FilePicker id="proposal-files" label="佐证材料" files={files} onChange={setFiles} />
      <UploadLines lines={uploads.lines} label="佐证材料上传进度" />
      <button type="submit" class="button button-primary" aria-disabled={busy} disabled={busy}>
        {busy ? '正在提交…' : '提交提议'}
      </button>
      <ConfirmDialog
        open={confirming}
        title="确认提出一票否决？"
        confirmLabel="确认提出"
        busy={busy}
        onConfirm={() => void send()}
        onCancel={() => setConfirming(false)}
      >
        <p>
          对{unitName(unitId) || '所选单位'}提出一票否决（{category}
          ）。经考核办批准后，该单位年度考核等次为不合格，排在本类别最后。
        </p>
      </ConfirmDialog>
    </form>
  );
};

const MyProposals = ({
  user,
  year,
  names,
  version,
}: {
  user: Me;
  year: number;
  names: Map<string, string>;
  version: number;
}) => {
  const [list] = useResource(() => inspectionsApi.proposals(year), [year, version]);
  if (list.status === 'loading') return <Loading />;
  if (list.status === 'error') return <ErrorBanner message={list.error.message} />;
  const mine = list.data.filter((p) => p.proposedBy === user.userId);
  return mine.length === 0 ? (
    <EmptyState title="还没有提出过提议" />
  ) : (
    <DataTable
      caption="我的提议"
      captionHidden
      rows={mine}
      rowKey={(p) => `${p.kind}-${p.id}`}
      columns={[
        { header: '类别', render: (p) => PROPOSAL_KIND_LABELS[p.kind] },
        { header: '单位', render: (p) => names.get(p.unitId) ?? p.unitId },
        {
          header: '事项',
          render: (p) =>
            p.pointsCents === undefined ? p.title : `${p.title}（${formatPoints(p.pointsCents)}）`,
        },
        { header: '理由', render: (p) => p.reason },
        {
          header: '状态',
          render: (p) =>
            `${PROPOSAL_STATE_LABELS[p.state]}${p.decisionReason ? `：${p.decisionReason}` : ''}`,
        },
        attachmentsColumn<Proposal>(
          'evidence',
          (p) => ({ year, unitId: p.unitId, kind: p.kind, id: p.id }),
          (p) => p.state === 'proposed',
        ),
      ]}
    />
  );
};

export const ProposalsPage = ({ user }: { user: Me }) => {
  const [setup] = useResource(() => Promise.all([api.years.list(), api.units.list()]), []);
  const [saved, setSaved] = useState<string>();
  const [version, setVersion] = useState(0);
  // The year lives in the address (`?year=`); a choice re-renders the page with it.
  const [, setChosen] = useState<number>();
  if (setup.status === 'loading') return <Loading />;
  if (setup.status === 'error') return <ErrorBanner message={setup.error.message} />;
  const [years, units] = setup.data;
  const year = workingYear(years);
  if (!year) return <ErrorBanner message="尚无考核年度" />;
  const names = new Map(units.map((u) => [u.id, u.name]));
  const mayPropose = kindsFor(user).length > 0;
  return (
    <div class="stack" key={year}>
      <PageHeader title="加减分与否决">{year} 年度加分、减分与一票否决提议，由考核办审批</PageHeader>
      <YearSwitch id="proposals-year" years={years} value={year} onChange={setChosen} />
      {saved && <Notice>{saved}</Notice>}
      {user.roles.includes('admin') && <ApprovalQueue year={year} names={names} of="proposals" />}
      {mayPropose && (
        <ProposalForm
          user={user}
          year={year}
          units={units}
          onSaved={(text) => {
            setSaved(text);
            setVersion((v) => v + 1);
          }}
        />
      )}
      <section class="stack" aria-labelledby="my-proposals">
        <h2 id="my-proposals">我的提议</h2>
        <MyProposals user={user} year={year} names={names} version={version} />
      </section>
    </div>
  );
};
