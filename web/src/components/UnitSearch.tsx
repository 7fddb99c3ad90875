/**
 * 查找单位: the search box of the county-scale lists (agreements, progress, results, inspections)
 * and the count of what the filters leave, announced as it changes.
 */
import { useEffect, useState } from 'preact/hooks';
import { SelectField } from './SelectField';

/** How long typing must pause before a search is sent to the server. */
const SEARCH_PAUSE_MS = 300;

/** A search the server answers (a city's pages): asked once typing pauses, not per key, spaces dropped. */
export const useServerSearch = (search: string): string => {
  const [asked, setAsked] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setAsked(search.replace(/\s+/g, '')), SEARCH_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [search]);
  return asked;
};

export const UnitSearch = ({
  id,
  value,
  onChange,
}: {
  id: string;
  value: string;
  onChange: (value: string) => void;
}) => (
  <div class="field inline-field">
    <label for={id}>查找单位</label>
    <input
      id={id}
      type="search"
      value={value}
      placeholder="单位名称中的字"
      onInput={(e) => onChange(e.currentTarget.value)}
    />
  </div>
);

/** Whether a unit name contains what was typed (spaces ignored; an empty search matches all). */
export const matchesUnit = (name: string, search: string): boolean => {
  const wanted = search.replace(/\s+/g, '');
  return wanted === '' || name.includes(wanted);
};

/** "显示 x / y 个单位" while a filter narrows the list, "共 y 个单位" otherwise. */
export const FilterCount = ({
  shown,
  total,
  unit = '个单位',
}: {
  shown: number;
  total: number;
  unit?: string;
}) => (
  <p class="filter-count" aria-live="polite">
    {shown === total ? `共 ${total} ${unit}` : `显示 ${shown} / ${total} ${unit}`}
  </p>
);

interface ListFiltersProps {
  /** Prefix of the controls' ids. */
  id: string;
  search: string;
  onSearch: (value: string) => void;
  /** One choice beside the search (状态, 等级…); its first option is the 全部… one, value ''. */
  choice: { label: string; value: string; options: readonly (readonly [string, string])[] };
  onChoose: (value: string) => void;
  shown: number;
  total: number;
  unit?: string;
}

/** The filter bar of a list: 查找单位, one choice, and 显示 x / y below. */
export const ListFilters = ({
  id,
  search,
  onSearch,
  choice,
  onChoose,
  shown,
  total,
  unit,
}: ListFiltersProps) => (
  <>
    <form class="filters" onSubmit={(e) => e.preventDefault()}>
      <UnitSearch id={`${id}-search`} value={search} onChange={onSearch} />
      <SelectField
        inline
        id={`${id}-choice`}
        label={choice.label}
        value={choice.value}
        options={choice.options}
        onChange={onChoose}
      />
    </form>
    <FilterCount shown={shown} total={total} {...(unit ? { unit } : {})} />
  </>
);
