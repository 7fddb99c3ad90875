/**
 * The template editor: dimensions and their indicators with every field, the running weight sum
 * and every validation problem as the admin types — checked in the browser by the same code the
 * API uses (loaded on demand, with the scoring engine), and again by the API on saving. A template
 * with problems can be saved as work in progress but cannot generate agreements.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { DIRECTION_LABELS, MEASURE_LABELS, RULE_LABELS } from '../../../../shared/domain/agreements/labels';
import type {
  Direction,
  Measure,
  Period,
  PeriodWeights,
  Rule,
  RuleType,
  Value,
} from '../../../../shared/schemas/scenario';
import type { TemplateDimension, TemplateLeaf } from '../../../../shared/schemas/template';
import { type ApiError, api, type Me } from '../../api';
import { ErrorBanner, Notice } from '../../components/ErrorBanner';
import { Link } from '../../components/Link';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { SelectField } from '../../components/SelectField';
import { PERIOD_LABELS } from '../../labels';
import { toApiError, useResource } from '../../use-resource';
import { type TemplateView, templatesApi } from '../agreements/agreements-api';
import { parseTarget } from '../agreements/CustomisationEditor';

const PERIODS: Period[] = ['Q1', 'Q2', 'Q3', 'Q4'];

interface LeafDraft {
  key: number;
  code: string;
  name: string;
  W: string;
  measure: Measure;
  direction: Direction;
  rule: RuleType;
  floor: string;
  s: string;
  p: string;
  ceil: boolean;
  lateFactor: string;
  scale: 'points' | 'bands';
  bands?: Partial<Record<'优' | '良' | '中' | '差', number>>;
  defaultTarget: string;
  periods: Period[];
  ruleText: string;
  evidence: string;
  department: string;
}
interface DimensionDraft {
  key: number;
  name: string;
  leaves: LeafDraft[];
}

let nextKey = 1;
const text = (v: Value | number | string | undefined) =>
  v === undefined ? '' : v === true ? '是' : v === false ? '否' : String(v);
/** A number when the text is one; otherwise the text, for the checker to name. */
const num = (t: string): number =>
  t.trim() !== '' && Number.isFinite(Number(t)) ? Number(t) : (t as unknown as number);

const toDraft = (leaf: TemplateLeaf): LeafDraft => {
  const r = leaf.rule;
  return {
    key: nextKey++,
    code: leaf.code,
    name: leaf.name,
    W: String(leaf.W),
    measure: leaf.measure,
    direction: leaf.direction,
    rule: r.type,
    floor: r.type === 'linear' ? text(r.floor) : '',
    s: r.type === 'step' ? String(r.s) : '1',
    p: r.type === 'step' || r.type === 'count' ? String(r.p) : '',
    ceil: r.type === 'step' && r.mode === 'ceil',
    lateFactor: r.type === 'completion' ? String(r.lateFactor) : '0.5',
    scale: r.type === 'rating' ? r.scale : 'points',
    ...(r.type === 'rating' && r.bands ? { bands: r.bands } : {}),
    defaultTarget: text(leaf.defaultTarget),
    periods: leaf.periods,
    ruleText: leaf.ruleText ?? '',
    evidence: leaf.evidence,
    department: leaf.department,
  };
};

const ruleOf = (d: LeafDraft): Rule => {
  switch (d.rule) {
    case 'linear':
      return { type: 'linear', floor: parseTarget(d.floor, d.measure) ?? '' };
    case 'step':
      return { type: 'step', s: num(d.s), p: num(d.p), mode: d.ceil ? 'ceil' : 'proportional' };
    case 'count':
      return { type: 'count', p: num(d.p) };
    case 'completion':
      return { type: 'completion', lateFactor: num(d.lateFactor) };
    case 'rating':
      return { type: 'rating', scale: d.scale, ...(d.bands ? { bands: d.bands } : {}) };
    default:
      return { type: d.rule } as Rule;
  }
};

const toLeaf = (d: LeafDraft): TemplateLeaf => {
  const target = parseTarget(d.defaultTarget, d.measure);
  return {
    code: d.code.trim(),
    name: d.name.trim(),
    W: num(d.W),
    measure: d.measure,
    direction: d.direction,
    rule: ruleOf(d),
    ...(target === undefined ? {} : { defaultTarget: target }),
    periods: d.periods,
    ...(d.ruleText.trim() ? { ruleText: d.ruleText.trim() } : {}),
    evidence: d.evidence.trim(),
    department: d.department.trim(),
  };
};
const toTree = (dims: DimensionDraft[]): TemplateDimension[] =>
  dims.map((d) => ({ name: d.name.trim(), leaves: d.leaves.map(toLeaf) }));

