/** The admin home's objection inbox card: how many objections stand in each state, each a link. */
import { api, type Year } from '../../api';
import { Link } from '../../components/Link';
import { useResource } from '../../use-resource';
import { countByState, INBOX_LABELS, INBOX_STATES, inboxHref } from './objection-states';

export const ObjectionCounts = ({ year }: { year: Year }) => {
  const [list] = useResource(() => api.objections.list(year.year), [year.year]);
  if (list.status !== 'ready' || list.data.length === 0) return null;
  const counts = countByState(list.data);
  return (
    <section class="panel" aria-labelledby="objection-counts">
      <h2 id="objection-counts">申诉处理（{year.year} 年度）</h2>
      <ul class="check-list">
        {INBOX_STATES.map((state) => (
          <li key={state}>
            <Link href={inboxHref(year.year, state)}>
              {INBOX_LABELS[state]}：{counts[state]} 件
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
};
