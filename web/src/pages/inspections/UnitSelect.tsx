/** A required choice of unit (被检查单位, 单位), with 请选择单位 first: the forms of these pages share it. */
import type { Unit } from '../../api';
import { Field } from '../../components/Field';

interface Props {
  id: string;
  label: string;
  units: readonly Unit[];
  value: string;
  onChange: (unitId: string) => void;
  error?: string | undefined;
}

export const UnitSelect = ({ id, label, units, value, onChange, error }: Props) => (
  <Field id={id} label={label} required error={error}>
    {(p) => (
      <select {...p} value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        <option value="">请选择单位</option>
        {units.map((u) => (
          <option key={u.id} value={u.id}>
            {u.name}
          </option>
        ))}
      </select>
    )}
  </Field>
);
