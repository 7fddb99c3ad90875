/**
 * 评分分派 (/assignments, admin; leaders read): who scores what in a period. A matrix per unit
 * category (indicator × assigned raters) assigns a whole category at once; a form assigns chosen
 * units; a button copies the previous period's assignments; a form moves one assignment to another
 * rater (改派; what was scored stays in the audit trail). 回避 conflicts are marked beside each rater
 * and refused by the server with the reason, which the page shows.
 */
import { useState } from 'preact/hooks';
import type { User } from '../../../../shared/schemas/org';
import type { Me, Year } from '../../api';
import { api } from '../../api';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner, Notice } from '../../components/ErrorBanner';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { PeriodSelect, periodFromQuery, useYearChoice } from '../../components/YearChoice';
import { focusWindow } from '../../format';
import { PERIOD_LABELS } from '../../labels';
import { toApiError, useResource } from '../../use-resource';
import { agreementsApi, templatesApi } from '../agreements/agreements-api';
import { AssignByUnits, CategoryMatrix, ReassignForm } from './AssignmentForms';
import { planOf, previousPeriod } from './assignment-model';
import { assignmentsApi, type Period } from './assignments-api';
import { copyPrevious } from './copy-previous';

export const AssignmentsPage = ({ user }: { user: Me }) => {
  const [setup] = useResource(
    () => Promise.all([api.years.list(), api.users.list(), api.categories.list()]),
    [],
  );
  if (setup.status === 'loading') return <Loading />;
  if (setup.status === 'error') return <ErrorBanner message={setup.error.message} />;
  const [years, users, categories] = setup.data;
  if (years.length === 0) return <EmptyState title="尚无考核年度" />;
  const raters = users.filter((u) => u.roles.includes('rater'));
  return (
    <AssignmentsYears
      editable={user.roles.includes('admin')}
      years={years}
      raters={raters}
      categoryIds={categories.map((c) => c.id)}
    />
  );
};

interface YearsProps {
  editable: boolean;
  years: Year[];
  raters: User[];
  categoryIds: string[];
}

const AssignmentsYears = ({ editable, years, raters, categoryIds }: YearsProps) => {
  const { year, chooser } = useYearChoice(years, 'assignments-year');
  const [period, setPeriod] = useState<Period | undefined>(periodFromQuery);
  if (!year) return <EmptyState title="尚无考核年度" />;
  const shown = period ?? focusWindow(year.periods, new Date())?.period ?? 'Q1';
  return (
    <>
      <PageHeader title="评分分派">
        <p>{year.title}：分派考核组成员评分各单位的指标；与单位有关联的成员须回避。</p>
      </PageHeader>
      <form class="filters" onSubmit={(e) => e.preventDefault()}>
        {chooser}
        <PeriodSelect id="assignments-period" value={shown} onChange={setPeriod} />
      </form>
      <PeriodAssignments
        key={`${year.year}-${shown}`}
        editable={editable}
        year={year.year}
        period={shown}
        raters={raters}
        categoryIds={categoryIds}
      />
    </>
  );
};

interface PeriodProps {
  editable: boolean;
  year: number;
  period: Period;
  raters: User[];
  categoryIds: string[];
}

const PeriodAssignments = ({ editable, year, period, raters, categoryIds }: PeriodProps) => {
  const [base] = useResource(
    () =>
      Promise.all([
        agreementsApi.list(year),
        Promise.all(categoryIds.map((id) => templatesApi.get(year, id).catch(() => null))),
      ]),
    [],
  );
  const [assignments, reload] = useResource(() => assignmentsApi.list(year, period), []);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [copying, setCopying] = useState(false);
  if (base.status === 'loading' || assignments.status === 'loading') return <Loading />;
  if (base.status === 'error') return <ErrorBanner message={base.error.message} />;
  if (assignments.status === 'error') return <ErrorBanner message={assignments.error.message} />;
  const plan = planOf(base.data[0], base.data[1], period);
  if (plan.every((c) => c.units.length === 0)) {
    return (
      <EmptyState title={`${year} 年度还没有已签订的目标责任书`}>
        <p>单位签订目标责任书后，才能分派其指标的评分。</p>
      </EmptyState>
    );
  }
  const unitNames = new Map(plan.flatMap((c) => c.units.map((u) => [u.unitId, u.unitName] as const)));
  const raterNames = new Map(raters.map((r) => [r.id, r.name]));
  /** Runs one write; its message (or the server's refusal, 回避 included) shows above the forms. */
  const act = async (write: () => Promise<string>) => {
    setError(null);
    setNotice(null);
    try {
      setNotice(await write());
      reload();
      return true;
    } catch (e) {
      setError(toApiError(e).message);
      return false;
    }
  };
  const common = { year, period, raters, unitNames, act };
  const previous = previousPeriod(period);
  const copy = async () => {
    if (!previous) return;
    setCopying(true);
    await act(() => copyPrevious(year, previous, period, raterNames));
    setCopying(false);
  };
  return (
    <div class="stack">
      {notice && <Notice>{notice}</Notice>}
      {error && <ErrorBanner title="未分派" message={error} />}
      <p>
        本期共 {assignments.data.length} 项分派。
        {editable && previous && (
          <button type="button" class="button" aria-disabled={copying} onClick={() => void copy()}>
            {copying ? '正在复制…' : `复制${PERIOD_LABELS[previous]}的分派`}
          </button>
        )}
      </p>
      <CategoryMatrix
        plan={plan}
        period={period}
        year={year}
        editable={editable}
        assignments={assignments.data}
        raters={raters}
        unitNames={unitNames}
        raterNames={raterNames}
        act={act}
      />
      {editable && (
        <>
          <AssignByUnits plan={plan} {...common} />
          <ReassignForm assignments={assignments.data} raterNames={raterNames} {...common} />
        </>
      )}
    </div>
  );
};
