/**
 * A labelled form control with its hint and error text, both linked by aria-describedby so a
 * screen reader reads them with the field. The control itself is passed in as a render function.
 */
import type { ComponentChildren } from 'preact';

export interface ControlProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: 'true';
  'aria-required'?: 'true';
}

interface FieldProps {
  id: string;
  label: string;
  error?: string | undefined;
  hint?: string;
  required?: boolean;
  children: (control: ControlProps) => ComponentChildren;
}

export const Field = ({ id, label, error, hint, required = false, children }: FieldProps) => {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <label for={id}>
        {label}
        {required && (
          <span class="required" aria-hidden="true">
            *
          </span>
        )}
      </label>
      {hint && (
        <p id={hintId} class="hint">
          {hint}
        </p>
      )}
      {children({
        id,
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
        ...(error ? { 'aria-invalid': 'true' as const } : {}),
        ...(required ? { 'aria-required': 'true' as const } : {}),
      })}
      {error && (
        <p id={errorId} class="field-error">
          <span class="visually-hidden">错误：</span>
          {error}
        </p>
      )}
    </div>
  );
};
