/**
 * 评分记录: one item's score history, one click (or Enter) from the scoring panel — who changed it,
 * when, from what to what and why, newest first. Read when opened and again after each save.
 */
import { useState } from 'preact/hooks';
import { ErrorBanner } from '../../components/ErrorBanner';
import { formatDateTime } from '../../format';
import { useResource } from '../../use-resource';
import { historyLines } from './history-model';
import { type Period, scoringApi } from './scoring-api';

interface Props {
  year: number;
  period: Period;
  unitId: string;
  code: string;
  /** The signed-in rater (their own entries say 您). */
  me: string;
  /** Changes after each save, so an open history shows it. */
  revision: number;
}

const HistoryList = ({ year, period, unitId, code, me, revision }: Props) => {
  const [history, reload] = useResource(
    () => scoringApi.history(year, unitId, period, code),
    [year, period, unitId, code, revision],
  );
  if (history.status === 'loading') return <p class="muted">正在读取评分记录…</p>;
  if (history.status === 'error') {
    return (
      <ErrorBanner title="评分记录未能读取" message={history.error.message}>
        <button type="button" class="button" onClick={reload}>
          重试
        </button>
      </ErrorBanner>
    );
  }
  const lines = historyLines(history.data, me);
  if (lines.length === 0) return <p class="muted">本项尚无评分记录。</p>;
  return (
    <ol class="score-history-list">
      {lines.map((line) => (
        <li key={line.id}>
          <p>
            <time dateTime={line.at}>{formatDateTime(line.at)}</time> · {line.who} · {line.what}
          </p>
          <p>
            {line.from} → {line.to}
          </p>
          {line.reason && <p class="muted">理由：{line.reason}</p>}
        </li>
      ))}
    </ol>
  );
};

export const ScoreHistory = (props: Props) => {
  const [open, setOpen] = useState(false);
  const id = `history-${props.unitId}-${props.code}`.replace(/[^\w-]/g, '_');
  return (
    <section class="score-history" aria-label="评分记录">
      <button
        type="button"
        class="link-button"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen(!open)}
      >
        {open ? '收起评分记录' : '查看评分记录'}
      </button>
      <div id={id} hidden={!open}>
        {open && <HistoryList {...props} />}
      </div>
    </section>
  );
};
