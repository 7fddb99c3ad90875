/**
 * A unit's own changes to its template: target and weight overrides, indicators removed, and
 * indicators of its own. Used for a draft and for an amendment (with its reason). The weight sum
 * is shown as the admin types; the server checks everything else and its problems are listed.
 */
import { useId, useState } from 'preact/hooks';
import { formatTarget, MEASURE_LABELS, RULE_LABELS } from '../../../../shared/domain/agreements/labels';
import type {
  AgreementDimension,
  AgreementLeaf,
  Customisation,
  ExtraIndicator,
} from '../../../../shared/schemas/agreement';
import type { Measure, Period, RuleType, Value } from '../../../../shared/schemas/scenario';
import { SelectField } from '../../components/SelectField';
import { PERIOD_LABELS } from '../../labels';

/** A typed target: a number for numeric measures, 是/否 for booleans, a date as typed. */
export const parseTarget = (text: string, measure: Measure): Value | undefined => {
  const t = text.trim();
  if (t === '') return undefined;
  if (measure === 'boolean') return t === '是' ? true : t === '否' ? false : t;
  if (measure === 'date') return t;
  const n = Number(t.replace(/%$/, ''));
  return Number.isFinite(n) ? n : t;
};
const targetText = (value: Value | undefined) =>
  value === undefined ? '' : value === true ? '是' : value === false ? '否' : String(value);

const cents = (w: number) => Math.round(w * 100);

/** Σ W after the changes, in points. */
export const resolvedTotal = (base: readonly AgreementDimension[], c: Customisation): number => {
  const removed = new Set(c.removedCodes);
  const total =
    base
      .flatMap((d) => d.leaves)
      .filter((l) => !removed.has(l.code))
      .reduce((sum, l) => sum + cents(c.weights[l.code] ?? l.W), 0) +
    c.extraIndicators.reduce((sum, e) => sum + cents(e.leaf.W), 0);
  return total / 100;
};

const RULES_WITHOUT_TARGET: readonly RuleType[] = ['count', 'completion', 'rating', 'deduction'];

const emptyExtra = (dimension: string): ExtraIndicator => ({
  dimension,
  leaf: {
    code: '',
    name: '',
    W: 0,
    measure: 'rate',
    direction: 'higher',
    rule: { type: 'threshold' },
    periods: ['Q4'],
    evidence: '',
    department: '',
  },
});