const newLeaf = (): LeafDraft => ({
  ...toDraft({
    code: '',
    name: '',
    W: 0,
    measure: 'rate',
    direction: 'higher',
    rule: { type: 'threshold' },
    periods: ['Q4'],
    evidence: '',
    department: '',
  }),
  W: '',
});

type Problem = { path: string; message: string };
type Checker = (tree: TemplateDimension[], weights?: PeriodWeights) => Problem[];

/** The checker: the shared validation with the scoring engine, loaded once, on demand. */
const loadChecker = (() => {
  let loading: Promise<Checker> | undefined;
  return () =>
    (loading ??= import('../../../../shared/domain/agreements/validate').then(
      (m): Checker =>
        (tree, periodWeights) =>
          m.validateTree(tree, { asTemplate: true, ...(periodWeights ? { periodWeights } : {}) }),
    ));
})();

const LeafFields = ({
  leaf,
  label,
  problems,
  onChange,
  onRemove,
}: {
  leaf: LeafDraft;
  label: string;
  problems: Problem[];
  onChange: (patch: Partial<LeafDraft>) => void;
  onRemove: () => void;
}) => {
  const id = `leaf-${leaf.key}`;
  const input = (field: keyof LeafDraft, caption: string, props: Record<string, unknown> = {}) => (
    <div class="field">
      <label for={`${id}-${field}`}>{caption}</label>
      <input
        id={`${id}-${field}`}
        value={leaf[field] as string}
        onInput={(e) => onChange({ [field]: e.currentTarget.value })}
        {...props}
      />
    </div>
  );
  return (
    <fieldset
      class={problems.length ? 'leaf-card has-problems' : 'leaf-card'}
      aria-describedby={problems.length ? `${id}-problems` : undefined}
    >
      <legend>{label}</legend>
      <div class="form-grid">
        {input('code', '指标编码', { size: 6 })}
        {input('name', '指标名称')}
        {input('W', '分值', { inputMode: 'decimal', size: 5 })}
        <SelectField
          id={`${id}-measure`}
          label="计量单位"
          value={leaf.measure}
          options={Object.entries(MEASURE_LABELS) as [Measure, string][]}
          onChange={(measure) => onChange({ measure })}
        />
        <SelectField
          id={`${id}-direction`}
          label="指标方向"
          value={leaf.direction}
          options={Object.entries(DIRECTION_LABELS) as [Direction, string][]}
          onChange={(direction) => onChange({ direction })}
        />
        <SelectField
          id={`${id}-rule`}
          label="评分规则"
          value={leaf.rule}
          options={Object.entries(RULE_LABELS) as [RuleType, string][]}
          onChange={(rule) => onChange({ rule })}
        />
        {(leaf.rule === 'threshold' || leaf.rule === 'linear' || leaf.rule === 'step') &&
          input('defaultTarget', '默认目标值', { size: 8 })}
        {leaf.rule === 'linear' && input('floor', '零分值F', { size: 6 })}
        {leaf.rule === 'step' && input('s', '步长s', { inputMode: 'decimal', size: 4 })}
        {(leaf.rule === 'step' || leaf.rule === 'count') &&
          input('p', '扣分p', { inputMode: 'decimal', size: 4 })}
        {leaf.rule === 'step' && (
          <div class="field checkbox-field">
            <input
              id={`${id}-ceil`}
              type="checkbox"
              checked={leaf.ceil}
              onChange={(e) => onChange({ ceil: e.currentTarget.checked })}
            />
            <label for={`${id}-ceil`}>不足一步按一步计</label>
          </div>
        )}
        {leaf.rule === 'completion' && input('lateFactor', '逾期得分系数', { inputMode: 'decimal', size: 4 })}
        {leaf.rule === 'rating' && (
          <div class="field">
            <label for={`${id}-scale`}>评价方式</label>
            <select
              id={`${id}-scale`}
              value={leaf.scale}
              onChange={(e) => onChange({ scale: e.currentTarget.value as 'points' | 'bands' })}
            >
              <option value="points">打分</option>
              <option value="bands">等级（优良中差）</option>
            </select>
          </div>
        )}
        <fieldset class="field periods-field">
          <legend>考核期</legend>
          {PERIODS.map((p) => (
            <label key={p} class="inline-check">
              <input
                type="checkbox"
                checked={leaf.periods.includes(p)}
                onChange={(e) =>
                  onChange({
                    periods: e.currentTarget.checked
                      ? PERIODS.filter((x) => x === p || leaf.periods.includes(x))
                      : leaf.periods.filter((x) => x !== p),
                  })
                }
              />
              {PERIOD_LABELS[p]}
            </label>
          ))}
        </fieldset>
        {input('ruleText', '评分标准（空则自动生成）')}
        {input('evidence', '材料要求')}
        {input('department', '责任科室', { size: 10 })}
      </div>
      {problems.length > 0 && (
        <ul id={`${id}-problems`} class="field-error leaf-problems">
          {problems.map((p) => (
            <li key={p.path + p.message}>{p.message}</li>
          ))}
        </ul>
      )}
      <button type="button" class="button button-quiet" onClick={onRemove}>
        删除指标<span class="visually-hidden">{leaf.name || leaf.code}</span>
      </button>
    </fieldset>
  );
};

