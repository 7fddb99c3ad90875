/**
 * 季度上报: unit reporters and heads see their own unit's worksheet of the open (or chosen) period;
 * the admin, leaders and raters pick a unit to read its worksheet and evidence, raters to review.
 */
import { useState } from 'preact/hooks';
import type { Me, Unit, Year } from '../../api';
import { api } from '../../api';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { focusWindow } from '../../format';
import { PERIOD_LABELS } from '../../labels';
import { useResource } from '../../use-resource';
import { agreementsApi } from '../agreements/agreements-api';
import type { Period, Ref } from './submissions-api';
import { submissionsApi } from './submissions-api';
import { Worksheet } from './Worksheet';

const PERIODS: Period[] = ['Q1', 'Q2', 'Q3', 'Q4'];

const fromQuery = () => {
  const q = new URLSearchParams(location.search);
  const year = Number(q.get('year'));
  const period = q.get('period');
  return {
    year: Number.isInteger(year) && year > 2000 ? year : undefined,
    period: PERIODS.find((p) => p === period),
    unitId: q.get('unit') ?? undefined,
  };
};

/** The year in progress and the period to show: the open one, else the next, else the last. */
const pickDefaults = (years: readonly Year[]) => {
  const year = years.find((y) => y.state === 'in_progress') ?? years[0];
  const period = year ? (focusWindow(year.periods, new Date())?.period ?? 'Q4') : 'Q1';
  return { year: year?.year, period };
};

export const SubmissionsPage = ({ user }: { user: Me }) => {
  const isUnitUser = user.unitId !== null && user.roles.some((r) => r === 'reporter' || r === 'unit_head');
  const seesEveryUnit = user.roles.some((r) => r === 'admin' || r === 'leader');
  const [setup] = useResource(async () => {
    const [years, units] = await Promise.all([
      api.years.list(),
      isUnitUser ? Promise.resolve([] as Unit[]) : api.units.list(),
    ]);
    if (isUnitUser || seesEveryUnit) return [years, units] as const;
    // A rater reads only the units assigned to them this year; the agreement list is narrowed alike.
    const year = fromQuery().year ?? pickDefaults(years).year;
    const readable = new Set(year ? (await agreementsApi.list(year)).map((a) => a.unitId) : []);
    return [years, units.filter((u) => readable.has(u.id))] as const;
  }, []);
  if (setup.status === 'loading') return <Loading />;
  if (setup.status === 'error') return <ErrorBanner message={setup.error.message} />;
  const [years, units] = setup.data;
  const query = fromQuery();
  const defaults = pickDefaults(years);
  const year = query.year ?? defaults.year;
  const period = query.period ?? defaults.period;
  const unitId = isUnitUser ? user.unitId! : (query.unitId ?? units[0]?.id);
  if (!year || !unitId)
    return (
      <ErrorBanner message={year && !seesEveryUnit ? '本年度尚未分派给您任何单位' : '尚无考核年度或单位'} />
    );
  return (
    <SubmissionsView user={user} initial={{ year, period, unitId }} units={units} isUnitUser={isUnitUser} />
  );
};

interface ViewProps {
  user: Me;
  initial: Ref;
  units: Unit[];
  isUnitUser: boolean;
}

/** The chosen period and unit live here and in the address (replaceState: no history entry each). */
const SubmissionsView = ({ user, initial, units, isUnitUser }: ViewProps) => {
  const [refs, setRefs] = useState(initial);
  const choose = (next: Ref) => {
    setRefs(next);
    const unit = isUnitUser ? '' : `&unit=${encodeURIComponent(next.unitId)}`;
    history.replaceState(null, '', `/submissions?year=${next.year}&period=${next.period}${unit}`);
  };
  const title = `${refs.year}年度${PERIOD_LABELS[refs.period]}材料上报`;
  return (
    <>
      <PageHeader title={title} />
      <form class="filters" onSubmit={(e) => e.preventDefault()}>
        <div class="field inline-field">
          <label for="period">考核期</label>
          <select
            id="period"
            value={refs.period}
            onChange={(e) => choose({ ...refs, period: e.currentTarget.value as Period })}
          >
            {PERIODS.map((p) => (
              <option key={p} value={p}>
                {PERIOD_LABELS[p]}
              </option>
            ))}
          </select>
        </div>
        {!isUnitUser && (
          <div class="field inline-field">
            <label for="unit">单位</label>
            <select
              id="unit"
              value={refs.unitId}
              onChange={(e) => choose({ ...refs, unitId: e.currentTarget.value })}
            >
              {units.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          </div>
        )}
      </form>
      <SheetLoader
        key={`${refs.year}-${refs.period}-${refs.unitId}`}
        user={user}
        refs={refs}
        isUnitUser={isUnitUser}
      />
    </>
  );
};

const SheetLoader = ({ user, refs, isUnitUser }: { user: Me; refs: Ref; isUnitUser: boolean }) => {
  const [sheet, reload, setSheet] = useResource(() => submissionsApi.worksheet(refs), []);
  if (sheet.status === 'loading') return <Loading />;
  if (sheet.status === 'error') {
    return (
      <ErrorBanner message={sheet.error.message}>
        <button type="button" class="button" onClick={reload}>
          重试
        </button>
      </ErrorBanner>
    );
  }
  return (
    <>
      <h2 class="unit-title">{sheet.data.unitName}</h2>
      <Worksheet
        refs={refs}
        data={sheet.data}
        onChange={(data) => setSheet({ status: 'ready', data })}
        isUnitUser={isUnitUser}
        isHead={user.roles.includes('unit_head')}
        canReview={user.roles.some((r) => r === 'rater' || r === 'admin')}
      />
    </>
  );
};
