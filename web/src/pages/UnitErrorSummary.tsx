/**
 * What went wrong on saving a unit: a summary whose entries link to (and focus) each field in
 * error, and for a stale version a button that reloads the unit as it is now.
 */
import type { ApiError } from '../api';
import { ErrorBanner } from '../components/ErrorBanner';
import { fieldId, fieldLabel } from './unit-form-model';

export const focusField = (key: string) => document.getElementById(fieldId(key))?.focus();

/** The server's first-error message names a path (`body.id`); with field errors, count them instead. */
const summaryMessage = (error: ApiError, fieldCount: number) => {
  if (error.code === 'STALE_VERSION') return '数据已被他人修改，请刷新后重试';
  return fieldCount > 0 ? `请修改以下 ${fieldCount} 处后再保存：` : error.message;
};

export const UnitErrorSummary = ({
  error,
  errors,
  onReload,
}: {
  error: ApiError;
  errors: Map<string, string>;
  onReload: () => void;
}) => (
  <ErrorBanner title="保存未成功" message={summaryMessage(error, errors.size)}>
    {errors.size > 0 && (
      <ul class="error-links">
        {[...errors].map(([key, message]) => (
          <li key={key}>
            <a
              href={`#${fieldId(key)}`}
              onClick={(event) => {
                event.preventDefault();
                focusField(key);
              }}
            >
              {fieldLabel(key)}：{message}
            </a>
          </li>
        ))}
      </ul>
    )}
    {error.code === 'STALE_VERSION' && (
      <button type="button" class="button" onClick={onReload}>
        重新加载（放弃本页未保存的修改）
      </button>
    )}
  </ErrorBanner>
);
