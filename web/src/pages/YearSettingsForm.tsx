/**
 * 修改年度设置 (admin, only in 年初设置): the title, quarter weights, caps, 优秀比例, 公示天数, the
 * rater consistency thresholds and the four quarter windows of a year. The form keeps what the user typed as text and builds the
 * request on saving; the rules (weights sum to 100, windows not reversed) are the server's, whose
 * 400 details land next to the fields they name.
 */
import type { JSX } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { REVIEW_STAGE_CHOICES } from '../../../shared/domain/review-stages/labels';
import type { ApiError, Period, Year } from '../api';
import { api } from '../api';
import { ErrorBanner } from '../components/ErrorBanner';
import { type ControlProps, Field } from '../components/Field';
import { PERIOD_LABELS } from '../labels';
import { useOpeningFocus } from '../use-opening-focus';
import { toApiError } from '../use-resource';

const QUARTERS = ['Q1', 'Q2', 'Q3', 'Q4'] as const satisfies readonly Period[];
const EDGES = ['opensAt', 'closesAt'] as const;
type Edge = (typeof EDGES)[number];
const EDGE_LABELS: Record<Edge, string> = { opensAt: '开始', closesAt: '截止' };

/** Text as typed, keyed like the request body (`periodWeights.Q1`, `periods.0.opensAt`). */
type Values = Record<string, string>;
type Body = Parameters<typeof api.years.updateSettings>[1];

const BEIJING_MS = 8 * 60 * 60 * 1000;
/** An instant as the `YYYY-MM-DDTHH:mm:ss` of a datetime-local control, in Beijing time (seconds kept). */
const toBeijingLocal = (iso: string) => new Date(Date.parse(iso) + BEIJING_MS).toISOString().slice(0, 19);
/** The control's Beijing wall time as the instant the API takes (the control may drop `:00` seconds). */
const fromBeijingLocal = (local: string) => `${local.length === 16 ? `${local}:00` : local}+08:00`;
const pointsText = (cents: number) => (cents / 100).toFixed(2);

const valuesOf = (year: Year): Values => ({
  title: year.title,
  ...Object.fromEntries(QUARTERS.map((q) => [`periodWeights.${q}`, String(year.periodWeights[q])])),
  bonusCapCents: pointsText(year.bonusCapCents),
  penaltyCapCents: year.penaltyCapCents === null ? '' : pointsText(year.penaltyCapCents),
  excellentQuotaPercent: String(year.excellentQuotaPercent),
  publicityDays: String(year.publicityDays),
  // A year saved before these settings existed uses the defaults (docs/rater-consistency.md).
  'consistency.leniencyPercent': String(year.consistency?.leniencyPercent ?? 10),
  'consistency.minCoRatedItems': String(year.consistency?.minCoRatedItems ?? 5),
  ...Object.fromEntries(
    year.periods.flatMap((w, i) => EDGES.map((edge) => [`periods.${i}.${edge}`, toBeijingLocal(w[edge])])),
  ),
});

const LABELS: Values = {
  title: '年度名称',
  ...Object.fromEntries(QUARTERS.map((q) => [`periodWeights.${q}`, `${PERIOD_LABELS[q]}权重`])),
  periodWeights: '季度权重',
  bonusCapCents: '加分上限',
  penaltyCapCents: '减分上限',
  excellentQuotaPercent: '优秀等次比例',
  publicityDays: '公示天数',
  'consistency.leniencyPercent': '评分尺度偏差阈值（%）',
  'consistency.minCoRatedItems': '最少共同评分项数',
  selfAssessedPeriods: '自评考核期',
  reviewStages: '审核环节',
  ...Object.fromEntries(
    QUARTERS.flatMap((q, i) =>
      EDGES.map((edge) => [`periods.${i}.${edge}`, `${PERIOD_LABELS[q]}${EDGE_LABELS[edge]}`]),
    ),
  ),
};

const WEIGHTS_SUM_ID = 'year-settings-weights-sum';
const WEIGHTS_ERROR_ID = 'year-settings-weights-error';

/** The weights' group error has no control of its own: focus goes to the first weight. */
const fieldId = (key: string) =>
  `year-settings-${(key === 'periodWeights' ? 'periodWeights.Q1' : key).replaceAll('.', '-')}`;

