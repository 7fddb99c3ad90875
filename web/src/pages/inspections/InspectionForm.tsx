/**
 * 录入检查记录: one column, large controls, so an inspector fills it in on a phone at the unit.
 * Each finding picks a checklist item (its points and leaf come from the checklist). Photos are
 * chosen with the record and uploaded to it once it is created; a failed photo leaves the record
 * saved and says which file failed and why (the team can add it from 我参加的检查 until approval).
 */

import { useState } from 'preact/hooks';
import type { Unit } from '../../api';
import { DATE_INPUT } from '../../components/date-input';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Field } from '../../components/Field';
import { toApiError } from '../../use-resource';
import {
  ACCEPT_PHOTOS,
  FilePicker,
  UploadLines,
  useAttachmentUploads,
} from '../attachments/AttachmentUpload';
import { type ChecklistItem, type FindingDraft, type Inspection, inspectionsApi } from './inspections-api';
import { UnitSelect } from './UnitSelect';

const KINDS: Inspection['kind'][] = ['明查', '暗访', '专项检查'];

interface Props {
  year: number;
  units: Unit[];
  checklist: ChecklistItem[];
  today: string;
  /** Called once the record is created and its photos are uploaded (`failed` of them did not go). */
  onSaved: (i: Inspection, uploaded: number, failed: number) => void;
}

const itemLabel = (i: ChecklistItem) =>
  `${i.code} ${i.text}（${i.veto ? '一票否决' : `扣 ${i.points} 分，指标 ${i.leafCode}`}）`;

export const InspectionForm = ({ year, units, checklist, today, onSaved }: Props) => {
  const [unitId, setUnitId] = useState('');
  const [kind, setKind] = useState<Inspection['kind']>('明查');
  const [date, setDate] = useState(today);
  const [summary, setSummary] = useState('');
  const [findings, setFindings] = useState<FindingDraft[]>([]);
  const [photos, setPhotos] = useState<File[]>([]);
  const uploads = useAttachmentUploads();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; details: { path: string; message: string }[] }>();

  const update = (index: number, patch: Partial<FindingDraft>) =>
    setFindings(findings.map((f, k) => (k === index ? { ...f, ...patch } : f)));
  const fieldError = (path: string) => error?.details.find((d) => d.path === path)?.message;

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    uploads.clearDone();
    try {
      const saved = await inspectionsApi.create(year, {
        unitId,
        kind,
        date,
        team: [],
        summary,
        findings: findings.map((f) => ({
          itemCode: f.itemCode,
          note: f.note,
          ...(f.rectifyBy ? { rectifyBy: f.rectifyBy } : {}),
        })),
      });
      setFindings([]);
      setSummary('');
      const chosen = photos;
      setPhotos([]);
      const failed = await uploads.run(
        { year, unitId: saved.unitId, kind: 'inspection', id: saved.id },
        chosen,
      );
      if (failed.length > 0)
        setError({
          message: `检查记录已保存，但 ${failed.length} 个文件未能上传：${failed
            .map((f) => `“${f.file.name}”（${f.error}）`)
            .join('；')}。可在“我参加的检查”中补传。`,
          details: [],
        });
      else uploads.clearDone();
      onSaved(saved, chosen.length - failed.length, failed.length);
    } catch (e) {
      const apiError = toApiError(e);
      setError({ message: apiError.message, details: apiError.details });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="stack inspection-form" onSubmit={submit} aria-labelledby="inspection-form-title">
      <h2 id="inspection-form-title">录入检查记录</h2>
      {error && <ErrorBanner message={error.message} />}
      <UnitSelect
        id="ins-unit"
        label="被检查单位"
        units={units}
        value={unitId}
        onChange={setUnitId}
        error={fieldError('body.unitId')}
      />
      <Field id="ins-kind" label="检查方式" required>
        {(p) => (
          <select {...p} value={kind} onChange={(e) => setKind(e.currentTarget.value as Inspection['kind'])}>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id="ins-date" label="检查日期" required error={fieldError('body.date')}>
        {(p) => <input {...p} {...DATE_INPUT} value={date} onInput={(e) => setDate(e.currentTarget.value)} />}
      </Field>
      <fieldset class="stack">
        <legend>检查发现</legend>
        {findings.length === 0 && <p class="hint">未发现问题可直接提交；发现问题请逐条添加。</p>}
        {findings.map((f, index) => (
          <div class="finding stack" key={index}>
            <Field
              id={`ins-f${index}-item`}
              label={`第 ${index + 1} 条：检查项`}
              required
              error={fieldError(`body.findings.${index}.itemCode`)}
            >
              {(p) => (
                <select
                  {...p}
                  value={f.itemCode}
                  onChange={(e) => update(index, { itemCode: e.currentTarget.value })}
                >
                  <option value="">请选择检查项</option>
                  {checklist.map((i) => (
                    <option key={i.code} value={i.code}>
                      {itemLabel(i)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field id={`ins-f${index}-note`} label="情况说明">
              {(p) => (
                <textarea
                  {...p}
                  rows={2}
                  value={f.note}
                  onInput={(e) => update(index, { note: e.currentTarget.value })}
                />
              )}
            </Field>
            <Field id={`ins-f${index}-due`} label="整改期限" hint="需要整改时填写">
              {(p) => (
                <input
                  {...p}
                  {...DATE_INPUT}
                  value={f.rectifyBy ?? ''}
                  onInput={(e) => update(index, { rectifyBy: e.currentTarget.value || undefined })}
                />
              )}
            </Field>
            <button
              type="button"
              class="button"
              onClick={() => setFindings(findings.filter((_, k) => k !== index))}
            >
              删除第 {index + 1} 条
            </button>
          </div>
        ))}
        <button
          type="button"
          class="button"
          onClick={() => setFindings([...findings, { itemCode: '', note: '' }])}
        >
          添加检查发现
        </button>
      </fieldset>
      <Field id="ins-summary" label="检查概况">
        {(p) => (
          <textarea {...p} rows={3} value={summary} onInput={(e) => setSummary(e.currentTarget.value)} />
        )}
      </Field>
      <FilePicker
        id="ins-photos"
        label="现场照片"
        hint="可拍照或从相册选择；JPEG/PNG 图片或 PDF，每个不超过 50 MB。提交审核后上传。"
        accept={ACCEPT_PHOTOS}
        files={photos}
        onChange={setPhotos}
      />
      <UploadLines lines={uploads.lines} label="现场照片上传进度" />
      <button type="submit" class="button button-primary" aria-disabled={busy} disabled={busy}>
        {busy ? '正在提交…' : '提交审核'}
      </button>
    </form>
  );
};
