/**
 * 录入一个单位的测评结果 (admin): the unit, how many were asked and how many were satisfied; the
 * rate is previewed as the server will compute it. Field errors from the API stand beside the field.
 */
import { useState } from 'preact/hooks';
import { satisfactionRate } from '../../../../shared/domain/inspections/survey';
import type { ApiError, Unit } from '../../api';
import { ErrorBanner } from '../../components/ErrorBanner';
import { PERIOD_LABELS } from '../../labels';
import { useOpeningFocus } from '../../use-opening-focus';
import { toApiError } from '../../use-resource';
import { FormActions, TextField } from '../checklist/edit-parts';
import { UnitSelect } from '../inspections/UnitSelect';
import { formatRate, type Period, type SurveyResult, surveysApi } from './surveys-api';

interface Props {
  year: number;
  period: Period;
  code: string;
  /** The units whose agreement has the indicator. */
  units: readonly Unit[];
  /** The result being corrected, if any; its unit is then fixed. */
  current?: SurveyResult;
  onSaved: (saved: SurveyResult) => void;
  onCancel: () => void;
}

const count = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : undefined);

export const SurveyEntryForm = ({ year, period, code, units, current, onSaved, onCancel }: Props) => {
  const [unitId, setUnitId] = useState(current?.unitId ?? '');
  const [respondents, setRespondents] = useState(current ? String(current.respondents) : '');
  const [satisfied, setSatisfied] = useState(current ? String(current.satisfied) : '');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [clientErrors, setClientErrors] = useState(new Map<string, string>());

  useOpeningFocus(() => document.getElementById(current ? 'survey-respondents' : 'survey-unit'), [current]);

  const errors = new Map(clientErrors);
  for (const d of error?.details ?? []) {
    const key = d.path.replace(/^body\./, '');
    if (!errors.has(key)) errors.set(key, d.message);
  }
  const n = count(respondents);
  const k = count(satisfied);
  const preview = n !== undefined && k !== undefined && n >= 1 && k <= n ? satisfactionRate(k, n) : undefined;

  const submit = async (event: Event) => {
    event.preventDefault();
    if (saving) return;
    setError(null);
    // Whole numbers only: the JSON body would otherwise carry a NaN the API can only call "null".
    const missing = new Map<string, string>();
    if (!unitId) missing.set('unit', '请选择单位');
    if (n === undefined) missing.set('respondents', '请填写调查人数（整数）');
    if (k === undefined) missing.set('satisfied', '请填写满意人数（整数）');
    setClientErrors(missing);
    if (missing.size > 0 || n === undefined || k === undefined) {
      document.getElementById(`survey-${[...missing.keys()][0]}`)?.focus();
      return;
    }
    setSaving(true);
    try {
      onSaved(await surveysApi.enter(year, unitId, period, { code, respondents: n, satisfied: k }));
    } catch (e) {
      setError(toApiError(e));
      setSaving(false);
    }
  };

  const unitName = units.find((u) => u.id === unitId)?.name ?? unitId;
  return (
    <form class="form panel" noValidate onSubmit={submit} aria-labelledby="survey-form-title">
      <h2 id="survey-form-title">
        {current ? `修改测评结果：${unitName}` : '录入测评结果'}（{PERIOD_LABELS[period]} · 指标 {code}）
      </h2>
      {error && (
        <ErrorBanner
          title="保存未成功"
          message={
            error.details.length > 0 ? `请修改标出的 ${error.details.length} 处后再保存。` : error.message
          }
        />
      )}
      {/* A correction keeps its unit (named in the heading); a new result picks one. */}
      {!current && (
        <UnitSelect
          id="survey-unit"
          label="单位"
          units={units}
          value={unitId}
          onChange={setUnitId}
          error={errors.get('unit')}
        />
      )}
      <TextField
        id="survey-respondents"
        label="调查人数"
        required
        inputMode="numeric"
        error={errors.get('respondents')}
        value={respondents}
        onInput={setRespondents}
      />
      <TextField
        id="survey-satisfied"
        label="满意人数"
        required
        inputMode="numeric"
        error={errors.get('satisfied')}
        value={satisfied}
        onInput={setSatisfied}
      />
      <p aria-live="polite">满意率：{preview === undefined ? '—' : formatRate(preview)}</p>
      <FormActions saving={saving} onCancel={onCancel}>
        保存测评结果
      </FormActions>
    </form>
  );
};