/** The request body, or the fields whose text cannot become one (what only the form can tell). */
const toBody = (
  values: Values,
  year: Year,
  review: Pick<Body, 'selfAssessedPeriods' | 'reviewStages'>,
): { body?: Body; errors: Map<string, string> } => {
  const errors = new Map<string, string>();
  const v = (key: string) => (values[key] ?? '').trim();
  const whole = (key: string, min: number, max: number) => {
    const n = Number(v(key));
    if (!/^\d+$/.test(v(key)) || n < min || n > max) errors.set(key, `请填写 ${min}–${max} 之间的整数`);
    return n;
  };
  const cents = (key: string) => {
    if (!/^\d+(\.\d{1,2})?$/.test(v(key)) || Number(v(key)) > 100)
      errors.set(key, '请填写 0–100 之间的分数，最多两位小数');
    return Math.round(Number(v(key)) * 100);
  };
  const instant = (key: string) => {
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(v(key))) errors.set(key, '请填写日期和时间');
    return fromBeijingLocal(v(key));
  };
  const body: Body = {
    title: v('title'),
    periodWeights: { Q1: 0, Q2: 0, Q3: 0, Q4: 0 },
    bonusCapCents: cents('bonusCapCents'),
    penaltyCapCents: v('penaltyCapCents') === '' ? null : cents('penaltyCapCents'),
    excellentQuotaPercent: whole('excellentQuotaPercent', 1, 100),
    publicityDays: whole('publicityDays', 1, 30),
    consistency: {
      leniencyPercent: whole('consistency.leniencyPercent', 1, 50),
      minCoRatedItems: whole('consistency.minCoRatedItems', 1, 100),
    },
    periods: QUARTERS.map((period, i) => ({
      period,
      opensAt: instant(`periods.${i}.opensAt`),
      closesAt: instant(`periods.${i}.closesAt`),
    })),
    ...review,
    version: year.version,
  };
  for (const q of QUARTERS) body.periodWeights[q] = whole(`periodWeights.${q}`, 0, 100);
  return errors.size > 0 ? { errors } : { body, errors };
};

/** Moves to the first field in error (after the render that marks it), whose description reads the error. */
const focusFirst = (errors: Map<string, string>) => {
  const [first] = errors.keys();
  if (first) setTimeout(() => document.getElementById(fieldId(first))?.focus());
};

/** The API's field errors keyed like the form (`body.periods.0.opensAt` → `periods.0.opensAt`). */
const apiFieldErrors = (error: ApiError): Map<string, string> => {
  const errors = new Map<string, string>();
  for (const d of error.details) {
    const key = d.path.replace(/^body\.?/, '');
    if (key in LABELS && !errors.has(key)) errors.set(key, d.message);
  }
  return errors;
};

