/**
 * A labelled choice from a fixed list (year, period, unit of measure, rule…): the one shape the
 * pages repeat. `inline` lays label and control side by side, as in filter bars.
 */
export interface SelectFieldProps<V extends string | number> {
  id: string;
  label: string;
  value: V | undefined;
  options: readonly (readonly [V, string])[];
  onChange: (value: V) => void;
  inline?: boolean;
}

export const SelectField = <V extends string | number>({
  id,
  label,
  value,
  options,
  onChange,
  inline = false,
}: SelectFieldProps<V>) => (
  <div class={inline ? 'field inline-field' : 'field'}>
    <label for={id}>{label}</label>
    <select
      id={id}
      value={value}
      onChange={(e) => {
        // Options keep their type: a numeric list gets a number back, not the DOM's string.
        const chosen = options.find(([v]) => String(v) === e.currentTarget.value);
        if (chosen) onChange(chosen[0]);
      }}
    >
      {options.map(([v, l]) => (
        <option key={v} value={v}>
          {l}
        </option>
      ))}
    </select>
  </div>
);
