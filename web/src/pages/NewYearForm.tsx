/**
 * 新建考核年度 (admin): the next year starts in 年初设置 with last year's weights, caps and
 * quarter windows moved to the new year; templates and agreements are then prepared for it.
 */
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Year } from '../api';
import { api } from '../api';
import { ErrorBanner } from '../components/ErrorBanner';
import { Field } from '../components/Field';
import { toApiError } from '../use-resource';

export const NewYearForm = ({
  newest,
  onCreated,
}: {
  newest: number | undefined;
  onCreated: (y: Year) => void;
}) => {
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState('');
  const opener = useRef<HTMLButtonElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const wasOpen = useRef(false);
  // Focus follows the form: into the year field when it opens, back to the button when it closes, in
  // the commit that draws it (see use-opening-focus.ts: a later focus can land after the user typed).
  useLayoutEffect(() => {
    if (open) input.current?.focus();
    else if (wasOpen.current) opener.current?.focus();
    wasOpen.current = open;
  }, [open]);
  /** The year after the newest one, or this calendar year for a bureau's first. */
  const suggest = () => String(newest !== undefined ? newest + 1 : new Date().getFullYear());
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (!open) {
    return (
      <div>
        <button
          ref={opener}
          type="button"
          class="button"
          onClick={() => {
            setValue(suggest());
            setFieldError(undefined);
            setError(null);
            setOpen(true);
          }}
        >
          新建考核年度
        </button>
      </div>
    );
  }

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const year = Number(value);
    if (!Number.isInteger(year) || year < 2000 || year > 2100) {
      setFieldError('年度须为 2000–2100 之间的整数');
      return;
    }
    setFieldError(undefined);
    setError(null);
    setBusy(true);
    try {
      onCreated(await api.years.create(year));
      setOpen(false);
    } catch (e) {
      const apiError = toApiError(e);
      const detail = apiError.details.find((d) => d.path === 'body.year');
      if (detail) setFieldError(detail.message);
      else setError(apiError.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="panel stack" aria-labelledby="new-year-heading" onSubmit={(e) => void submit(e)} noValidate>
      <h2 id="new-year-heading">新建考核年度</h2>
      <p class="hint">
        {newest !== undefined
          ? '沿用上一年度的季度权重、加减分上限、优秀比例、公示天数和季度上报窗口（日期顺延一年），创建后可在年初设置阶段修改。'
          : '使用常规设置（第四季度权重 70%，加分上限 5 分，减分上限 10 分，优秀 20%，公示 5 天），创建后可修改。'}
      </p>
      <Field id="new-year" label="年度" required error={fieldError}>
        {(control) => (
          <input
            {...control}
            ref={input}
            inputMode="numeric"
            value={value}
            onInput={(e) => setValue(e.currentTarget.value.trim())}
          />
        )}
      </Field>
      {error && <ErrorBanner message={error} />}
      <div class="form-actions">
        <button type="submit" class="button button-primary" aria-disabled={busy}>
          {busy ? '正在创建…' : '创建'}
        </button>
        <button type="button" class="button" onClick={() => setOpen(false)}>
          取消
        </button>
      </div>
    </form>
  );
};