export const YearSettingsForm = ({
  year,
  onSaved,
  onCancel,
}: {
  year: Year;
  onSaved: (year: Year) => void;
  onCancel: () => void;
}) => {
  const [values, setValues] = useState(() => valuesOf(year));
  // A year saved before these settings existed reads the defaults (docs/review-stages.md).
  const [selfPeriods, setSelfPeriods] = useState<readonly Period[]>(() => year.selfAssessedPeriods ?? ['Q4']);
  const [stages, setStages] = useState(() => (year.reviewStages ?? ['first', 'second', 'final']).join());
  const [errors, setErrors] = useState(new Map<string, string>());
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  useOpeningFocus(() => heading.current, []);

  const set = (key: string) => (e: { currentTarget: HTMLInputElement }) =>
    setValues({ ...values, [key]: e.currentTarget.value });
  // A weight also reads the group's error (the sum), which no single weight owns.
  const describedByGroup = (control: ControlProps, key: string) =>
    key.startsWith('periodWeights.') && errors.has('periodWeights')
      ? {
          'aria-describedby': [control['aria-describedby'], WEIGHTS_ERROR_ID].filter(Boolean).join(' '),
          'aria-invalid': 'true' as const,
        }
      : {};
  const text = (key: string, props: { hint?: string; required?: boolean } = {}) => (
    <Field key={key} id={fieldId(key)} label={LABELS[key] ?? key} error={errors.get(key)} {...props}>
      {(control) => (
        <input
          {...control}
          {...describedByGroup(control, key)}
          value={values[key]}
          onInput={set(key)}
          {...inputProps(key)}
        />
      )}
    </Field>
  );
  const sum = QUARTERS.reduce((total, q) => total + (Number(values[`periodWeights.${q}`]) || 0), 0);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    setFailure(null);
    const { body, errors: typed } = toBody(values, year, {
      selfAssessedPeriods: QUARTERS.filter((q) => selfPeriods.includes(q)),
      reviewStages: stages.split(',') as NonNullable<Body['reviewStages']>,
    });
    setErrors(typed);
    if (!body) return focusFirst(typed);
    setBusy(true);
    try {
      onSaved(await api.years.updateSettings(year.year, body));
    } catch (e) {
      const apiError = toApiError(e);
      const fieldErrors = apiFieldErrors(apiError);
      setErrors(fieldErrors);
      setFailure(apiError);
      focusFirst(fieldErrors);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      class="panel form"
      aria-labelledby="year-settings-heading"
      onSubmit={(e) => void submit(e)}
      noValidate
    >
      <h2 id="year-settings-heading" tabIndex={-1} ref={heading}>
        修改年度设置
      </h2>
      <p class="hint">只有“年初设置”阶段的年度可以修改；年度启动后，设置即为考核依据，不再改动。</p>
      {failure && (
        <ErrorBanner
          title="年度设置未保存"
          message={
            failure.code === 'STALE_VERSION'
              ? '年度设置已被他人修改。请重新加载，看到最新设置后再修改。'
              : errors.size > 0
                ? `请修改标出的 ${errors.size} 处后再保存。`
                : failure.message
          }
        >
          {failure.status === 409 && (
            <button type="button" class="button" onClick={() => location.reload()}>
              重新加载（放弃本页未保存的修改）
            </button>
          )}
        </ErrorBanner>
      )}
      {text('title', { required: true })}
      <fieldset
        class="contacts"
        aria-describedby={
          errors.has('periodWeights') ? `${WEIGHTS_SUM_ID} ${WEIGHTS_ERROR_ID}` : WEIGHTS_SUM_ID
        }
      >
        <legend>季度权重（%）</legend>
        <div class="filters">{QUARTERS.map((q) => text(`periodWeights.${q}`))}</div>
        <p id={WEIGHTS_SUM_ID} class={sum === 100 ? 'hint' : 'field-error'} aria-live="polite">
          合计 {sum}%{sum === 100 ? '' : '，四个季度之和须为 100%'}
        </p>
        {errors.has('periodWeights') && (
          <p id={WEIGHTS_ERROR_ID} class="field-error">
            <span class="visually-hidden">错误：</span>
            {errors.get('periodWeights')}
          </p>
        )}
      </fieldset>
      <div class="filters">
        {text('bonusCapCents', { hint: '单位：分，最多两位小数' })}
        {text('penaltyCapCents', { hint: '单位：分；留空表示不设上限' })}
        {text('excellentQuotaPercent', { hint: '每类单位中评为优秀的比例（%）' })}
        {text('publicityDays', { hint: '结果公示的天数' })}
      </div>
      <fieldset class="contacts">
        <legend>评分一致性</legend>
        <div class="filters">
          {text('consistency.leniencyPercent', {
            hint: '评分人平均比其他评分人高或低超过分值 W 的这一比例时，标为评分尺度偏差（默认 10）',
          })}
          {text('consistency.minCoRatedItems', {
            hint: '与其他评分人共同评分的项不少于此数才标记（默认 5）',
          })}
        </div>
      </fieldset>
      <fieldset class="contacts" aria-describedby="year-settings-selfAssessedPeriods-hint">
        <legend>{LABELS.selfAssessedPeriods}</legend>
        <p id="year-settings-selfAssessedPeriods-hint" class="hint">
          这些季度末，单位先对照责任书逐项自评打分并写自评说明，再进入审核（默认第四季度，即年终）
        </p>
        <div class="filters">
          {QUARTERS.map((q) => (
            <div class="field checkbox-field" key={q}>
              <input
                id={fieldId(`selfAssessedPeriods.${q}`)}
                type="checkbox"
                checked={selfPeriods.includes(q)}
                onChange={(e) =>
                  setSelfPeriods(
                    e.currentTarget.checked ? [...selfPeriods, q] : selfPeriods.filter((p) => p !== q),
                  )
                }
              />
              <label for={fieldId(`selfAssessedPeriods.${q}`)}>{PERIOD_LABELS[q]}</label>
            </div>
          ))}
        </div>
        {errors.has('selfAssessedPeriods') && <p class="field-error">{errors.get('selfAssessedPeriods')}</p>}
      </fieldset>
      <fieldset class="contacts" aria-describedby="year-settings-reviewStages-hint">
        <legend>{LABELS.reviewStages}</legend>
        <p id="year-settings-reviewStages-hint" class="hint">
          初审由指标的责任科室，复审由考核组评分人，审定由考核办；可只设两级
        </p>
        {REVIEW_STAGE_CHOICES.map((choice, i) => (
          <div class="field checkbox-field" key={choice.label}>
            <input
              id={i === 0 ? fieldId('reviewStages') : `${fieldId('reviewStages')}-${i}`}
              type="radio"
              name="reviewStages"
              checked={stages === choice.stages.join()}
              onChange={() => setStages(choice.stages.join())}
            />
            <label for={i === 0 ? fieldId('reviewStages') : `${fieldId('reviewStages')}-${i}`}>
              {choice.label}
            </label>
          </div>
        ))}
        {errors.has('reviewStages') && <p class="field-error">{errors.get('reviewStages')}</p>}
      </fieldset>
      <fieldset class="contacts">
        <legend>季度上报窗口（北京时间）</legend>
        {QUARTERS.map((_, i) => (
          <div class="filters" key={i}>
            {EDGES.map((edge) => text(`periods.${i}.${edge}`))}
          </div>
        ))}
      </fieldset>
      <div class="form-actions">
        <button type="submit" class="button button-primary" aria-disabled={busy}>
          {busy ? '正在保存…' : '保存年度设置'}
        </button>
        <button type="button" class="button" onClick={onCancel}>
          取消
        </button>
      </div>
    </form>
  );
};

/** The keyboard and control each kind of field needs. */
const inputProps = (key: string): JSX.InputHTMLAttributes<HTMLInputElement> => {
  if (key.startsWith('periods.')) return { type: 'datetime-local' };
  if (key === 'title') return { maxLength: 60 };
  return { inputMode: key.endsWith('Cents') ? 'decimal' : 'numeric' };
};
