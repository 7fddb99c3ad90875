/** The reported-value control of one indicator, by its unit of measure. */
import type { ControlProps } from '../../components/Field';
import type { ReportedValue, WorksheetRow } from './submissions-api';

type Indicator = WorksheetRow['indicator'];

/** The form's text for a stored value ('' for none). */
export const valueText = (value: ReportedValue): string =>
  value === null ? '' : typeof value === 'boolean' ? (value ? 'true' : 'false') : String(value);

/** The value to send for the form's text: numbers as numbers, yes/no as booleans, '' as none. */
export const parseValueText = (text: string, measure: Indicator['measure']): ReportedValue => {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  if (measure === 'boolean') return trimmed === 'true';
  if (measure === 'date') return trimmed;
  // A decimal string the server reads exactly; anything else goes as text and is refused there.
  return /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : trimmed;
};

export const measureHint = (indicator: Indicator): string => {
  switch (indicator.measure) {
    case 'rate':
      return '比率，0–100，单位 %，最多 4 位小数';
    case 'count':
      return '计数，非负整数';
    case 'boolean':
      return '是否完成';
    case 'date':
      return '完成日期';
    default:
      return '数值';
  }
};

interface ValueInputProps {
  indicator: Indicator;
  text: string;
  onText: (text: string) => void;
  control: ControlProps;
  disabled: boolean;
}

export const ValueInput = ({ indicator, text, onText, control, disabled }: ValueInputProps) => {
  if (indicator.measure === 'boolean') {
    return (
      <select {...control} value={text} disabled={disabled} onChange={(e) => onText(e.currentTarget.value)}>
        <option value="">请选择</option>
        <option value="true">是</option>
        <option value="false">否</option>
      </select>
    );
  }
  return (
    <span class={indicator.measure === 'rate' ? 'input-suffix' : undefined}>
      <input
        {...control}
        type={indicator.measure === 'date' ? 'date' : 'text'}
        inputMode={indicator.measure === 'count' ? 'numeric' : 'decimal'}
        autoComplete="off"
        value={text}
        disabled={disabled}
        onInput={(e) => onText(e.currentTarget.value)}
      />
      {indicator.measure === 'rate' && <span aria-hidden="true">%</span>}
    </span>
  );
};
