/**
 * 得分反查: one click from a score shows how it was built: per period the reported value and its
 * 情况说明, the evidence files, the committee's verification and the review chain (自评 → 初审 →
 * 复审 → 审定); the engine's explanation stands beside it on the results page.
 */
import { useState } from 'preact/hooks';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Loading } from '../../components/Loading';
import { PERIOD_LABELS } from '../../labels';
import { useResource } from '../../use-resource';
import { reviewsApi } from './reviews-api';

const shown = (v: unknown) =>
  v === null || v === undefined ? '—' : typeof v === 'boolean' ? (v ? '是' : '否') : String(v);

const TraceBody = ({ year, unitId, code }: { year: number; unitId: string; code: string }) => {
  const [trace] = useResource(() => reviewsApi.trace(year, unitId, code), [year, unitId, code]);
  if (trace.status === 'loading') return <Loading />;
  if (trace.status === 'error') return <ErrorBanner message={trace.error.message} />;
  return (
    <ul class="plain-list score-trace">
      {trace.data.periods.map((p) => (
        <li key={p.period}>
          <strong>{PERIOD_LABELS[p.period]}</strong>：填报值 {shown(p.reportedValue)}
          {p.narrative ? `（${p.narrative}）` : ''}
          {p.verification && (
            <>
              ；核定值 {shown(p.verification.value)}
              {p.verification.comment ? `（${p.verification.comment}）` : ''}
            </>
          )}
          {p.files.length > 0 && <>；佐证材料：{p.files.map((f) => f.name).join('、')}</>}
          {p.chain && <div class="review-chain">审核：{p.chain}</div>}
        </li>
      ))}
    </ul>
  );
};

export const ScoreTrace = ({ year, unitId, code }: { year: number; unitId: string; code: string }) => {
  const [open, setOpen] = useState(false);
  return (
    <div class="score-trace-box">
      <button type="button" class="button button-link" aria-expanded={open} onClick={() => setOpen(!open)}>
        得分反查
      </button>
      {open && <TraceBody year={year} unitId={unitId} code={code} />}
    </div>
  );
};