const Editor = ({
  year,
  categoryId,
  initial,
  weights,
}: {
  year: number;
  categoryId: string;
  initial: TemplateView | null;
  weights?: PeriodWeights;
}) => {
  const [title, setTitle] = useState(initial?.title ?? `${year}年度卫生健康目标管理责任书`);
  const [partyA, setPartyA] = useState(initial?.partyA ?? '');
  const [dims, setDims] = useState<DimensionDraft[]>(
    () =>
      initial?.dimensions.map((d) => ({ key: nextKey++, name: d.name, leaves: d.leaves.map(toDraft) })) ?? [],
  );
  const [version, setVersion] = useState(initial?.version);
  const [problems, setProblems] = useState<Problem[]>(initial?.problems ?? []);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const tree = useMemo(() => toTree(dims), [dims]);
  const total =
    tree
      .flatMap((d) => d.leaves)
      .reduce((s, l) => s + (Number.isFinite(l.W) ? Math.round(l.W * 100) : 0), 0) / 100;

  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      void loadChecker().then((check) => current && setProblems(check(tree, weights)));
    }, 150);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [tree, weights]);

  const problemsAt = (d: number, l: number) =>
    problems.filter((p) => p.path.startsWith(`indicators[${d}].leaves[${l}].`));
  const general = problems.filter((p) => !/^indicators\[\d+\]\.leaves\[\d+\]\./.test(p.path));

  const updateLeaf = (d: number, l: number, patch: Partial<LeafDraft>) =>
    setDims(
      dims.map((dim, i) =>
        i !== d
          ? dim
          : { ...dim, leaves: dim.leaves.map((leaf, j) => (j === l ? { ...leaf, ...patch } : leaf)) },
      ),
    );

  const save = async () => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const saved = await templatesApi.save(year, categoryId, {
        title,
        partyA,
        dimensions: tree,
        unitTargets: initial?.unitTargets ?? {},
        ...(version === undefined ? {} : { version }),
      });
      setVersion(saved.version);
      setProblems(saved.problems);
      setDone(
        saved.problems.length === 0
          ? `已保存（第 ${saved.version} 版），校验通过，可以生成责任书。`
          : `已保存（第 ${saved.version} 版），还有 ${saved.problems.length} 处问题，修正前不能生成责任书。`,
      );
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      class="form template-editor"
      onSubmit={(e) => {
        e.preventDefault();
        if (!busy) void save();
      }}
    >
      {done && <Notice>{done}</Notice>}
      {error && (
        <ErrorBanner title="模板未保存" message={error.message}>
          {error.details.length > 0 && (
            <ul class="error-links">
              {error.details.map((d) => (
                <li key={d.path}>
                  {d.path}：{d.message}
                </li>
              ))}
            </ul>
          )}
        </ErrorBanner>
      )}
      <div class="editor-status" role="status" aria-live="polite">
        <span class={total === 100 ? 'weight-total ok' : 'weight-total bad'}>
          分值合计：<strong>{total.toFixed(2)}</strong> 分
        </span>{' '}
        {problems.length === 0 ? (
          <span class="tag tag-ok">校验通过</span>
        ) : (
          <span class="tag tag-bad">{problems.length} 处问题</span>
        )}
      </div>
      {general.length > 0 && (
        <ul class="field-error">
          {general.map((p) => (
            <li key={p.path + p.message}>{p.message}</li>
          ))}
        </ul>
      )}
      <div class="form-grid">
        <div class="field">
          <label for="template-title">责任书标题</label>
          <input id="template-title" value={title} onInput={(e) => setTitle(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="template-party-a">甲方</label>
          <input id="template-party-a" value={partyA} onInput={(e) => setPartyA(e.currentTarget.value)} />
        </div>
      </div>
      {dims.map((dim, d) => (
        <section key={dim.key} class="panel dimension-panel" aria-label={`一级指标 ${dim.name || d + 1}`}>
          <div class="field">
            <label for={`dim-${dim.key}`}>一级指标名称</label>
            <input
              id={`dim-${dim.key}`}
              value={dim.name}
              onInput={(e) =>
                setDims(dims.map((x, i) => (i === d ? { ...x, name: e.currentTarget.value } : x)))
              }
            />
          </div>
          {dim.leaves.map((leaf, l) => (
            <LeafFields
              key={leaf.key}
              leaf={leaf}
              label={`${dim.name || '一级指标'} · ${leaf.code || '新指标'} ${leaf.name}`}
              problems={problemsAt(d, l)}
              onChange={(patch) => updateLeaf(d, l, patch)}
              onRemove={() =>
                setDims(
                  dims.map((x, i) => (i === d ? { ...x, leaves: x.leaves.filter((_, j) => j !== l) } : x)),
                )
              }
            />
          ))}
          <div class="panel-actions">
            <button
              type="button"
              class="button"
              onClick={() =>
                setDims(dims.map((x, i) => (i === d ? { ...x, leaves: [...x.leaves, newLeaf()] } : x)))
              }
            >
              在“{dim.name || '本一级指标'}”下添加指标
            </button>
            <button
              type="button"
              class="button button-quiet"
              onClick={() => setDims(dims.filter((_, i) => i !== d))}
            >
              删除一级指标<span class="visually-hidden">{dim.name}</span>
            </button>
          </div>
        </section>
      ))}
      <div class="form-actions">
        <button
          type="button"
          class="button"
          onClick={() => setDims([...dims, { key: nextKey++, name: '', leaves: [newLeaf()] }])}
        >
          添加一级指标
        </button>
        <button type="submit" class="button button-primary" aria-disabled={busy}>
          {busy ? '正在保存…' : '保存模板'}
        </button>
      </div>
    </form>
  );
};

