/**
 * The parts the checklist and survey pages share: the year choice, the 修改 column the admin sees,
 * a labelled text input, and a form's save / cancel buttons.
 */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { Column } from '../../components/DataTable';
import { Field } from '../../components/Field';
import { SelectField } from '../../components/SelectField';
import { defaultYear, useYears, yearFromQuery } from '../agreements/use-years';

/** The years, the one shown (`?year=`, else the one in progress) and a chooser for the page header. */
export const useYearChoice = (id: string, onChange: () => void) => {
  const [years] = useYears();
  const [chosen, setChosen] = useState<number | undefined>(yearFromQuery);
  const year = chosen ?? (years.status === 'ready' ? defaultYear(years.data) : undefined);
  const chooser = years.status === 'ready' && years.data.length > 1 && (
    <SelectField
      inline
      id={id}
      label="考核年度"
      value={year}
      options={years.data.map((y) => [y.year, `${y.year} 年度`] as const)}
      onChange={(y) => {
        onChange();
        setChosen(y);
      }}
    />
  );
  return { year, chooser, error: years.status === 'error' ? years.error : null };
};

/** The admin's 修改 column; `what` names the row for screen readers (修改检查项 XF-01). */
export const editColumn = <T,>(what: (row: T) => string, onEdit: (row: T) => void): Column<T> => ({
  header: '操作',
  render: (row) => (
    <button type="button" class="button button-quiet" onClick={() => onEdit(row)}>
      修改<span class="visually-hidden">{what(row)}</span>
    </button>
  ),
});

interface TextFieldProps {
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  error?: string | undefined;
  hint?: string;
  required?: boolean;
  readOnly?: boolean;
  inputMode?: 'decimal' | 'numeric';
}

/** A one-line text input in a Field (label, hint and error linked to it). */
export const TextField = ({ value, onInput, readOnly, inputMode, ...field }: TextFieldProps) => (
  <Field {...field}>
    {(control) => (
      <input
        {...control}
        type="text"
        value={value}
        readOnly={readOnly}
        inputMode={inputMode}
        autoComplete="off"
        onInput={(e) => onInput(e.currentTarget.value)}
      />
    )}
  </Field>
);

/** Save and cancel; the save button stays focusable while saving (aria-disabled, not disabled). */
export const FormActions = ({
  saving,
  onCancel,
  children,
}: {
  saving: boolean;
  onCancel: () => void;
  children: ComponentChildren;
}) => (
  <div class="form-actions">
    <button type="submit" class="button button-primary" aria-disabled={saving}>
      {saving ? '正在保存…' : children}
    </button>
    <button type="button" class="button" onClick={onCancel}>
      取消
    </button>
  </div>
);
