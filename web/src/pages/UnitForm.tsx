/**
 * Add or edit a unit (admin). Errors from the API appear beside their fields and in a summary
 * that links to them; a stale version offers to reload the unit as it is now.
 */
import { useEffect, useState } from 'preact/hooks';
import type { ApiError, Category } from '../api';
import { api } from '../api';
import { EmptyState } from '../components/EmptyState';
import { ErrorBanner, Notice } from '../components/ErrorBanner';
import { Field } from '../components/Field';
import { Link } from '../components/Link';
import { Loading } from '../components/Loading';
import { PageHeader } from '../components/PageHeader';
import { setFlash } from '../flash';
import { navigate } from '../router';
import { toApiError, useResource } from '../use-resource';
import { ContactFields } from './ContactFields';
import { focusField, UnitErrorSummary } from './UnitErrorSummary';
import { emptyValues, fieldErrors, fieldId, toInput, type UnitFormValues, valuesOf } from './unit-form-model';

interface Loaded {
  categories: Category[];
  values: UnitFormValues;
  version: number;
}

const load = async (unitId: string | undefined): Promise<Loaded> => {
  const [categories, unit] = await Promise.all([
    api.categories.list(),
    unitId ? api.units.get(unitId) : Promise.resolve(undefined),
  ]);
  return {
    categories,
    values: unit ? valuesOf(unit) : emptyValues(categories[0]?.id),
    version: unit?.version ?? 0,
  };
};

const UnitEditor = ({
  unitId,
  loaded,
  onReload,
}: {
  unitId?: string;
  loaded: Loaded;
  onReload: () => void;
}) => {
  const editing = unitId !== undefined;
  const [values, setValues] = useState(loaded.values);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [errors, setErrors] = useState(new Map<string, string>());

  useEffect(() => {
    const first = errors.keys().next();
    if (!first.done) focusField(first.value);
  }, [errors]);

  const set = (patch: Partial<UnitFormValues>) => setValues((v) => ({ ...v, ...patch }));

  const submit = async (event: Event) => {
    event.preventDefault();
    if (saving) return;
    const { input, rowOfContact } = toInput(values);
    setSaving(true);
    try {
      // The id names the unit in the path and never changes.
      const { id: _id, ...changes } = input;
      const saved = editing
        ? await api.units.update(unitId, { ...changes, version: loaded.version })
        : await api.units.create(input);
      setFlash(editing ? `已保存单位：${saved.name}` : `已新增单位：${saved.name}`);
      navigate('/units');
    } catch (e) {
      const apiError = toApiError(e);
      setError(apiError);
      setErrors(fieldErrors(apiError, rowOfContact));
      setSaving(false);
    }
  };

  const err = (key: string) => errors.get(key);
  return (
    <form class="form" noValidate onSubmit={submit}>
      {error && <UnitErrorSummary error={error} errors={errors} onReload={onReload} />}
      <Field
        id={fieldId('id')}
        label="单位编号"
        required={!editing}
        error={err('id')}
        hint={
          editing ? '编号创建后不可修改。' : '小写字母、数字和连字符，例如 xinzhuang-thc。创建后不可修改。'
        }
      >
        {(control) => (
          <input
            {...control}
            type="text"
            value={values.id}
            readOnly={editing}
            autoComplete="off"
            spellcheck={false}
            onInput={(e) => set({ id: e.currentTarget.value })}
          />
        )}
      </Field>
      <Field id={fieldId('name')} label="单位名称" required error={err('name')}>
        {(control) => (
          <input
            {...control}
            type="text"
            value={values.name}
            onInput={(e) => set({ name: e.currentTarget.value })}
          />
        )}
      </Field>
      <Field id={fieldId('categoryId')} label="单位类别" required error={err('categoryId')}>
        {(control) => (
          <select
            {...control}
            value={values.categoryId}
            onChange={(e) => set({ categoryId: e.currentTarget.value })}
          >
            {loaded.categories.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id={fieldId('head')} label="单位负责人" required error={err('head')}>
        {(control) => (
          <input
            {...control}
            type="text"
            value={values.head}
            onInput={(e) => set({ head: e.currentTarget.value })}
          />
        )}
      </Field>
      <ContactFields contacts={values.contacts} errors={errors} onChange={(contacts) => set({ contacts })} />
      <div class="form-actions">
        <button type="submit" class="button button-primary" aria-busy={saving}>
          {saving ? '正在保存…' : editing ? '保存修改' : '新增单位'}
        </button>
        <Link href="/units" class="button">
          取消
        </Link>
      </div>
    </form>
  );
};

export const UnitForm = ({ unitId }: { unitId?: string }) => {
  const [loaded, reload] = useResource(() => load(unitId), [unitId]);
  const [reloads, setReloads] = useState(0);
  const title = unitId ? '修改单位' : '新增单位';
  return (
    <>
      <PageHeader title={title}>
        <p>
          <Link href="/units">返回单位列表</Link>
        </p>
      </PageHeader>
      {loaded.status === 'loading' && <Loading />}
      {loaded.status === 'error' &&
        (loaded.error.status === 404 ? (
          <EmptyState title="单位不存在" action={<Link href="/units">返回单位列表</Link>}>
            <p>该单位可能已被删除或编号有误。</p>
          </EmptyState>
        ) : (
          <ErrorBanner title="无法加载单位" message={loaded.error.message}>
            <button type="button" class="button" onClick={reload}>
              重试
            </button>
          </ErrorBanner>
        ))}
      {loaded.status === 'ready' && (
        <>
          {reloads > 0 && <Notice>已载入最新数据，请重新修改后保存。</Notice>}
          <UnitEditor
            key={`${loaded.data.version}-${reloads}`}
            unitId={unitId}
            loaded={loaded.data}
            onReload={() => {
              setReloads((n) => n + 1);
              reload();
            }}
          />
        </>
      )}
    </>
  );
};
