/**
 * Raters to choose, as checkboxes; one affiliated with a unit in scope is marked 须回避 with the
 * unit's name (choosing them anyway is refused by the server, with the reason shown).
 */
import type { User } from '../../../../shared/schemas/org';
import { conflictsOf } from './assignment-model';

interface RaterPickerProps {
  id: string;
  raters: readonly User[];
  unitIds: readonly string[];
  unitNames: ReadonlyMap<string, string>;
  chosen: readonly string[];
  onChange: (chosen: string[]) => void;
}

export const RaterPicker = ({ id, raters, unitIds, unitNames, chosen, onChange }: RaterPickerProps) => (
  <fieldset class="checkbox-group" id={id}>
    <legend>考核组成员</legend>
    {raters.map((r) => {
      const conflicts = conflictsOf(r, unitIds);
      const checked = chosen.includes(r.id);
      return (
        <label key={r.id} class="checkbox">
          <input
            type="checkbox"
            checked={checked}
            onChange={() => onChange(checked ? chosen.filter((c) => c !== r.id) : [...chosen, r.id])}
          />
          {r.name}
          {r.title ? `（${r.title}）` : ''}
          {conflicts.length > 0 && (
            <span class="conflict-note">
              {' '}
              须回避：与{conflicts.map((u) => unitNames.get(u) ?? u).join('、')}有关联
            </span>
          )}
        </label>
      );
    })}
  </fieldset>
);