export const TemplateEditor = ({
  user,
  year,
  categoryId,
}: {
  user: Me;
  year: number;
  categoryId: string;
}) => {
  const [data] = useResource(async () => {
    const [categories, yearItem, template] = await Promise.all([
      api.categories.list(),
      api.years.get(year),
      templatesApi.get(year, categoryId).catch((e: unknown) => {
        if ((e as ApiError).status === 404) return null;
        throw e;
      }),
    ]);
    return {
      category: categories.find((c) => c.id === categoryId),
      weights: yearItem.periodWeights,
      template,
    };
  }, [year, categoryId]);
  const editable = user.roles.includes('admin');
  const name = data.status === 'ready' ? (data.data.category?.name ?? categoryId) : '';

  return (
    <>
      <PageHeader
        title={`${year} 年度${name}指标模板`}
        actions={
          <Link href={`/templates?year=${year}`} class="button button-quiet">
            返回模板列表
          </Link>
        }
      >
        {data.status === 'ready' && data.data.template && (
          <p>
            第 {data.data.template.version} 版
            {data.data.template.copiedFrom ? `，复制自 ${data.data.template.copiedFrom} 年度` : ''}；
            单位目标值 {Object.keys(data.data.template.unitTargets).length} 个单位（在 Excel
            的“单位目标值”表中维护）。
          </p>
        )}
      </PageHeader>
      {data.status === 'loading' && <Loading />}
      {data.status === 'error' && <ErrorBanner title="无法加载模板" message={data.error.message} />}
      {data.status === 'ready' && !editable && !data.data.template && <p>该类别本年度尚未建立模板。</p>}
      {data.status === 'ready' && editable && (
        <Editor
          year={year}
          categoryId={categoryId}
          initial={data.data.template}
          weights={data.data.weights}
        />
      )}
      {data.status === 'ready' && !editable && data.data.template && (
        <ReadOnlyTemplate template={data.data.template} />
      )}
    </>
  );
};

const ReadOnlyTemplate = ({ template }: { template: TemplateView }) => (
  <section class="panel">
    <p>
      分值合计 {template.totalW} 分，{template.leafCount} 项指标
      {template.problems.length > 0 ? `，${template.problems.length} 处问题` : '，校验通过'}。
    </p>
    {template.dimensions.map((d) => (
      <div key={d.name}>
        <h2>{d.name}</h2>
        <ul class="plain-list">
          {d.leaves.map((l) => (
            <li key={l.code}>
              <code>{l.code}</code> {l.name}（{l.W} 分，{RULE_LABELS[l.rule.type]}）
            </li>
          ))}
        </ul>
      </div>
    ))}
  </section>
);