const ExtraForm = ({
  dimensions,
  onAdd,
}: {
  dimensions: string[];
  onAdd: (extra: ExtraIndicator) => void;
}) => {
  const id = useId();
  const [extra, setExtra] = useState<ExtraIndicator>(emptyExtra(dimensions[0] ?? '特色工作'));
  const [target, setTarget] = useState('');
  const [param, setParam] = useState('');
  const leaf = extra.leaf;
  const set = (patch: Partial<ExtraIndicator['leaf']>) => setExtra({ ...extra, leaf: { ...leaf, ...patch } });
  const ruleFor = (type: RuleType): ExtraIndicator['leaf']['rule'] => {
    const p = Number(param) || 0;
    switch (type) {
      case 'linear':
        return { type, floor: p };
      case 'step':
        return { type, s: 1, p, mode: 'proportional' };
      case 'count':
        return { type, p };
      case 'completion':
        return { type, lateFactor: 0.5 };
      case 'rating':
        return { type, scale: 'points' };
      default:
        return { type } as ExtraIndicator['leaf']['rule'];
    }
  };
  const paramLabel: Partial<Record<RuleType, string>> = {
    linear: '零分值F',
    step: '每低 1 扣分 p',
    count: '每次扣分 p',
  };
  const add = () => {
    const parsed = parseTarget(target, leaf.measure);
    onAdd({
      dimension: extra.dimension.trim(),
      leaf: {
        ...leaf,
        rule: ruleFor(leaf.rule.type),
        ...(parsed === undefined || RULES_WITHOUT_TARGET.includes(leaf.rule.type) ? {} : { target: parsed }),
      },
    });
    setExtra(emptyExtra(extra.dimension));
    setTarget('');
    setParam('');
  };
  return (
    <fieldset class="extra-form">
      <legend>新增本单位特有指标</legend>
      <div class="form-grid">
        <div class="field">
          <label for={`${id}-dim`}>一级指标</label>
          <input
            id={`${id}-dim`}
            list={`${id}-dims`}
            value={extra.dimension}
            onInput={(e) => setExtra({ ...extra, dimension: e.currentTarget.value })}
          />
          <datalist id={`${id}-dims`}>
            {dimensions.map((d) => (
              <option key={d} value={d} />
            ))}
          </datalist>
        </div>
        <div class="field">
          <label for={`${id}-code`}>指标编码</label>
          <input id={`${id}-code`} value={leaf.code} onInput={(e) => set({ code: e.currentTarget.value })} />
        </div>
        <div class="field">
          <label for={`${id}-name`}>指标名称</label>
          <input id={`${id}-name`} value={leaf.name} onInput={(e) => set({ name: e.currentTarget.value })} />
        </div>
        <div class="field">
          <label for={`${id}-w`}>分值</label>
          <input
            id={`${id}-w`}
            inputMode="decimal"
            value={leaf.W || ''}
            onInput={(e) => set({ W: Number(e.currentTarget.value) || 0 })}
          />
        </div>
        <SelectField
          id={`${id}-measure`}
          label="计量单位"
          value={leaf.measure}
          options={Object.entries(MEASURE_LABELS) as [Measure, string][]}
          onChange={(measure) => set({ measure })}
        />
        <div class="field">
          <label for={`${id}-rule`}>评分规则</label>
          <select
            id={`${id}-rule`}
            value={leaf.rule.type}
            onChange={(e) => set({ rule: ruleFor(e.currentTarget.value as RuleType) })}
          >
            {Object.entries(RULE_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        {paramLabel[leaf.rule.type] && (
          <div class="field">
            <label for={`${id}-param`}>{paramLabel[leaf.rule.type]}</label>
            <input
              id={`${id}-param`}
              inputMode="decimal"
              value={param}
              onInput={(e) => setParam(e.currentTarget.value)}
            />
          </div>
        )}
        {!RULES_WITHOUT_TARGET.includes(leaf.rule.type) && (
          <div class="field">
            <label for={`${id}-target`}>目标值</label>
            <input id={`${id}-target`} value={target} onInput={(e) => setTarget(e.currentTarget.value)} />
          </div>
        )}
        <div class="field">
          <label for={`${id}-periods`}>考核期</label>
          <select
            id={`${id}-periods`}
            value={leaf.periods.length === 4 ? 'quarterly' : 'annual'}
            onChange={(e) =>
              set({ periods: e.currentTarget.value === 'quarterly' ? ['Q1', 'Q2', 'Q3', 'Q4'] : ['Q4'] })
            }
          >
            <option value="annual">年度（Q4）</option>
            <option value="quarterly">季度（Q1–Q4）</option>
          </select>
        </div>
        <div class="field">
          <label for={`${id}-evidence`}>材料要求</label>
          <input
            id={`${id}-evidence`}
            value={leaf.evidence}
            onInput={(e) => set({ evidence: e.currentTarget.value })}
          />
        </div>
        <div class="field">
          <label for={`${id}-dept`}>责任科室</label>
          <input
            id={`${id}-dept`}
            value={leaf.department}
            onInput={(e) => set({ department: e.currentTarget.value })}
          />
        </div>
      </div>
      <button type="button" class="button" onClick={add}>
        添加指标
      </button>
    </fieldset>
  );
};

interface EditorProps {
  base: readonly AgreementDimension[];
  initial: Customisation;
  submitLabel: string;
  busy: boolean;
  /** An amendment needs its reason. */
  withReason?: boolean;
  /** `effectiveFrom`: the first period scored on the amendment (absent: the next period not yet closed). */
  onSubmit: (customisation: Customisation, reason: string, effectiveFrom?: Period) => void;
  onCancel: () => void;
}

export const CustomisationEditor = ({
  base,
  initial,
  submitLabel,
  busy,
  withReason,
  onSubmit,
  onCancel,
}: EditorProps) => {
  const [c, setC] = useState<Customisation>(initial);
  const [reason, setReason] = useState('');
  const [effectiveFrom, setEffectiveFrom] = useState<Period | ''>('');
  const total = resolvedTotal(base, c);
  const removed = new Set(c.removedCodes);

  const setTarget = (leaf: AgreementLeaf, text: string) => {
    const { [leaf.code]: _old, ...rest } = c.targets;
    const value = parseTarget(text, leaf.measure);
    setC({ ...c, targets: value === undefined ? rest : { ...rest, [leaf.code]: value } });
  };
  const setWeight = (leaf: AgreementLeaf, text: string) => {
    const { [leaf.code]: _old, ...rest } = c.weights;
    const value = text.trim() === '' ? undefined : Number(text);
    setC({
      ...c,
      weights: value === undefined || !Number.isFinite(value) ? rest : { ...rest, [leaf.code]: value },
    });
  };
  const toggleRemoved = (code: string) =>
    setC({
      ...c,
      removedCodes: removed.has(code) ? c.removedCodes.filter((x) => x !== code) : [...c.removedCodes, code],
    });

  return (
    <form
      class="form customisation-editor"
      onSubmit={(e) => {
        e.preventDefault();
        if (!busy) onSubmit(c, reason, effectiveFrom || undefined);
      }}
    >
      <p class={total === 100 ? 'weight-total ok' : 'weight-total bad'} role="status" aria-live="polite">
        分值合计：<strong>{total.toFixed(2)}</strong> 分{total === 100 ? '' : '（须为 100）'}
      </p>
      <div class="table-wrap">
        <table class="data-table">
          <caption class="visually-hidden">模板指标的单位调整</caption>
          <thead>
            <tr>
              <th scope="col">指标</th>
              <th scope="col">模板分值</th>
              <th scope="col">本单位分值</th>
              <th scope="col">模板目标值</th>
              <th scope="col">本单位目标值</th>
              <th scope="col">不考核</th>
            </tr>
          </thead>
          <tbody>
            {base.flatMap((d) =>
              d.leaves.map((leaf) => (
                <tr key={leaf.code} class={removed.has(leaf.code) ? 'removed' : undefined}>
                  <th scope="row">
                    <code>{leaf.code}</code> {leaf.name}
                  </th>
                  <td class="num">{leaf.W}</td>
                  <td>
                    <input
                      aria-label={`${leaf.name} 本单位分值`}
                      inputMode="decimal"
                      size={5}
                      value={c.weights[leaf.code] ?? ''}
                      placeholder={String(leaf.W)}
                      onInput={(e) => setWeight(leaf, e.currentTarget.value)}
                    />
                  </td>
                  <td>{formatTarget(leaf.target, leaf.measure)}</td>
                  <td>
                    {RULES_WITHOUT_TARGET.includes(leaf.rule.type) ? (
                      <span class="muted">—</span>
                    ) : (
                      <input
                        aria-label={`${leaf.name} 本单位目标值`}
                        size={8}
                        value={targetText(c.targets[leaf.code])}
                        placeholder={targetText(leaf.target)}
                        onInput={(e) => setTarget(leaf, e.currentTarget.value)}
                      />
                    )}
                  </td>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`${leaf.name} 本单位不考核`}
                      checked={removed.has(leaf.code)}
                      onChange={() => toggleRemoved(leaf.code)}
                    />
                  </td>
                </tr>
              )),
            )}
          </tbody>
        </table>
      </div>
      {c.extraIndicators.length > 0 && (
        <ul class="plain-list extra-list">
          {c.extraIndicators.map((extra, i) => (
            <li key={`${extra.leaf.code}-${i}`}>
              <span class="tag">本单位特有</span> {extra.dimension} · <code>{extra.leaf.code}</code>{' '}
              {extra.leaf.name}（{extra.leaf.W} 分）
              <button
                type="button"
                class="button button-quiet"
                onClick={() => setC({ ...c, extraIndicators: c.extraIndicators.filter((_, j) => j !== i) })}
              >
                移除<span class="visually-hidden">{extra.leaf.name}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <ExtraForm
        dimensions={base.map((d) => d.name)}
        onAdd={(extra) => setC({ ...c, extraIndicators: [...c.extraIndicators, extra] })}
      />
      {withReason && (
        <div class="field">
          <label for="amendment-reason">
            变更理由
            <span class="required" aria-hidden="true">
              *
            </span>
          </label>
          <textarea
            id="amendment-reason"
            rows={3}
            required
            value={reason}
            onInput={(e) => setReason(e.currentTarget.value)}
          />
        </div>
      )}
      {withReason && (
        <div class="field">
          <label for="amendment-effective-from">自哪个考核期起执行</label>
          <p id="amendment-effective-from-hint" class="hint">
            此前各期仍按已签订的版本计分；单位负责人签订变更后的责任书前，各期均按已签订版本计分。
          </p>
          <select
            id="amendment-effective-from"
            aria-describedby="amendment-effective-from-hint"
            value={effectiveFrom}
            onChange={(e) => setEffectiveFrom(e.currentTarget.value as Period | '')}
          >
            <option value="">尚未截止的第一个考核期（默认）</option>
            {(['Q1', 'Q2', 'Q3', 'Q4'] as const).map((p) => (
              <option key={p} value={p}>
                {PERIOD_LABELS[p]}
              </option>
            ))}
          </select>
        </div>
      )}
      <div class="form-actions">
        <button type="submit" class="button button-primary" aria-disabled={busy}>
          {busy ? '正在保存…' : submitLabel}
        </button>
        <button type="button" class="button" onClick={onCancel}>
          取消
        </button>
      </div>
    </form>
  );
};
