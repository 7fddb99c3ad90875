/**
 * The reported value against the unit's own work summary, as the server computed it
 * (shared/domain/extraction/summary-check.ts): the summary's sentence with the figure marked, and a
 * flag when the value differs from it or the summary has no figure for it. Nothing when the value
 * was not taken from a summary.
 */
import type { QueueItem } from './scoring-api';

/** 与工作总结不一致: the queue filter's and the flag's words. */
export const DISAGREES_LABEL = '与工作总结不一致';

export const disagreesWithSummary = (item: QueueItem): boolean => item.summary?.disagrees === true;

export const SummaryCheck = ({ item }: { item: QueueItem }) => {
  const check = item.summary;
  if (!check) return null;
  const { sentence, figure } = check;
  return (
    <div class="summary-check">
      {check.disagrees && (
        <p class="summary-flag" role="note">
          <span class="tag tag-flag">{DISAGREES_LABEL}</span> {check.message}
        </p>
      )}
      {sentence !== null && (
        <p>
          工作总结原文：
          {figure ? (
            <>
              {sentence.slice(0, figure.from)}
              <mark>{sentence.slice(figure.from, figure.to)}</mark>
              {sentence.slice(figure.to)}
            </>
          ) : (
            sentence
          )}
        </p>
      )}
    </div>
  );
};
