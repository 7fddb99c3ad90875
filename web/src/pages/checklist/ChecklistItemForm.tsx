/**
 * Add or edit one checklist item (admin). The API's field errors appear beside their fields; a
 * taken code beside 编号; a stale version (someone saved meanwhile) says so and offers a reload.
 */
import { useState } from 'preact/hooks';
import type { VETO_CATEGORIES } from '../../../../shared/schemas/facts';
import { ApiError } from '../../api';
import { ErrorBanner } from '../../components/ErrorBanner';
import { SelectField } from '../../components/SelectField';
import { useOpeningFocus } from '../../use-opening-focus';
import { toApiError } from '../../use-resource';
import { type ChecklistItem, type ChecklistItemInput, checklistApi } from './checklist-api';
import { FormActions, TextField } from './edit-parts';

type VetoCategory = (typeof VETO_CATEGORIES)[number];
// The schema module is zod (kept out of the bundle); `satisfies` keeps this copy complete and exact.
const VETO_CHOICES = Object.keys({
  重大医疗事故: true,
  违纪违法案件: true,
  瞒报迟报疫情: true,
  安全生产责任事故: true,
  其他: true,
} satisfies Record<VetoCategory, true>) as VetoCategory[];

interface Values {
  code: string;
  text: string;
  points: string;
  leafCode: string;
  veto: boolean;
  vetoCategory: VetoCategory;
}

const valuesOf = (item?: ChecklistItem): Values => ({
  code: item?.code ?? '',
  text: item?.text ?? '',
  points: item ? String(item.points) : '',
  leafCode: item?.leafCode ?? '',
  veto: item?.veto ?? false,
  vetoCategory: item?.vetoCategory ?? '违纪违法案件',
});

/** A veto item may leave 扣分 empty (it deducts nothing); otherwise it must be a number. */
const pointsOf = (v: Values) => (v.points.trim() === '' ? (v.veto ? 0 : Number.NaN) : Number(v.points));

const toInput = (v: Values): ChecklistItemInput => ({
  code: v.code.trim(),
  text: v.text,
  points: pointsOf(v),
  leafCode: v.leafCode,
  veto: v.veto,
  ...(v.veto ? { vetoCategory: v.vetoCategory } : {}),
});

/** `body.points` → `points`; the code travels in the path (`param.code`); a taken code is a 409. */
const fieldErrors = (error: ApiError): Map<string, string> => {
  const errors = new Map<string, string>();
  for (const d of error.details) {
    const key = d.path.replace(/^(body|param)\./, '').split('.')[0];
    if (key && !errors.has(key)) errors.set(key, d.message);
  }
  if (error.status === 409 && error.code !== 'STALE_VERSION') errors.set('code', error.message);
  return errors;
};

const fieldId = (key: keyof Values) => `checklist-${key}`;

interface Props {
  year: number;
  /** The item being edited; absent for a new one. */
  item?: ChecklistItem;
  onSaved: (saved: ChecklistItem, created: boolean) => void;
  onCancel: () => void;
  /** Reloads the checklist (after a version conflict); the form then restarts from the current item. */
  onReload: () => void;
}

export const ChecklistItemForm = ({ year, item, onSaved, onCancel, onReload }: Props) => {
  const editing = item !== undefined;
  const [values, setValues] = useState(() => valuesOf(item));
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const errors = error ? fieldErrors(error) : new Map<string, string>();
  const set = (patch: Partial<Values>) => setValues((v) => ({ ...v, ...patch }));

  useOpeningFocus(() => document.getElementById(fieldId(editing ? 'text' : 'code')), [editing]);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (saving) return;
    setSaving(true);
    setError(null);
    try {
      // JSON has no NaN (it would travel as null): say what is wrong here, as the API would.
      if (Number.isNaN(pointsOf(values)))
        throw new ApiError(0, 'CLIENT', '扣分有误', [
          { path: 'body.points', message: '请填写数字，例如 1 或 0.5' },
        ]);
      onSaved(await checklistApi.save(year, toInput(values), item?.version), !editing);
    } catch (e) {
      const apiError = toApiError(e);
      setError(apiError);
      const first = fieldErrors(apiError).keys().next();
      if (!first.done) document.getElementById(fieldId(first.value as keyof Values))?.focus();
      setSaving(false);
    }
  };

  const stale = error?.code === 'STALE_VERSION';
  const title = editing ? `修改检查项 ${item.code}` : '新增检查项';
  return (
    <form class="form panel" noValidate onSubmit={submit} aria-labelledby="checklist-form-title">
      <h2 id="checklist-form-title">{title}</h2>
      {error && (
        <ErrorBanner
          title="保存未成功"
          message={
            stale
              ? '保存前这一项已被他人修改。请重新加载，看到最新内容后再修改（本页未保存的修改将放弃）。'
              : errors.size > 0
                ? `请修改标出的 ${errors.size} 处后再保存。`
                : error.message
          }
        >
          {stale && (
            <button type="button" class="button" onClick={onReload}>
              重新加载最新内容
            </button>
          )}
        </ErrorBanner>
      )}
      <TextField
        id={fieldId('code')}
        label="编号"
        required={!editing}
        readOnly={editing}
        error={errors.get('code')}
        hint={editing ? '编号创建后不可修改。' : '字母、数字、点和连字符，例如 XF-06。'}
        value={values.code}
        onInput={(code) => set({ code })}
      />
      <TextField
        id={fieldId('text')}
        label="检查内容"
        required
        error={errors.get('text')}
        value={values.text}
        onInput={(text) => set({ text })}
      />
      <TextField
        id={fieldId('points')}
        label="扣分"
        required={!values.veto}
        inputMode="decimal"
        error={errors.get('points')}
        hint="每发现一次扣减的分值，最多 2 位小数；一票否决项可留空。"
        value={values.points}
        onInput={(points) => set({ points })}
      />
      <TextField
        id={fieldId('leafCode')}
        label="扣分指标"
        required
        error={errors.get('leafCode')}
        hint="责任书中扣分制指标的编号，例如 3.2（行风建设）。"
        value={values.leafCode}
        onInput={(leafCode) => set({ leafCode })}
      />
      <div class="field checkbox-field">
        <input
          id={fieldId('veto')}
          type="checkbox"
          checked={values.veto}
          onChange={(e) => set({ veto: e.currentTarget.checked })}
        />
        <label for={fieldId('veto')}>一票否决项（查实即提议一票否决，不扣分）</label>
      </div>
      {values.veto && (
        <SelectField
          id={fieldId('vetoCategory')}
          label="否决类别"
          value={values.vetoCategory}
          options={VETO_CHOICES.map((c) => [c, c] as const)}
          onChange={(vetoCategory) => set({ vetoCategory })}
        />
      )}
      {errors.get('vetoCategory') && <p class="field-error">{errors.get('vetoCategory')}</p>}
      <FormActions saving={saving} onCancel={onCancel}>
        {editing ? '保存修改' : '保存检查项'}
      </FormActions>
    </form>
  );
};
