/**
 * 季度上报: unit reporters and heads see their own unit's worksheet of the open (or chosen) period;
 * the admin, leaders and raters pick a unit to read its worksheet and evidence, raters to review.
 */
import { useState } from 'preact/hooks';
import type { Me, Unit, Year } from '../../api';
import { api } from '../../api';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Link } from '../../components/Link';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { SelectField } from '../../components/SelectField';
import { yearOptions } from '../../components/YearChoice';
import { focusWindow } from '../../format';
import { PERIOD_LABELS } from '../../labels';
import { useResource } from '../../use-resource';
import { agreementsApi } from '../agreements/agreements-api';
import { workingYear } from '../agreements/use-years';
import type { Period, Ref } from './submissions-api';
import { submissionsApi } from './submissions-api';
import { Worksheet } from './Worksheet';

const PERIODS: Period[] = ['Q1', 'Q2', 'Q3', 'Q4'];

const fromQuery = () => {
  const q = new URLSearchParams(location.search);
  const period = q.get('period');
  return { period: PERIODS.find((p) => p === period), unitId: q.get('unit') ?? undefined };
};

/** The period to show: the open one, else the next, else the last. */
const defaultPeriod = (year: Year): Period => focusWindow(year.periods, new Date())?.period ?? 'Q4';

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
    const year = workingYear(years);
    const readable = new Set(year ? (await agreementsApi.list(year)).map((a) => a.unitId) : []);
    return [years, units.filter((u) => readable.has(u.id))] as const;
  }, []);
  if (setup.status === 'loading') return <Loading />;
  if (setup.status === 'error') return <ErrorBanner message={setup.error.message} />;
  const [years, units] = setup.data;
  const year = workingYear(years);
  const unitId = isUnitUser ? user.unitId! : (fromQuery().unitId ?? units[0]?.id);
  if (!year || !unitId)
    return (
      <EmptyState title={year && !seesEveryUnit ? '本年度尚未分派给您任何单位' : '尚无考核年度或单位'} />
    );
  const period = fromQuery().period ?? defaultPeriod(years.find((y) => y.year === year)!);
  return (
    <SubmissionsView
      user={user}
      initial={{ year, period, unitId }}
      years={years}
      units={units}
      isUnitUser={isUnitUser}
    />
  );
};

interface ViewProps {
  user: Me;
  initial: Ref;
  years: Year[];
  units: Unit[];
  isUnitUser: boolean;
}

/** The chosen period and unit live here and in the address (replaceState: no history entry each). */
const SubmissionsView = ({ user, initial, years, units, isUnitUser }: ViewProps) => {
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
        {years.length > 1 && (
          <SelectField
            inline
            id="submissions-year"
            label="考核年度"
            value={refs.year}
            options={yearOptions(years)}
            onChange={(year) => {
              const next = years.find((y) => y.year === year);
              if (next) choose({ ...refs, year, period: defaultPeriod(next) });
            }}
          />
        )}
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
  if (sheet.status === 'error' && sheet.error.status === 404) {
    return <MissingAgreement user={user} refs={refs} signed={false} />;
  }
  if (sheet.status === 'error' && sheet.error.code === 'AGREEMENT_NOT_SIGNED') {
    return <MissingAgreement user={user} refs={refs} signed />;
  }
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

/**
 * No worksheet without a signed agreement: say what is missing and where it is made (retrying
 * cannot help), instead of the API's "目标责任书不存在".
 */
const MissingAgreement = ({ user, refs, signed }: { user: Me; refs: Ref; signed: boolean }) => {
  const isAdmin = user.roles.includes('admin');
  const what = signed ? '尚未签订' : '尚未生成';
  const href = isAdmin
    ? `/agreements?year=${refs.year}`
    : `/agreements/${refs.year}/${encodeURIComponent(refs.unitId)}`;
  return (
    <EmptyState title={`${refs.year} 年度目标责任书${what}`}>
      <p>
        {signed
          ? '单位负责人签订目标责任书后，才能填报本年度的季度材料。'
          : '考核办按单位类别生成并下发目标责任书后，才能填报本年度的季度材料。'}
        {!isAdmin && '可切换到其他年度查看。'}
      </p>
      {(isAdmin || signed) && <Link href={href}>{isAdmin ? '去目标责任书页面' : '查看目标责任书'}</Link>}
    </EmptyState>
  );
};
