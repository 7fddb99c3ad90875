/**
 * 工作台: who you are, where the year stands, the quarter windows, and what to do now; a leader
 * first reads 本年度概况 and the dashboard.
 */
import type { Me, Year } from '../api';
import { api } from '../api';
import { EmptyState } from '../components/EmptyState';
import { ErrorBanner } from '../components/ErrorBanner';
import { Link } from '../components/Link';
import { Loading } from '../components/Loading';
import { PageHeader } from '../components/PageHeader';
import { focusWindow, formatDateTime, type WindowStatus, windowStatus } from '../format';
import { PERIOD_LABELS, roleLabels, YEAR_STATE_LABELS } from '../labels';
import { PAGES } from '../navigation';
import { useResource } from '../use-resource';
import { tasksFor } from './home-tasks';
import { ObjectionCounts } from './objections/ObjectionCounts';
import { LeaderFigures } from './results/LeaderFigures';

const STATUS_TEXT: Record<WindowStatus | 'next', string> = {
  open: '正在开放',
  next: '下一窗口',
  upcoming: '未开始',
  closed: '已结束',
};

const QuarterWindows = ({ year, now }: { year: Year; now: Date }) => {
  const focus = focusWindow(year.periods, now);
  return (
    <ol class="windows">
      {year.periods.map((window) => {
        const status = windowStatus(window, now);
        const highlighted = window === focus;
        const text = STATUS_TEXT[highlighted && status === 'upcoming' ? 'next' : status];
        return (
          <li key={window.period} class={highlighted ? `window window-${status} highlighted` : 'window'}>
            <span class="window-period">{PERIOD_LABELS[window.period]}</span>
            <span class="window-time">
              {formatDateTime(window.opensAt)} 至 {formatDateTime(window.closesAt)}
            </span>
            <span class={`tag tag-${highlighted ? 'accent' : 'plain'}`}>{text}</span>
          </li>
        );
      })}
    </ol>
  );
};

const CurrentYear = ({ year, now }: { year: Year; now: Date }) => (
  <section class="panel" aria-labelledby="current-year">
    <div class="panel-heading">
      <h2 id="current-year">{year.title}</h2>
      <p class="state-line">
        当前状态：<strong class="state-badge">{YEAR_STATE_LABELS[year.state]}</strong>
      </p>
    </div>
    <h3>季度上报窗口（北京时间）</h3>
    <QuarterWindows year={year} now={now} />
  </section>
);

/** What is open for this person (the server decides): only what still waits on them. */
const OpenTasks = ({ year }: { year: number }) => {
  const [tasks] = useResource(() => api.tasks(year), [year]);
  if (tasks.status === 'loading') return <Loading />;
  if (tasks.status === 'error') return <ErrorBanner title="无法加载待办事项" message={tasks.error.message} />;
  if (tasks.data.length === 0) return <p class="muted">目前没有等待您处理的事项。</p>;
  return (
    <ul class="cards open-tasks">
      {tasks.data.map((task, i) => (
        <li key={`${task.kind}-${i}`} class="card card-open">
          <h3>
            <Link href={task.link}>{task.title}</Link>
          </h3>
          <p>
            {task.text}
            {task.dueDate && <strong>（期限 {task.dueDate}）</strong>}
          </p>
        </li>
      ))}
    </ul>
  );
};

export const Home = ({ user }: { user: Me }) => {
  const [years, reload] = useResource(() => api.years.list(), []);
  const now = new Date();
  const year = years.status === 'ready' ? years.data[0] : undefined;
  return (
    <>
      <PageHeader title="工作台">
        <p>
          {user.name}，您好！当前身份：{roleLabels(user.roles)}
          {user.unitName && `（${user.unitName}）`}
        </p>
      </PageHeader>
      {years.status === 'loading' && <Loading />}
      {years.status === 'error' && (
        <ErrorBanner title="无法加载考核年度" message={years.error.message}>
          <button type="button" class="button" onClick={reload}>
            重试
          </button>
        </ErrorBanner>
      )}
      {years.status === 'ready' &&
        (year ? (
          <CurrentYear year={year} now={now} />
        ) : (
          <EmptyState title="尚未设置考核年度">
            考核办设置年度后，这里会显示当前状态和季度上报窗口。
          </EmptyState>
        ))}
      {year && user.roles.includes('leader') && years.status === 'ready' && (
        // A year still being set up has no results yet: the figures are of the one under way.
        <LeaderFigures year={years.data.find((y) => y.state !== 'setup') ?? year} years={years.data} />
      )}
      {year && user.roles.includes('admin') && <ObjectionCounts year={year} />}
      {years.status !== 'loading' && (
        <section aria-labelledby="tasks" class="tasks">
          <h2 id="tasks">现在要做的事</h2>
          {year && <OpenTasks year={year.year} />}
          <ul class="cards">
            {tasksFor(user.roles, year, now).map((task) => (
              <li key={task.page} class="card">
                <h3>
                  <Link href={PAGES[task.page].path}>{task.title}</Link>
                </h3>
                <p>{task.text}</p>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
};
