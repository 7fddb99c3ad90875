/**
 * The checklist before the year's next step: what blocks it (with links to where it is cleared),
 * what warns (each acknowledged with a reason, kept in the year's history) and what is done.
 */
import type { Acknowledgement, Readiness } from '../api';
import { Link } from '../components/Link';

export type Reasons = Record<string, string>;

/** A reason counts from 4 characters, as the server requires. */
const given = (reason: string | undefined) => (reason ?? '').trim().length >= 4;

/** The acknowledgements to send with the move: one per warning, with its reason. */
export const acknowledgementsOf = (readiness: Readiness, reasons: Reasons): Acknowledgement[] =>
  readiness.warnings.map((w) => ({ code: w.code, reason: (reasons[w.code] ?? '').trim() }));

/** Why the step cannot be confirmed yet, or null when it can. */
export const refusalOf = (readiness: Readiness, reasons: Reasons): string | null => {
  if (readiness.blockers.length > 0) return `还有 ${readiness.blockers.length} 项未完成，处理后才能确认。`;
  const open = readiness.warnings.filter((w) => !given(reasons[w.code])).length;
  return open > 0 ? `还有 ${open} 项提醒未填写确认理由（至少 4 个字）。` : null;
};

const Targets = ({ targets }: { targets: Readiness['blockers'][number]['targets'] }) =>
  targets.length === 0 ? null : (
    <span class="check-links">
      {targets.map((t) => (
        <Link key={t.href} href={t.href}>
          {t.label}
        </Link>
      ))}
    </span>
  );

export const IssueList = ({ issues }: { issues: Readiness['blockers'] }) => (
  <ul class="check-list">
    {issues.map((b) => (
      <li key={b.code}>
        {b.message} <Targets targets={b.targets} />
      </li>
    ))}
  </ul>
);

export const YearChecklist = ({
  readiness,
  action,
  reasons,
  onReason,
}: {
  readiness: Readiness;
  action: string;
  reasons: Reasons;
  onReason: (code: string, reason: string) => void;
}) => (
  <section class="panel" aria-labelledby="checklist-heading">
    <h2 id="checklist-heading">{action}前的检查</h2>
    {readiness.blockers.length > 0 && (
      <>
        <h3>未完成（{readiness.blockers.length} 项，须先处理）</h3>
        <IssueList issues={readiness.blockers} />
      </>
    )}
    {readiness.warnings.length > 0 && (
      <>
        <h3>提醒（{readiness.warnings.length} 项，须说明理由后确认）</h3>
        <ul class="check-list">
          {readiness.warnings.map((w) => (
            <li key={w.code}>
              {w.message} <Targets targets={w.targets} />
              <div class="field">
                <label for={`ack-${w.code}`}>确认理由</label>
                <input
                  id={`ack-${w.code}`}
                  type="text"
                  maxLength={500}
                  value={reasons[w.code] ?? ''}
                  onInput={(e) => onReason(w.code, e.currentTarget.value)}
                />
              </div>
            </li>
          ))}
        </ul>
      </>
    )}
    {readiness.done.length > 0 && (
      <>
        <h3>已完成</h3>
        <ul class="check-list check-done">
          {readiness.done.map((d) => (
            <li key={d}>✓ {d}</li>
          ))}
        </ul>
      </>
    )}
  </section>
);
